/**
 * Bad plan files (issue #7 item 2), end to end through `gatehouse apply FILE --yes`: every way a
 * saved plan can be wrong is refused with exit 4 and one clear line, and NOTHING is applied (the
 * sandbox's call record shows no write call). The one exception is a path that names no file at
 * all: a usage error, exit 2 (documented in SECURITY.md).
 */

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_FORMAT_VERSION } from '../../src/plan/actions.js';
import { serializePlan } from '../../src/plan/index.js';
import { readStateFile } from '../../src/sandbox/index.js';
import { CLI_ENTRY, cleanEnv, ensureBuilt, runCli } from '../helpers/run-cli.js';
import {
  expectOneClearError,
  hintLines,
  prepareSandbox,
  recordedCalls,
  STARTUP_YAML,
  tempDir,
  writeCalls,
} from './helpers.js';

const tmp = tempDir('plan-files');
const dir = tmp.dir;
/** The organization the plan is made for (scenario org, seed 1): 4 actions to apply. */
const home = join(dir, 'home.json');
const planFile = join(dir, 'plan.json');
let planText = '';

beforeAll(async () => {
  ensureBuilt();
  await prepareSandbox(home, { scenario: 'org' });
  execFileSync(process.execPath, [CLI_ENTRY, 'plan', '-c', STARTUP_YAML, '--sandbox', home, '-o', planFile], {
    env: cleanEnv(),
    stdio: 'pipe',
  });
  planText = readFileSync(planFile, 'utf8');
  // Only the plan's reads so far.
  expect(writeCalls(home)).toEqual([]);
}, 180_000);
afterAll(() => tmp.cleanup());

function withFile(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function edited(change: (plan: Record<string, unknown>) => void, options: { rechecksum: boolean }): string {
  const doc = JSON.parse(planText) as Record<string, unknown>;
  change(doc);
  if (!options.rechecksum) return `${JSON.stringify(doc, null, 2)}\n`;
  const { checksum: _old, ...body } = doc;
  return serializePlan(body as never);
}

/** A copy of the home sandbox (its own call record) to apply to. */
async function targetCopy(name: string): Promise<string> {
  const path = join(dir, `${name}.json`);
  copyFileSync(home, path);
  return path;
}

async function applyRefused(file: string, target: string, exitCode: number, line: RegExp, env = {}) {
  const before = recordedCalls(target).length;
  const run = await runCli(['apply', file, '-c', STARTUP_YAML, '--sandbox', target, '--yes'], { env, cwd: dir });
  expectOneClearError(run, exitCode, line);
  expect(run.stdout).toBe('');
  // Nothing applied: no write call, the organization instance still has no permission set.
  expect(writeCalls(target)).toEqual([]);
  expect(
    recordedCalls(target)
      .slice(before)
      .every((c) => !/^(Create|Delete|Put|Attach|Provision)/.test(c.operation)),
  ).toBe(true);
  const instance = Object.values(readStateFile(target).instances)[0];
  expect(Object.keys(instance?.permissionSets ?? {})).toEqual([]);
  return run;
}

describe.concurrent('gatehouse apply refuses a bad plan file and applies nothing', () => {
  it('edited by hand (a field changed, checksum left): exit 4', async () => {
    const file = withFile(
      'edited.json',
      edited(
        (p) => {
          const actions = p.actions as { address: string; after: { sessionDuration?: string } }[];
          actions.find((a) => a.address === 'permission-set/Admin')!.after.sessionDuration = 'PT12H';
        },
        { rechecksum: false },
      ),
    );
    const run = await applyRefused(
      file,
      await targetCopy('t-edited'),
      4,
      /^error: .*edited\.json: the plan was modified after it was written \(checksum mismatch\)$/,
    );
    expect(hintLines(run)).toContain('  plans must not be edited: change the config instead');
  });

  it('edited on purpose (an extra admin policy, checksum recomputed): exit 4, the actions are not what the config plans', async () => {
    const file = withFile(
      'tampered.json',
      edited(
        (p) => {
          const actions = p.actions as { address: string; after: { managedPolicies: string[] } }[];
          actions
            .find((a) => a.address === 'permission-set/PowerUser')!
            .after.managedPolicies.push('arn:aws:iam::aws:policy/IAMFullAccess');
        },
        { rechecksum: true },
      ),
    );
    await applyRefused(
      file,
      await targetCopy('t-tampered'),
      4,
      /^error: .*tampered\.json is not what the configuration plans for what is live \(different actions\): the plan file was changed after it was written$/,
    );
  });

  it('from another organization: exit 4', async () => {
    const other = await prepareSandbox(join(dir, 't-other-org.json'), { scenario: 'org', seed: 2 });
    const run = await applyRefused(
      planFile,
      other,
      4,
      /^error: the plan was made for organization o-[a-z0-9]{10}, but this is organization o-[a-z0-9]{10}$/,
    );
    const [made, here] = [...errorOrgs(run.stderr)];
    expect(made).not.toBe(here);
  });

  it('from another account (signed in to a member account): exit 4', async () => {
    // The same organization (same scenario and seed), entered as a member account.
    const target = await prepareSandbox(join(dir, 't-other-account.json'), {
      scenario: 'org',
      setup: (sandbox) => {
        sandbox.issueCredentials({
          accountId: '222222222222',
          principal: { roleName: 'OrganizationAccountAccessRole', sessionName: 'someone' },
          accessKeyId: 'ASIAOTHERACCOUNT0001',
          secretAccessKey: 'other-account-secret-00000000000000000000',
          sessionToken: 'other-account-session-token',
          expiresInMs: 3_600_000,
        });
      },
    });
    await applyRefused(
      planFile,
      target,
      4,
      /^error: the plan was made in account 111111111111, but you are signed in to 222222222222$/,
      {
        AWS_ACCESS_KEY_ID: 'ASIAOTHERACCOUNT0001',
        AWS_SECRET_ACCESS_KEY: 'other-account-secret-00000000000000000000',
        AWS_SESSION_TOKEN: 'other-account-session-token',
      },
    );
  });

  it('made from another config (the config changed since): exit 4', async () => {
    const changed = join(dir, 'changed.yaml');
    writeFileSync(
      changed,
      readFileSync(STARTUP_YAML, 'utf8').replace('sessionDuration: PT8H', 'sessionDuration: PT6H'),
    );
    const target = await targetCopy('t-config');
    const before = recordedCalls(target).length;
    const run = await runCli(['apply', planFile, '-c', changed, '--sandbox', target, '--yes'], { cwd: dir });
    expectOneClearError(
      run,
      4,
      /^error: .*plan\.json was made from .*startup\.yaml, not from .*changed\.yaml \(the configuration loaded, which plans something else\)$/,
    );
    expect(
      recordedCalls(target)
        .slice(before)
        .filter((c) => /^(Create|Delete|Put|Attach)/.test(c.operation)),
    ).toEqual([]);
  });

  it.each<[string, () => string, RegExp, string?]>([
    [
      'an older format version',
      () => edited((p) => (p.formatVersion = PLAN_FORMAT_VERSION - 1), { rechecksum: true }),
      new RegExp(
        `^error: .*: plan format version ${PLAN_FORMAT_VERSION - 1} is not supported; this gatehouse reads version ${PLAN_FORMAT_VERSION}$`,
      ),
      'the plan was written by an older gatehouse',
    ],
    [
      'a newer format version',
      () => edited((p) => (p.formatVersion = PLAN_FORMAT_VERSION + 1), { rechecksum: true }),
      /^error: .*: plan format version \d+ is not supported/,
      'upgrade gatehouse',
    ],
    [
      'truncated',
      () => planText.slice(0, Math.floor(planText.length / 2)),
      /^error: .*: plan file is truncated or not JSON$/,
    ],
    ['not JSON', () => 'apply everything, please\n', /^error: .*: plan file is truncated or not JSON$/],
    ['empty', () => '', /^error: .*: plan file is truncated or not JSON$/],
    ['a JSON array', () => '[]', /^error: .*: not a gatehouse plan \(expected a JSON object\)$/],
    [
      'another JSON document',
      () => '{"format":"terraform-plan"}',
      /^error: .*: not a gatehouse plan \(format is "terraform-plan"\)$/,
    ],
    [
      'the right header with broken actions',
      () => edited((p) => (p.actions = 'everything'), { rechecksum: true }),
      /^error: .*: not a valid gatehouse plan: actions: /,
    ],
  ])('%s: exit 4', async (name, content, line, hint) => {
    const file = withFile(`bad-${name.replace(/\W+/g, '-')}.json`, content());
    const run = await applyRefused(file, await targetCopy(`t-${name.replace(/\W+/g, '-')}`), 4, line);
    if (hint) expect(hintLines(run).join('\n')).toContain(hint);
  });

  it('a directory: exit 4', async () => {
    const path = join(dir, 'plan-dir.json');
    mkdirSync(path);
    await applyRefused(path, await targetCopy('t-dir'), 4, /is a directory, not a plan file$/);
  });

  it('huge (300 MB, sparse): exit 4 before reading it', async () => {
    const path = withFile('huge.json', '');
    truncateSync(path, 300 * 1024 * 1024);
    await applyRefused(path, await targetCopy('t-huge'), 4, /huge\.json is 300 MB; a plan file may be at most 256 MB$/);
  });

  it('binary: exit 4', async () => {
    const file = withFile('binary.json', Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]));
    await applyRefused(
      file,
      await targetCopy('t-binary'),
      4,
      /binary\.json is not a text file \(it contains a NUL byte at offset 1\)$/,
    );
  });

  it('a path that names nothing: exit 2 (a usage error, documented)', async () => {
    await applyRefused(
      join(dir, 'no-such-plan.json'),
      await targetCopy('t-missing'),
      2,
      /^error: plan file .*no-such-plan\.json not found$/,
    );
  });
});

describe('the same plan, untouched', () => {
  it('applies (the refusals above were about the files, not the setup)', async () => {
    const run = await runCli(['apply', planFile, '-c', STARTUP_YAML, '--sandbox', home, '--yes'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Apply complete: 4 added');
    expect(writeCalls(home).map((c) => c.operation)).toEqual(
      expect.arrayContaining(['CreateUser', 'CreatePermissionSet', 'CreateAccountAssignment']),
    );
  });
});

function errorOrgs(stderr: string): string[] {
  return stderr.match(/o-[a-z0-9]{10}/g) ?? [];
}
