/**
 * @module Reading files gatehouse is given (the config, policy files it references) as UTF-8 text,
 * refusing quickly and in one line anything that is not: missing, a directory, unreadable, too large,
 * binary or not UTF-8. Nothing read here is ever executed.
 */

import { open } from 'node:fs/promises';
import { InputFileError } from '../errors.js';

/** Reads a whole file; injectable for tests. Errors carry Node's `code` (ENOENT, EISDIR, EACCES). */
export type ReadFile = (path: string) => Promise<Uint8Array>;

/** What the file is, for messages: "config file", "policy file". */
export interface ReadTextOptions {
  kind: string;
  maxBytes: number;
  /** The name shown in messages (the path as the user wrote it). */
  displayName: string;
  readFile?: ReadFile;
}

export async function readTextFile(path: string, options: ReadTextOptions): Promise<string> {
  const bytes = options.readFile ? await readInjected(path, options) : await readFromDisk(path, options);
  if (bytes.length > options.maxBytes) throw tooLarge(bytes.length, options);
  return decodeText(bytes, options);
}

async function readInjected(path: string, options: ReadTextOptions): Promise<Uint8Array> {
  try {
    return await options.readFile!(path);
  } catch (error) {
    throw fileError(error, options);
  }
}

async function readFromDisk(path: string, options: ReadTextOptions): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
    // Refuse before reading: a 50 MB file must not cost 50 MB.
    if (stat.size > options.maxBytes) throw tooLarge(stat.size, options);
    return await handle.readFile();
  } catch (error) {
    throw fileError(error, options);
  } finally {
    await handle?.close();
  }
}

function tooLarge(size: number, options: ReadTextOptions): InputFileError {
  return new InputFileError(
    options.displayName,
    `${options.displayName} is ${formatSize(size)}; a ${options.kind} may be at most ${formatSize(options.maxBytes)}`,
  );
}

function fileError(error: unknown, options: ReadTextOptions): InputFileError {
  if (error instanceof InputFileError) return error;
  const name = options.displayName;
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputFileError(name, `${options.kind} ${name} not found`, { cause: error });
    case 'EISDIR':
      return new InputFileError(name, `${name} is a directory, not a ${options.kind}`, { cause: error });
    case 'ENOTFILE':
      return new InputFileError(name, `${name} is not a regular file`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new InputFileError(name, `cannot read ${name}: permission denied`, { cause: error });
    default: {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return new InputFileError(name, `cannot read ${name}: ${reason}`, { cause: error });
    }
  }
}

/** Bytes → text: UTF-8 only (a UTF-8 BOM is dropped); binary and other encodings are refused. */
export function decodeText(bytes: Uint8Array, options: { kind: string; displayName: string }): string {
  const name = options.displayName;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(`${name} is UTF-16 text; save it as UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail(`${name} is not a text file (it contains a NUL byte at offset ${nul})`);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text;
  } catch {
    const { offset, line, column } = firstInvalidUtf8(bytes);
    const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
    return fail(`${name} is not valid UTF-8 (byte 0x${byte} at line ${line}, column ${column}); save it as UTF-8`);
  }

  function fail(message: string): never {
    throw new InputFileError(name, message);
  }
}

/** Where the first byte that breaks UTF-8 is (line and column counted in characters). */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return { offset: i, line, column };
    for (let k = 1; k < length; k++) {
      if ((bytes[i + k]! & 0xc0) !== 0x80) return { offset: i, line, column };
    }
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { offset: Math.max(0, bytes.length - 1), line, column };
}

/** Rounds up (to 0.1), so a file just over a limit never reads as exactly the limit. */
export function formatSize(bytes: number): string {
  const up = (n: number) => (Math.ceil(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
  if (bytes >= 1024 * 1024) return `${up(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${up(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
