/** @module Atomic file writes: a crash at any point leaves either the old file or the new one, never a mix. */

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputPathError } from '../errors.js';

export interface AtomicWriteOptions {
  /** File mode for a new file (an existing file keeps its mode). Default 0o644; use 0o600 for private files. */
  mode?: number;
}

/**
 * Writes `content` to a temporary file in the same directory, fsyncs it, then renames it over
 * `path` (rename is atomic on POSIX filesystems) and fsyncs the directory.
 *
 * The temporary file is `.<name>.<pid>.<8 hex>.tmp`. A writer killed mid-write leaves it behind
 * (never a damaged `path`); the next successful write of the same file removes such leftovers
 * once their process is gone and they are older than a minute.
 */
export function writeFileAtomic(
  shownPath: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const path = resolveOutputTarget(shownPath);
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = options.mode ?? 0o644;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    // New file: use the requested mode.
  }
  const fd = openSync(tmp, 'wx', mode);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone.
    }
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone.
    }
    throw error;
  }
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  }
  removeAbandonedTempFiles(dir, basename(path), fileSystemNow(path));
}

/**
 * "Now" as the file system tells time: the mtime of the file just written. Ages of files are
 * measured on the clock that stamped them, not the process's (which may differ: a network file
 * system's server, or a faked process clock).
 */
function fileSystemNow(justWritten: string): number {
  try {
    return statSync(justWritten).mtimeMs;
  } catch {
    return Date.now();
  }
}

/** Symlink chains longer than this are a loop (the kernel's own limit is 40). */
const MAX_SYMLINK_HOPS = 40;

function kindOf(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * The regular file that writing `path` must replace: symlinks are followed (the link stays, its
 * target is written; a dangling link creates its target), and anything that is not a regular file
 * or a new name in an existing directory is refused with an OutputPathError (exit 2). Renaming over
 * a device, FIFO or socket would replace it with a file, which is never what the user meant.
 */
export function resolveOutputTarget(
  target: string,
  shownPath = target,
  options: { stdoutAlternative?: boolean } = {},
): string {
  const start = resolve(target);
  let path = start;
  for (let hops = 0; ; hops += 1) {
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw cannotWrite(shownPath, (error as Error).message);
      requireDirectory(shownPath, dirname(path));
      return path;
    }
    if (stats.isSymbolicLink()) {
      if (hops >= MAX_SYMLINK_HOPS)
        throw new OutputPathError(shownPath, `cannot write ${shownPath}: too many symbolic links`);
      path = resolve(dirname(path), readlinkSync(path));
      continue;
    }
    const kind = kindOf(stats);
    if (kind !== null) {
      const leadsTo = path === start ? '' : ` (it leads to ${path})`;
      throw new OutputPathError(shownPath, `cannot write ${shownPath}: it is ${kind}, not a regular file${leadsTo}`, {
        hints:
          kind === 'a directory'
            ? ['name a file inside it']
            : [
                options.stdoutAlternative
                  ? 'name a regular file, or use `-o -` to write to stdout'
                  : 'name a regular file',
              ],
      });
    }
    return path;
  }
}

function requireDirectory(shownPath: string, dir: string): void {
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch {
    throw new OutputPathError(shownPath, `cannot write ${shownPath}: the directory ${dir} does not exist`, {
      hints: [`create it first (mkdir -p ${dir})`],
    });
  }
  if (!stats.isDirectory())
    throw new OutputPathError(shownPath, `cannot write ${shownPath}: ${dir} is not a directory`);
}

function cannotWrite(shownPath: string, reason: string): OutputPathError {
  return new OutputPathError(shownPath, `cannot write ${shownPath}: ${reason}`);
}

/** Older than this, a temporary file whose process is gone is a crash leftover (not a write in progress elsewhere). */
const ABANDONED_AFTER_MS = 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeAbandonedTempFiles(dir: string, name: string, now: number): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const owner = /^(\d+)\.[0-9a-f]{8}$/.exec(entry.slice(prefix.length, -'.tmp'.length));
    if (!owner) continue;
    const pid = Number(owner[1]);
    // Our own pid cannot have a write in flight (writes are synchronous): a file with it is left
    // over from an earlier process that had the same pid (containers reuse small pids).
    if (pid !== process.pid && processAlive(pid)) continue;
    const leftover = join(dir, entry);
    try {
      if (now - statSync(leftover).mtimeMs < ABANDONED_AFTER_MS) continue;
      unlinkSync(leftover);
    } catch {
      // Already removed by another writer, or not ours to remove: leave it.
    }
  }
}
