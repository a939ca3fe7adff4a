/**
 * @module The bad-config corpus (issue #7.1): every file in test/fixtures/bad-configs/ goes through
 * `gatehouse validate` in-process and must produce exactly the stderr lines in its `.expected` file,
 * exit 2 and no stack trace. Inputs too large or too binary to commit are generated at run time.
 * Rewrite the expectations after a deliberate change with UPDATE_FIXTURES=1 (then review the diff).
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { run } from '../../src/cli/commands/validate.js';
import { reportError } from '../../src/cli/report-error.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/bad-configs');
const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const update = process.env.UPDATE_FIXTURES === '1';

/** Runs validate like the CLI does and returns what a user sees on stderr, and the exit code. */
async function validate(file: string, cwd: string): Promise<{ exitCode: number; stderr: string; stdout: string }> {
  const ctx = testContext({ cwd, clock: new VirtualClock(NOW) });
  let stderr = '';
  let exitCode: number;
  try {
    exitCode = await run({ config: file, format: 'text' }, ctx);
  } catch (error) {
    exitCode = reportError(error, { color: false, debug: false, write: (text) => (stderr += text) });
  }
  return { exitCode, stderr: stderr + ctx.notes.join(''), stdout: ctx.output() };
}

const DIAGNOSTIC_LINE = /^[^\s:]+\.yaml:\d+:\d+: (error|warning): \S.* \[[a-z0-9-]+\]$/;
const FILE_LINE = /^error: \S.*$/;

const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('bad-config corpus', () => {
  test('has at least 50 committed cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  test.each(cases)('%s', async (file) => {
    const { exitCode, stderr, stdout } = await validate(file, FIXTURES);
    const expectedFile = join(FIXTURES, file.replace(/\.yaml$/, '.expected'));
    if (update) writeFileSync(expectedFile, stderr);
    expect(stderr).toBe(readFileSync(expectedFile, 'utf8'));
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(DIAGNOSTIC_LINE);
    expect(lines.some((line) => line.includes(': error: '))).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('inputs generated at run time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const generated: [string, () => void, RegExp][] = [
    ['missing.yaml', () => {}, /^error: config file missing\.yaml not found$/],
    [
      'a-directory.yaml',
      () => mkdirSync(join(dir, 'a-directory.yaml')),
      /^error: a-directory\.yaml is a directory, not a config file$/,
    ],
    [
      'huge.yaml',
      // A sparse 50 MB file: refused by its size, before a byte is read.
      () => {
        writeFileSync(join(dir, 'huge.yaml'), '');
        truncateSync(join(dir, 'huge.yaml'), 50 * 1024 * 1024);
      },
      /^error: huge\.yaml is 50 MB; a config file may be at most 8 MB$/,
    ],
    [
      'binary.yaml',
      () =>
        writeFileSync(
          join(dir, 'binary.yaml'),
          Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]),
        ),
      /^error: binary\.yaml is not a text file \(it contains a NUL byte at offset 7\)$/,
    ],
    [
      'latin1.yaml',
      () =>
        writeFileSync(
          join(dir, 'latin1.yaml'),
          Buffer.from('version: 1\ngroups:\n  Caf\xe9:\n    members: []\n', 'latin1'),
        ),
      /^error: latin1\.yaml is not valid UTF-8 \(byte 0xE9 at line 3, column 6\); save it as UTF-8$/,
    ],
    [
      'utf16.yaml',
      () =>
        writeFileSync(
          join(dir, 'utf16.yaml'),
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')]),
        ),
      /^error: utf16\.yaml is UTF-16 text; save it as UTF-8$/,
    ],
    [
      'random-junk.yaml',
      () => {
        // Seeded junk without NUL bytes: still not UTF-8.
        let seed = 42;
        const bytes = Buffer.alloc(4096, 0);
        for (let i = 0; i < bytes.length; i++) {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          bytes[i] = 1 + (seed % 255);
        }
        writeFileSync(join(dir, 'random-junk.yaml'), bytes);
      },
      /^error: random-junk\.yaml is not valid UTF-8 \(byte 0x[0-9A-F]{2} at line \d+, column \d+\); save it as UTF-8$/,
    ],
  ];

  test.each(generated)('%s', async (file, create, expected) => {
    create();
    const { exitCode, stderr, stdout } = await validate(file, dir);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(FILE_LINE);
    expect(lines[0]).toMatch(expected);
  });
});
