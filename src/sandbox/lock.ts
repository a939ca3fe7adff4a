/**
 * @module An exclusive lock on a sandbox state file, so separate processes take turns: a lock file
 * created with O_EXCL that names its holder (pid, host, time). A lock whose holder process is gone
 * is stale and taken over; a live holder is waited for, within a bound, then a SandboxError names it.
 * Turns are fair: the first waiter claims the next turn (`<lock>.next`), so a process that closes
 * and reopens at once cannot starve another.
 */

import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { SandboxError } from '../errors.js';

export interface LockInfo {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  acquiredAt: string;
  /** Distinguishes this holder from a later one with a recycled pid. */
  token: string;
}

export interface LockOptions {
  /** How long to wait for a live holder (default 30 s). */
  timeoutMs?: number;
  /** How often to retry while waiting (default 25 ms). */
  pollMs?: number;
  /** Real-time sleep (injectable for tests). */
  sleep?: (ms: number) => Promise<void>;
  /** Real time, for the timeout (injectable for tests). */
  now?: () => number;
}

export interface HeldLock {
  readonly path: string;
  readonly info: LockInfo;
  release(): void;
}

/** An unreadable lock (a holder crashed between creating and writing it) is stale after this long. */
const UNREADABLE_STALE_MS = 5000;

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.hostname === 'string' ? info : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock at `path` belongs to a process that no longer exists. */
function isStale(path: string, info: LockInfo | null, now: number): boolean {
  if (info === null) {
    try {
      return now - statSync(path).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return true;
    }
  }
  // A holder on another machine cannot be checked: only its own host can declare it gone.
  return info.hostname === hostname() && !processAlive(info.pid);
}

function tryCreate(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SandboxError(`cannot create the lock file ${path}: ${(error as Error).message}`);
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes a lock file only if it still holds what we read (not one a competitor has just written). */
function removeIfUnchanged(path: string, seen: LockInfo | null): void {
  if (JSON.stringify(readLock(path)) !== JSON.stringify(seen)) return;
  try {
    unlinkSync(path);
  } catch {
    // Someone else removed it first.
  }
}

function describeHolder(info: LockInfo | null): string {
  return info ? `process ${info.pid} on ${info.hostname} (since ${info.acquiredAt})` : 'an unknown process';
}

/** Takes the lock `<file>.lock`, waiting for a live holder up to the timeout. */
export async function acquireLock(file: string, options: LockOptions = {}): Promise<HeldLock> {
  const path = `${file}.lock`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 25;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const started = now();
  const info: LockInfo = {
    pid: process.pid,
    hostname: hostname(),
    acquiredAt: new Date(now()).toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const nextPath = `${path}.next`;
  let queued = false;
  try {
    for (;;) {
      const next = readLock(nextPath);
      const othersTurn = next !== null && next.token !== info.token;
      if (othersTurn && isStale(nextPath, next, now())) {
        removeIfUnchanged(nextPath, next);
        continue;
      }
      if (!othersTurn && tryCreate(path, info)) break;
      const holder = readLock(path);
      if (holder !== null || !othersTurn) {
        if (isStale(path, holder, now())) {
          removeIfUnchanged(path, holder);
          continue;
        }
        if (holder?.pid === process.pid && holder.hostname === info.hostname) {
          throw new SandboxError(`the sandbox state ${file} is already open in this process`);
        }
      }
      // Claim the next turn if nobody has.
      if (!queued) queued = tryCreate(nextPath, info);
      if (now() - started >= timeoutMs) {
        throw new SandboxError(
          `the sandbox state ${file} is locked by ${describeHolder(holder)}; gave up after ${Math.round(timeoutMs / 1000)}s`,
          { hints: [`if that process is gone, delete ${path}`] },
        );
      }
      await sleep(pollMs);
    }
  } finally {
    // Our turn is taken (or we gave up): let the next waiter claim it.
    if (queued && readLock(nextPath)?.token === info.token) removeIfUnchanged(nextPath, readLock(nextPath));
  }
  let held = true;
  return {
    path,
    info,
    release() {
      if (!held) return;
      held = false;
      // Never remove a lock that is no longer ours (taken over after we were judged stale).
      if (readLock(path)?.token === info.token) {
        try {
          unlinkSync(path);
        } catch {
          // Already gone.
        }
      }
    },
  };
}
