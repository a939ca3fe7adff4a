/**
 * @module A `--import` preload for crash tests of the real CLI (transpiled, see
 * test/sandbox/child-process.ts): the process SIGKILLs itself at the Nth rename onto a file named
 * GATEHOUSE_TEST_KILL_RENAME_TO (its basename), before or after the rename
 * (GATEHOUSE_TEST_KILL_WHEN). Every other rename goes through untouched.
 */

import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const target = process.env.GATEHOUSE_TEST_KILL_RENAME_TO;
const when = process.env.GATEHOUSE_TEST_KILL_WHEN === 'after' ? 'after' : 'before';
const nth = Number(process.env.GATEHOUSE_TEST_KILL_NTH ?? '1');

if (target) {
  const original = fs.renameSync.bind(fs);
  let seen = 0;
  fs.renameSync = (from: fs.PathLike, to: fs.PathLike): void => {
    const hit = basename(String(to)) === target && ++seen === nth;
    if (hit && when === 'before') process.kill(process.pid, 'SIGKILL');
    original(from, to);
    if (hit && when === 'after') process.kill(process.pid, 'SIGKILL');
  };
  // Modules that import { renameSync } from 'node:fs' see the replacement (live bindings).
  syncBuiltinESMExports();
}
