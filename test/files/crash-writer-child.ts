/**
 * @module A child process for the crash tests (transpiled, see test/sandbox/child-process.ts).
 * `crash-at POINT FILE VERSION SIZE`: writes VERSION with writeFileAtomic and kills itself (SIGKILL)
 * at POINT: `open` (before the temporary file exists), `half-written` (half the bytes written),
 * `before-fsync`, `before-rename`, `after-rename` (before the directory fsync).
 * `loop FILE SIZE`: writes versions 1, 2, 3, … forever, printing `ready` after the first.
 */

import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { versionContent } from './crash-content.js';

const [mode, ...args] = process.argv.slice(2);

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Replaces an fs function for every importer (node:fs named imports follow syncBuiltinESMExports). */
function patch(
  name: 'openSync' | 'writeSync' | 'fsyncSync' | 'renameSync',
  replace: (original: AnyFunction) => AnyFunction,
): void {
  const table = fs as unknown as Record<string, AnyFunction>;
  table[name] = replace(table[name]!.bind(fs));
  syncBuiltinESMExports();
}

function armCrash(point: string): void {
  const isTemp = (path: unknown) => String(path).endsWith('.tmp');
  switch (point) {
    case 'open':
      patch('openSync', (original) => (path, ...rest) => {
        if (isTemp(path)) die();
        return original(path, ...rest);
      });
      return;
    case 'half-written':
      patch('writeSync', (original) => (fd, buffer, offset = 0, length) => {
        const bytes = buffer as Uint8Array;
        const total = typeof length === 'number' ? length : bytes.length;
        original(fd, bytes, offset, Math.floor(total / 2));
        die();
      });
      return;
    case 'before-fsync':
      patch('fsyncSync', () => () => die());
      return;
    case 'before-rename':
      patch('renameSync', () => () => die());
      return;
    case 'after-rename':
      patch('renameSync', (original) => (from, to) => {
        original(from, to);
        die();
      });
      return;
    default:
      throw new Error(`unknown crash point ${point}`);
  }
}

if (mode === 'crash-at') {
  const [point, file, version, size] = args as [string, string, string, string];
  // atomic-write's `node:fs` imports are live bindings: they see the patch.
  armCrash(point);
  writeFileAtomic(file, versionContent(Number(version), Number(size)));
  process.stdout.write('survived\n');
} else if (mode === 'loop') {
  const [file, size] = args as [string, string];
  for (let version = 1; ; version++) {
    writeFileAtomic(file, versionContent(version, Number(size)));
    if (version === 1) process.stdout.write('ready\n');
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
