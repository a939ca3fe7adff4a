import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runConsole } from '../../src/cli/commands/sandbox-console.js';
import { run as runCreate } from '../../src/cli/commands/sandbox-create.js';
import { SandboxError, UsageError } from '../../src/errors.js';
import { readStateFile } from '../../src/sandbox/index.js';
import { testContext } from '../helpers/cli-context.js';
import { rejection } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-sandbox-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gatehouse sandbox create', () => {
  it.each([
    ['fresh', /1 account, no organization, no Identity Center/],
    ['day1', /1 account, organization o-[a-z0-9]{10}, Identity Center in eu-west-1/],
    ['org', /7 accounts, organization o-[a-z0-9]{10}, Identity Center in eu-west-1/],
  ])('creates the %s scenario and says how to use it', async (scenario, summary) => {
    const ctx = testContext({ cwd: dir });
    const code = await runCreate({ scenario, state: `${scenario}.json` }, ctx);
    expect(code).toBe(0);
    const path = join(dir, `${scenario}.json`);
    expect(ctx.output()).toMatch(new RegExp(`^Created sandbox state ${path} \\(scenario ${scenario}: `));
    expect(ctx.output()).toMatch(summary);
    expect(ctx.notes).toEqual([
      `Use it with: gatehouse audit --sandbox ${path}`,
      `         or: export GATEHOUSE_SANDBOX=${path}`,
      'Console-only steps: gatehouse sandbox console list',
    ]);
    expect(readStateFile(path).scenario).toBe(scenario);
  });

  it('creates the large scenario from sizes and a seed', async () => {
    const ctx = testContext({ cwd: dir });
    await runCreate(
      {
        scenario: 'large',
        state: 'large.json',
        seed: '9',
        size: 'accounts=30,ous=5,users=50,groups=10,memberships=60,assignments=80,permissionSets=4',
      },
      ctx,
    );
    const state = readStateFile(join(dir, 'large.json'));
    expect(state.knobs.seed).toBe(9);
    expect(Object.keys(state.accounts)).toHaveLength(31);
    expect(Object.keys(Object.values(state.instances)[0]?.assignments ?? {})).toHaveLength(80);
  });

  it('uses --sandbox, then GATEHOUSE_SANDBOX, then ./gatehouse-sandbox.json', async () => {
    const sub = mkdtempSync(join(dir, 'defaults-'));
    await runCreate({ scenario: 'fresh' }, testContext({ cwd: sub, globals: { sandbox: 'from-global.json' } }));
    expect(existsSync(join(sub, 'from-global.json'))).toBe(true);
    await runCreate({ scenario: 'fresh' }, testContext({ cwd: sub, env: { GATEHOUSE_SANDBOX: 'from-env.json' } }));
    expect(existsSync(join(sub, 'from-env.json'))).toBe(true);
    await runCreate({ scenario: 'fresh' }, testContext({ cwd: sub }));
    expect(existsSync(join(sub, 'gatehouse-sandbox.json'))).toBe(true);
  });

  it('refuses to overwrite without --force and rejects bad input as usage errors', async () => {
    const ctx = testContext({ cwd: dir });
    await runCreate({ scenario: 'fresh', state: 'twice.json' }, ctx);
    const exists = await rejection(runCreate({ scenario: 'org', state: 'twice.json' }, ctx));
    expect(exists).toBeInstanceOf(SandboxError);
    expect(exists.exitCode).toBe(2);
    expect(exists.hints).toEqual(['use --force to replace it']);
    await runCreate({ scenario: 'org', state: 'twice.json', force: true }, ctx);
    expect(readStateFile(join(dir, 'twice.json')).scenario).toBe('org');
    expect(await rejection(runCreate({ scenario: 'moon', state: 'x.json' }, ctx))).toBeInstanceOf(UsageError);
    expect(await rejection(runCreate({ scenario: 'org', state: 'x.json', seed: '-1' }, ctx))).toBeInstanceOf(
      UsageError,
    );
    const size = await rejection(runCreate({ scenario: 'org', state: 'x.json', size: 'accounts=3' }, ctx));
    expect(size.message).toBe('--size applies to the large scenario only');
    const badSize = await rejection(runCreate({ scenario: 'large', state: 'x.json', size: 'accounts' }, ctx));
    expect(badSize).toBeInstanceOf(SandboxError);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('never prints the sandbox credentials, even chosen marker values', async () => {
    const ctx = testContext({ cwd: dir });
    await runCreate({ scenario: 'org', state: 'secret.json' }, ctx);
    const state = readStateFile(join(dir, 'secret.json'));
    const creds = state.credentials[state.defaultAccessKeyId as string];
    const printed = ctx.output() + ctx.notes.join('\n');
    for (const secret of [creds?.accessKeyId, creds?.secretAccessKey, creds?.sessionToken]) {
      expect(secret).toBeTruthy();
      expect(printed).not.toContain(secret);
    }
  });
});

describe('gatehouse sandbox console', () => {
  it('lists the steps with where they are in the AWS console', async () => {
    const ctx = testContext({ cwd: dir });
    expect(await runConsole({ step: 'list' }, ctx)).toBe(0);
    const out = ctx.output();
    for (const step of [
      'enable-organization-instance',
      'enable-root-mfa',
      'enable-root-hardware-mfa',
      'delete-root-access-keys',
    ]) {
      expect(out).toContain(`${step}\n  `);
    }
    expect(out).toContain('on AWS: IAM Identity Center console');
  });

  it('walks the fresh account through root MFA and deleting root keys', async () => {
    const ctx = testContext({ cwd: dir });
    await runCreate({ scenario: 'fresh', state: 'walk.json' }, ctx);
    const run = async (step: string, extra: Record<string, string> = {}) => {
      const c = testContext({ cwd: dir });
      await runConsole({ step, state: 'walk.json', ...extra }, c);
      return c.output().trim();
    };
    expect(await run('enable-root-mfa')).toBe('registered a virtual MFA device for the root user of 111111111111');
    expect(await run('enable-root-mfa')).toBe('Nothing to do: the root user of 111111111111 already has virtual MFA.');
    expect(await run('delete-root-access-keys')).toBe('deleted 1 root access key of 111111111111');
    expect(await run('delete-root-access-keys')).toBe(
      'Nothing to do: the root user of 111111111111 has no access keys.',
    );
    const root = readStateFile(join(dir, 'walk.json')).accounts['111111111111']?.iam.root;
    expect(root?.mfa?.type).toBe('virtual');
    expect(root?.accessKeys).toEqual([]);
    // Like the console's "Enable with AWS Organizations", a standalone account first gets an organization.
    expect(await run('enable-organization-instance')).toMatch(
      /^created organization o-[a-z0-9]{10} with 111111111111 as management account; enabled the organization instance of IAM Identity Center in eu-west-1: arn:aws:sso:::instance\/ssoins-/,
    );
    expect(await run('disable-iam-user-console-access', { user: 'admin' })).toBe(
      'removed the console password of IAM user admin in 111111111111',
    );
    expect(await run('disable-iam-user-console-access', { user: 'admin' })).toBe(
      'Nothing to do: IAM user admin has no console password.',
    );
    const noUser = await rejection(run('disable-iam-user-console-access', { user: 'nobody' }));
    expect(noUser).toBeInstanceOf(SandboxError);
    expect(noUser.message).toBe('IAM user nobody does not exist in account 111111111111');
    const after = readStateFile(join(dir, 'walk.json'));
    expect(after.organization?.managementAccountId).toBe('111111111111');
    expect(after.accounts['111111111111']?.iam.users.admin?.loginProfile).toBeNull();
  });

  it('enables the organization instance in the chosen region once', async () => {
    const ctx = testContext({ cwd: dir });
    await runCreate({ scenario: 'org', state: 'enable.json' }, ctx);
    const path = join(dir, 'enable.json');
    // The org scenario already has one: remove it to enable in another region.
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.instances = {};
    writeFileSync(path, JSON.stringify(doc));
    const c1 = testContext({ cwd: dir });
    await runConsole({ step: 'enable-organization-instance', state: 'enable.json', region: 'us-east-2' }, c1);
    expect(c1.output()).toMatch(
      /^enabled the organization instance of IAM Identity Center in us-east-2: arn:aws:sso:::instance\/ssoins-[0-9a-f]{16} \(identity store d-[0-9a-f]{10}\)/,
    );
    const c2 = testContext({ cwd: dir });
    await runConsole({ step: 'enable-organization-instance', state: 'enable.json' }, c2);
    expect(c2.output()).toMatch(/^Nothing to do: the organization instance already exists in us-east-2/);
    const member = await rejection(
      runConsole({ step: 'enable-organization-instance', state: 'enable.json', account: '222222222222' }, c2),
    );
    expect(member.message).toBe('only the management account 111111111111 can enable the organization instance');
    expect(
      await rejection(runConsole({ step: 'enable-root-mfa', state: 'enable.json', account: '12' }, c2)),
    ).toBeInstanceOf(UsageError);
    expect(await rejection(runConsole({ step: 'fly', state: 'enable.json' }, c2))).toBeInstanceOf(UsageError);
    const hardware = testContext({ cwd: dir });
    await runConsole({ step: 'enable-root-hardware-mfa', state: 'enable.json', account: '333333333333' }, hardware);
    expect(readStateFile(path).accounts['333333333333']?.iam.root.mfa?.type).toBe('hardware');
  });
});
