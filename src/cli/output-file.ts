/**
 * @module Where a command's `-o FILE` goes: `-o -`, `/dev/stdout` or any path that is this process's
 * stdout means stdout (written, never replaced); anything else must be a regular file or a new name
 * in an existing directory (checked before the work starts, so a typo costs nothing).
 */

import { fstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveOutputTarget, writeFileAtomic } from '../util/atomic-write.js';
import type { CliContext } from './context.js';

/** Whether `shown` names this process's stdout: `-`, or a path (`/dev/stdout`, `/dev/fd/1`) to the same open file. */
export function isStdoutPath(shown: string, cwd: string): boolean {
  if (shown === '-') return true;
  try {
    const target = statSync(resolve(cwd, shown));
    const stdout = fstatSync(1);
    return target.dev === stdout.dev && target.ino === stdout.ino;
  } catch {
    return false;
  }
}

/** Refuses (exit 2, one line) an output path that cannot be written, before any work is done. */
export function checkOutputPath(shown: string, cwd: string): void {
  if (!isStdoutPath(shown, cwd)) resolveOutputTarget(resolve(cwd, shown), shown, { stdoutAlternative: true });
}

/**
 * Writes a command's result to `shown` (atomically, following symlinks) or to stdout when `shown`
 * names it. Returns where it went, so the command's note can say so.
 */
export function writeOutput(
  ctx: Pick<CliContext, 'out' | 'cwd'>,
  shown: string,
  text: string,
  options: { mode?: number } = {},
): 'stdout' | 'file' {
  if (isStdoutPath(shown, ctx.cwd)) {
    ctx.out(text);
    return 'stdout';
  }
  writeFileAtomic(resolve(ctx.cwd, shown), text, options);
  return 'file';
}
