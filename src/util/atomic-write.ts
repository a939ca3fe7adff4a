/** @module Atomic file writes: a crash at any point leaves either the old file or the new one, never a mix. */

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
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
