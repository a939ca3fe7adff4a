/**
 * Nothing lost, through the real CLI (issue #7 item 4): the built `gatehouse` is killed (SIGKILL, by
 * a preload that fires at a chosen rename) while it writes `~/.aws/config` and its backup, a report,
 * a plan, an imported config, an access view and a sandbox state. Every file is afterwards the
 * complete old or the complete new one; `~/.aws/config`'s backup is the original, written before
 * the first change and never replaced.
 */

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEGIN_MARKER } from '../../src/profiles/index.js';
import { readStateFile } from '../../src/sandbox/index.js';
import { prepareSandbox, STARTUP_YAML, tempDir } from '../faults/helpers.js';
import { type CliRun, ensureBuilt, runCli } from '../helpers/run-cli.js';
import { transpileTree } from '../sandbox/child-process.js';

const tmp = tempDir('cli-writers');
let preload = '';
let day1 = '';
beforeAll(async () => {
  ensureBuilt();
  preload = pathToFileURL(transpileTree('test/files/kill-on-rename-preload.ts', join(tmp.dir, 'build'))).href;
  day1 = await prepareSandbox(join(tmp.dir, 'day1.json'), { scenario: 'day1' });
}, 180_000);
afterAll(() => tmp.cleanup());

interface Kill {
  /** Basename of the file whose rename kills the process. */
  at: string;
  when: 'before' | 'after';
}

function gatehouse(args: string[], kill?: Kill, cwd = tmp.dir): Promise<CliRun> {
  return runCli(args, {
    cwd,
    env: kill
      ? {
          NODE_OPTIONS: `--import=${preload}`,
          GATEHOUSE_TEST_KILL_RENAME_TO: kill.at,
          GATEHOUSE_TEST_KILL_WHEN: kill.when,
        }
      : {},
  });
}

function expectKilled(run: CliRun): void {
  expect(run.signal, run.stderr).toBe('SIGKILL');
}

const ORIGINAL_AWS_CONFIG = '# my own settings\n[profile mine]\nregion = us-east-1\noutput = json\n';

/** A directory with an `~/.aws/config` of the user's own, and a private copy of the day1 sandbox. */
function awsHome(name: string): { dir: string; config: string; backup: string; sandbox: string } {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  const config = join(dir, 'config');
  writeFileSync(config, ORIGINAL_AWS_CONFIG, { mode: 0o600 });
  const sandbox = join(dir, 'sandbox.json');
  copyFileSync(day1, sandbox);
  return { dir, config, backup: `${config}.gatehouse.bak`, sandbox };
}

function profilesWrite(home: ReturnType<typeof awsHome>, kill?: Kill, extra: string[] = []): Promise<CliRun> {
  return gatehouse(['profiles', '--write', home.config, '--sandbox', home.sandbox, ...extra], kill, home.dir);
}

function expectMerged(config: string): void {
  const text = readFileSync(config, 'utf8');
  expect(text.startsWith(ORIGINAL_AWS_CONFIG)).toBe(true);
  expect(text).toContain(BEGIN_MARKER);
  expect(text).toContain('[sso-session ');
}

describe.concurrent('~/.aws/config and its backup across a kill', () => {
  it('killed while writing the backup: the config is untouched; the rerun backs up the original, then merges', async () => {
    const home = awsHome('kill-backup');
    expectKilled(await profilesWrite(home, { at: 'config.gatehouse.bak', when: 'before' }));
    expect(readFileSync(home.config, 'utf8')).toBe(ORIGINAL_AWS_CONFIG);
    expect(existsSync(home.backup)).toBe(false);
    // The interrupted backup left only its documented temporary file.
    expect(readdirSync(home.dir).filter((f) => f.endsWith('.tmp'))).toEqual([
      expect.stringMatching(/^\.config\.gatehouse\.bak\.\d+\.[0-9a-f]{8}\.tmp$/),
    ]);

    const rerun = await profilesWrite(home);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(readFileSync(home.backup, 'utf8')).toBe(ORIGINAL_AWS_CONFIG);
    expectMerged(home.config);
  });

  it('killed between the backup and the config: the config is the original, the backup too; the rerun merges', async () => {
    const home = awsHome('kill-config-before');
    expectKilled(await profilesWrite(home, { at: 'config', when: 'before' }));
    expect(readFileSync(home.config, 'utf8')).toBe(ORIGINAL_AWS_CONFIG);
    expect(readFileSync(home.backup, 'utf8')).toBe(ORIGINAL_AWS_CONFIG);

    const rerun = await profilesWrite(home);
    expect(rerun.code, rerun.stderr).toBe(0);
    expectMerged(home.config);
    expect(readFileSync(home.backup, 'utf8')).toBe(ORIGINAL_AWS_CONFIG);
  });

  it('killed right after the config was replaced: the config is complete; later changes never replace the backup', async () => {
    const home = awsHome('kill-config-after');
    expectKilled(await profilesWrite(home, { at: 'config', when: 'after' }));
    expectMerged(home.config);
    expect(readFileSync(home.backup, 'utf8')).toBe(ORIGINAL_AWS_CONFIG);

    const again = await profilesWrite(home);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('is up to date');
    const changed = await profilesWrite(home, undefined, ['--profile-region', 'us-west-2']);
    expect(changed.code, changed.stderr).toBe(0);
    expect(readFileSync(home.config, 'utf8')).toContain('region = us-west-2');
    expect(readFileSync(home.backup, 'utf8')).toBe(ORIGINAL_AWS_CONFIG);
  });
});

describe.concurrent('reports, plans, imported configs and access views across a kill', () => {
  it.each([
    ['audit -o', 'report.json', (out: string) => ['audit', '--format', 'json', '-o', out]],
    ['plan -o', 'plan.json', (out: string) => ['plan', '-c', STARTUP_YAML, '-o', out]],
    ['import -o', 'imported.yaml', (out: string) => ['import', '-o', out, '--force']],
    ['access -o', 'access.html', (out: string) => ['access', '--format', 'html', '-o', out]],
  ])('%s killed at the rename keeps the old file, whole', async (_name, file, args) => {
    const dir = join(tmp.dir, `writer-${file}`);
    mkdirSync(dir);
    const out = join(dir, file);
    const sandbox = join(dir, 'sandbox.json');
    copyFileSync(day1, sandbox);
    writeFileSync(out, 'the previous version\n');
    expectKilled(await gatehouse([...args(out), '--sandbox', sandbox], { at: file, when: 'before' }, dir));
    expect(readFileSync(out, 'utf8')).toBe('the previous version\n');

    const rerun = await gatehouse([...args(out), '--sandbox', sandbox], undefined, dir);
    expect(rerun.code, rerun.stderr).toBeLessThanOrEqual(1);
    expect(readFileSync(out, 'utf8')).not.toBe('the previous version\n');
  });

  it('a sandbox state killed while being replaced stays the old state, and the next run takes over its lock', async () => {
    const dir = join(tmp.dir, 'sandbox-state');
    mkdirSync(dir);
    const state = await prepareSandbox(join(dir, 'state.json'), { scenario: 'org' });
    const killed = await gatehouse(
      ['sandbox', 'create', '--scenario', 'day1', '--state', state, '--force'],
      { at: 'state.json', when: 'before' },
      dir,
    );
    expectKilled(killed);
    expect(readStateFile(state).scenario).toBe('org');
    // The killed process still "holds" the lock file; its pid is gone, so the next run takes over.
    expect(existsSync(`${state}.lock`)).toBe(true);
    const audit = await gatehouse(['audit', '--all', '--sandbox', state, '--check', 'organization.'], undefined, dir);
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toContain('organization.exists');
  });
});
