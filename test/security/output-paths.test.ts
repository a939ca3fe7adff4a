/**
 * Output paths (issue 11 finding 7): `-o` and `--sandbox` never replace a device, FIFO or socket by
 * rename, follow a symlink to write its target, and a missing directory is one line with exit 2.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runAudit } from '../../src/cli/commands/audit.js';
import { run as runImport } from '../../src/cli/commands/import.js';
import { run as runPlan } from '../../src/cli/commands/plan.js';
import { isStdoutPath, writeOutput } from '../../src/cli/output-file.js';
import { ExitCode, GatehouseError, OutputPathError } from '../../src/errors.js';
import { openSandboxFile } from '../../src/sandbox/index.js';
import { resolveOutputTarget, writeFileAtomic } from '../../src/util/atomic-write.js';
import { prepareSandbox, STARTUP_YAML, tempDir } from '../faults/helpers.js';
import { testContext } from '../helpers/cli-context.js';

const tmp = tempDir('output-paths');
let sandbox = '';
beforeAll(async () => {
  sandbox = await prepareSandbox(join(tmp.dir, 'day1.json'), { scenario: 'day1' });
}, 60_000);
afterAll(() => tmp.cleanup());

function fifo(name: string): string {
  const path = join(tmp.dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/** The error `fn` throws, which must be a one-line OutputPathError (exit 2). */
function refusal(fn: () => unknown): OutputPathError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OutputPathError);
  const error = caught as OutputPathError;
  expect(error.exitCode).toBe(ExitCode.Usage);
  expect(error.message).not.toContain('\n');
  return error;
}

async function rejection(promise: Promise<unknown>): Promise<GatehouseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatehouseError);
  expect((error as GatehouseError).exitCode).toBe(ExitCode.Usage);
  expect((error as GatehouseError).message).not.toContain('\n');
  return error as GatehouseError;
}

describe('writeFileAtomic refuses what is not a regular file', () => {
  it('a FIFO stays a FIFO', () => {
    const path = fifo('report.fifo');
    const error = refusal(() => writeFileAtomic(path, 'x'));
    expect(error.message).toContain('a FIFO');
    expect(lstatSync(path).isFIFO()).toBe(true);
  });

  it('a character device (/dev/null) is refused, named as such', () => {
    expect(refusal(() => writeFileAtomic('/dev/null', 'x')).message).toContain('a character device');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a symlink to a device is refused and names where it leads', () => {
    const link = join(tmp.dir, 'to-null');
    symlinkSync('/dev/null', link);
    expect(refusal(() => writeFileAtomic(link, 'x')).message).toContain('it leads to /dev/null');
    expect(readlinkSync(link)).toBe('/dev/null');
  });

  it('a directory is refused with a hint', () => {
    const error = refusal(() => writeFileAtomic(tmp.dir, 'x'));
    expect(error.message).toContain('a directory');
    expect(error.hints).toEqual(['name a file inside it']);
  });

  it('a missing directory is one line with exit 2, not a crash', () => {
    const path = join(tmp.dir, 'missing-dir', 'r.html');
    const error = refusal(() => writeFileAtomic(path, 'x'));
    expect(error.message).toMatch(/the directory .*missing-dir does not exist/);
    // The hint, followed, works.
    const mkdir = /^create it first \((mkdir -p .*)\)$/.exec(error.hints[0] ?? '');
    expect(mkdir).not.toBeNull();
    execFileSync('sh', ['-c', mkdir![1]!]);
    writeFileAtomic(path, 'x');
    expect(readFileSync(path, 'utf8')).toBe('x');
  });
});

describe('writeFileAtomic follows symlinks', () => {
  it('writes the target and keeps the link (relative link, chain of two)', () => {
    const target = join(tmp.dir, 'real.txt');
    writeFileSync(target, 'old');
    symlinkSync('real.txt', join(tmp.dir, 'hop.txt'));
    symlinkSync('hop.txt', join(tmp.dir, 'link.txt'));
    writeFileAtomic(join(tmp.dir, 'link.txt'), 'new');
    expect(lstatSync(join(tmp.dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(tmp.dir, 'link.txt'))).toBe('hop.txt');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('a dangling link creates its target', () => {
    symlinkSync('created.txt', join(tmp.dir, 'dangling.txt'));
    writeFileAtomic(join(tmp.dir, 'dangling.txt'), 'made');
    expect(readFileSync(join(tmp.dir, 'created.txt'), 'utf8')).toBe('made');
    expect(lstatSync(join(tmp.dir, 'dangling.txt')).isSymbolicLink()).toBe(true);
  });

  it('a symlink loop is one line', () => {
    symlinkSync('loop-b', join(tmp.dir, 'loop-a'));
    symlinkSync('loop-a', join(tmp.dir, 'loop-b'));
    expect(refusal(() => resolveOutputTarget(join(tmp.dir, 'loop-a'))).message).toContain('too many symbolic links');
  });
});

describe('commands check -o before doing the work', () => {
  it('audit -o absent-dir/r.html: exit 2 at once, no sandbox read', async () => {
    const ctx = testContext({ cwd: tmp.dir, globals: { sandbox: join(tmp.dir, 'no-such-sandbox.json') } });
    const error = await rejection(
      runAudit({ config: STARTUP_YAML, format: 'html', output: 'absent-dir/r.html', failOn: 'high' }, ctx),
    );
    expect(error.code).toBe('output-path');
  });

  it('audit -o FIFO is refused; the FIFO is left as it is', async () => {
    const path = fifo('audit.fifo');
    const ctx = testContext({ cwd: tmp.dir, globals: { sandbox } });
    const error = await rejection(
      runAudit({ config: STARTUP_YAML, format: 'json', output: path, failOn: 'high' }, ctx),
    );
    expect(lstatSync(path).isFIFO()).toBe(true);
    // The other half of the hint (`-o -`) is followed by the next test.
    expect(error.hints).toEqual(['name a regular file, or use `-o -` to write to stdout']);
  });

  it('audit -o - writes the report to stdout', async () => {
    const ctx = testContext({ cwd: tmp.dir, globals: { sandbox } });
    await runAudit({ config: STARTUP_YAML, format: 'json', output: '-', failOn: 'high' }, ctx);
    expect(JSON.parse(ctx.output())).toHaveProperty('results');
    expect(existsSync(join(tmp.dir, '-'))).toBe(false);
  });

  it('/dev/stdout is this process’s stdout (written, never replaced); another device is not', () => {
    expect(isStdoutPath('/dev/stdout', tmp.dir)).toBe(true);
    expect(isStdoutPath('/dev/null', tmp.dir)).toBe(false);
    const ctx = testContext({ cwd: tmp.dir });
    expect(writeOutput(ctx, '/dev/stdout', 'report\n')).toBe('stdout');
    expect(ctx.output()).toBe('report\n');
  });

  it('import -o - prints the config instead of writing a file named "-"', async () => {
    const ctx = testContext({ cwd: tmp.dir, globals: { sandbox } });
    await runImport({ output: '-' }, ctx);
    expect(ctx.output()).toContain('version: 1');
    expect(existsSync(join(tmp.dir, '-'))).toBe(false);
  });

  it('plan -o - is refused: apply needs a file to read back', async () => {
    const ctx = testContext({ cwd: tmp.dir, globals: { sandbox } });
    const error = await rejection(runPlan({ config: STARTUP_YAML, out: '-' }, ctx));
    expect(error.message).toContain('--format json');
  });
});

describe('--sandbox FILE', () => {
  it('a FIFO is refused at once and leaves no lock', async () => {
    const path = fifo('state.fifo');
    const error = await rejection(openSandboxFile(path));
    expect(error.message).toContain('a FIFO');
    expect(error.hints).toEqual(['name a regular file']);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a symlink: the target is updated, the link stays', async () => {
    const target = join(tmp.dir, 'state-target.json');
    writeFileSync(target, readFileSync(sandbox));
    const link = join(tmp.dir, 'state-link.json');
    symlinkSync(target, link);
    const file = await openSandboxFile(link);
    const before = readFileSync(target, 'utf8');
    file.sandbox.mutate((world) => {
      world.state.credentials[world.state.defaultAccessKeyId!]!.expiresAt = 1_234_567_890_123;
    });
    file.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).not.toBe(before);
    expect(readFileSync(target, 'utf8')).toContain('1234567890123');
    expect(existsSync(`${target}.lock`)).toBe(false);
  });
});
