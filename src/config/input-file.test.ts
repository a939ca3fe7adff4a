import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputFileError } from '../errors.js';
import { decodeText, formatSize, readTextFile } from './input-file.js';

const options = { kind: 'config file', displayName: 'g.yaml', maxBytes: 1024 };

function refusal(bytes: number[] | Buffer): string {
  try {
    decodeText(Uint8Array.from(bytes), options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('decodeText', () => {
  test('UTF-8 text, with its BOM dropped', () => {
    expect(decodeText(Buffer.from('\ufeffversion: 1\n'), options)).toBe('version: 1\n');
    expect(decodeText(Buffer.from('name: Léa — 田中\n'), options)).toBe('name: Léa — 田中\n');
  });

  test('binary, UTF-16 and broken UTF-8 are refused in one line', () => {
    expect(refusal([0x61, 0x00, 0x62])).toBe('g.yaml is not a text file (it contains a NUL byte at offset 1)');
    expect(refusal([0xff, 0xfe, 0x61, 0x00])).toBe('g.yaml is UTF-16 text; save it as UTF-8');
    expect(refusal(Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'))).toBe(
      'g.yaml is not valid UTF-8 (byte 0xE9 at line 2, column 7); save it as UTF-8',
    );
    expect(refusal([0x61, 0xe2, 0x82])).toBe(
      'g.yaml is not valid UTF-8 (byte 0xE2 at line 1, column 2); save it as UTF-8',
    );
  });
});

describe('readTextFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-input-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = (
    name: string,
    extra: Partial<typeof options> & { readFile?: (p: string) => Promise<Uint8Array> } = {},
  ) => readTextFile(join(dir, name), { ...options, displayName: name, ...extra });

  test('reads a file', async () => {
    writeFileSync(join(dir, 'ok.yaml'), 'version: 1\n');
    await expect(read('ok.yaml')).resolves.toBe('version: 1\n');
  });

  test('missing, directory and too large are one clear line each', async () => {
    await expect(read('missing.yaml')).rejects.toThrow(
      new InputFileError('missing.yaml', 'config file missing.yaml not found'),
    );
    await expect(read('.')).rejects.toThrow('. is a directory, not a config file');
    writeFileSync(join(dir, 'big.yaml'), '');
    truncateSync(join(dir, 'big.yaml'), 3 * 1024 * 1024);
    await expect(read('big.yaml')).rejects.toThrow('big.yaml is 3 MB; a config file may be at most 1 KB');
  });

  test('an injected reader is used, and its errors are classified', async () => {
    const files: Record<string, string> = { [join(dir, 'virtual.yaml')]: 'version: 1\n' };
    const readFile = async (path: string) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return Buffer.from(text);
    };
    await expect(read('virtual.yaml', { readFile })).resolves.toBe('version: 1\n');
    await expect(read('other.yaml', { readFile })).rejects.toThrow('config file other.yaml not found');
    const denied = async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    await expect(read('x.yaml', { readFile: denied })).rejects.toThrow('cannot read x.yaml: permission denied');
    const huge = async () => new Uint8Array(2048);
    await expect(read('x.yaml', { readFile: huge })).rejects.toThrow(
      'x.yaml is 2 KB; a config file may be at most 1 KB',
    );
  });

  test('sizes read naturally', () => {
    expect(formatSize(12)).toBe('12 bytes');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5 MB');
  });
});
