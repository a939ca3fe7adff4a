/**
 * Nothing lost (issue #7 item 4): `writeFileAtomic` under SIGKILL, in real child processes.
 *
 * 1. At each point of a write (before the temporary file exists, half the bytes written, before
 *    fsync, before and after the rename) the target is the complete old or the complete new file.
 * 2. Killed at seeded random moments while writing 1 MB versions in a loop: always one complete
 *    version, and the only other files are the documented `.<name>.<pid>.<8 hex>.tmp` leftovers.
 * 3. Leftovers are removed by the next write of the same file once their process is gone and they
 *    are older than a minute — never a live writer's, never another file's.
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { tempDir } from '../faults/helpers.js';
import { start, transpileTree, waitForLine } from '../sandbox/child-process.js';
import { completeVersion, versionContent } from './crash-content.js';

const tmp = tempDir('atomic');
let child = '';
beforeAll(() => {
  child = transpileTree('test/files/crash-writer-child.ts', join(tmp.dir, 'build'));
}, 60_000);
afterAll(() => tmp.cleanup());

const SIZE = 1024 * 1024;
const LEFTOVER = /^\.target\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => LEFTOVER.test(f));
}

/** A minute and a bit ago: what a leftover looks like to the next write after a crash. */
/** Makes files two minutes older than when they were written, on the file system's own clock. */
function age(dir: string, files: string[]): void {
  for (const f of files) {
    const past = new Date(statSync(join(dir, f)).mtimeMs - 120_000);
    utimesSync(join(dir, f), past, past);
  }
}

describe('a write killed at each point', () => {
  it.each([
    ['open', 1, 0],
    ['half-written', 1, 1],
    ['before-fsync', 1, 1],
    ['before-rename', 1, 1],
    ['after-rename', 2, 0],
  ] as const)(
    '%s: the file is version %i, %i leftover temporary file(s)',
    async (point, version, expectedLeftovers) => {
      const dir = join(tmp.dir, `point-${point}`);
      mkdirSync(dir);
      const target = join(dir, 'target');
      writeFileAtomic(target, versionContent(1, SIZE));
      const run = start(child, ['crash-at', point, target, '2', String(SIZE)]);
      const finished = await run.done;
      expect(run.child.signalCode, finished.stderr).toBe('SIGKILL');
      expect(finished.stdout).toBe('');
      expect(completeVersion(readFileSync(target, 'utf8'))).toBe(version);
      const left = leftovers(dir);
      expect(left).toHaveLength(expectedLeftovers);
      for (const f of left) expect(LEFTOVER.exec(f)?.[1]).toBe(String(run.child.pid));
      expect(readdirSync(dir).sort()).toEqual([...left, 'target'].sort());

      // The next write replaces the file and, once the leftover is old, removes it.
      age(dir, left);
      writeFileAtomic(target, versionContent(3, SIZE));
      expect(completeVersion(readFileSync(target, 'utf8'))).toBe(3);
      expect(readdirSync(dir)).toEqual(['target']);
    },
  );
});

/** mulberry32: the kill delays are seeded, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('writes killed at random moments', () => {
  it('always leave one complete version (20 kills, seed 7)', async () => {
    const dir = join(tmp.dir, 'random');
    mkdirSync(dir);
    const target = join(dir, 'target');
    writeFileAtomic(target, versionContent(0, SIZE));
    const random = seeded(7);
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const run = start(child, ['loop', target, String(SIZE)]);
      await waitForLine(run, 'ready');
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 40)));
      run.child.kill('SIGKILL');
      await run.done;
      const version = completeVersion(readFileSync(target, 'utf8'));
      expect(version, `kill ${i}`).not.toBeNull();
      seen.add(version!);
      expect(readdirSync(dir).filter((f) => f !== 'target' && !LEFTOVER.test(f))).toEqual([]);
    }
    // Each child wrote at least its first version.
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(1);
    age(dir, leftovers(dir));
    writeFileAtomic(target, versionContent(99, 10));
    expect(readdirSync(dir)).toEqual(['target']);
  }, 60_000);
});

describe('leftover temporary files', () => {
  it('are removed only when their process is gone and they are over a minute old, and only for the same file', async () => {
    const dir = join(tmp.dir, 'sweep');
    mkdirSync(dir);
    const target = join(dir, 'target');
    // A process that is alive (holding its write in progress, as far as anyone can tell).
    const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => alive.on('exit', resolve));
    onTestFinished(() => {
      alive.kill('SIGKILL');
    });
    const livePid = alive.pid!;
    // A process that has exited.
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => gone.on('exit', resolve));
    const deadPid = gone.pid!;
    const files = {
      live: `.target.${livePid}.0000aaaa.tmp`,
      deadOld: `.target.${deadPid}.0000bbbb.tmp`,
      deadYoung: `.target.${deadPid}.0000cccc.tmp`,
      otherFile: `.other.${deadPid}.0000dddd.tmp`,
      notOurs: '.target.notes.tmp',
    };
    for (const f of Object.values(files)) writeFileSync(join(dir, f), 'partial');
    age(dir, [files.live, files.deadOld, files.otherFile, files.notOurs]);

    writeFileAtomic(target, 'new');
    const left = new Set(readdirSync(dir));
    expect(left.has(files.deadOld)).toBe(false);
    expect(left.has(files.live)).toBe(true);
    expect(left.has(files.deadYoung)).toBe(true);
    expect(left.has(files.otherFile)).toBe(true);
    expect(left.has(files.notOurs)).toBe(true);

    alive.kill('SIGKILL');
    await exited;
    writeFileAtomic(target, 'newer');
    expect(existsSync(join(dir, files.live))).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('newer');
  });

  it('keep the mode of an existing file and create new ones with the requested mode', () => {
    const dir = join(tmp.dir, 'modes');
    mkdirSync(dir);
    const file = join(dir, 'private');
    writeFileAtomic(file, 'a', { mode: 0o600 });
    expect(readdirSync(dir)).toEqual(['private']);
    writeFileAtomic(file, 'b');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
