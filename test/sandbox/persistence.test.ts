import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListUsersCommand } from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListInstancesCommand,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxError } from '../../src/errors.js';
import { openSandboxFile, readStateFile } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { start, transpileTree, waitForLine } from './child-process.js';
import { clientsFor, rejection } from './helpers.js';

let dir: string;
let childScript: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-sandbox-'));
  childScript = transpileTree('test/sandbox/state-file-child.ts', join(dir, 'build'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fileIn(name: string): string {
  return join(dir, name);
}

describe('the state file', () => {
  it('is created from a scenario, versioned, private, and shared by a later open', async () => {
    const path = fileIn('create.json');
    const clock = new VirtualClock();
    const created = await openSandboxFile(path, { clock, create: { scenario: 'org', seed: 5 } });
    const InstanceArn = Object.values(created.sandbox.state.instances)[0]?.arn;
    created.close();
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    expect(doc).toMatchObject({ format: 'gatehouse-sandbox', version: 1, scenario: 'org', knobs: { seed: 5 } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}.lock`)).toBe(false);

    const again = await openSandboxFile(path, { clock });
    const c = clientsFor(again.sandbox, again.sandbox.defaultCredentials()!, { region: 'eu-west-1' });
    expect((await c.sso.send(new ListInstancesCommand({}))).Instances?.[0]?.InstanceArn).toBe(InstanceArn);
    const ps = await c.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: 'Admin' }));
    again.close();
    expect(
      readStateFile(path).instances[InstanceArn as string]?.permissionSets[ps.PermissionSet?.PermissionSetArn as string]
        ?.name,
    ).toBe('Admin');
  });

  it('completes asynchronous work in a later process by the clock, not by who started it', async () => {
    const path = fileIn('async.json');
    const clock = new VirtualClock();
    const first = await openSandboxFile(path, {
      clock,
      create: { scenario: 'day1', knobs: { completionDelayMs: 5000 } },
    });
    const c1 = clientsFor(first.sandbox, first.sandbox.defaultCredentials()!);
    const state = first.sandbox.state;
    const instance = Object.values(state.instances)[0]!;
    const admin = Object.values(instance.permissionSets).find((p) => p.name === 'PowerUser')!;
    const user = Object.values(instance.identityStore.users)[0]!;
    const started = await c1.sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: instance.arn,
        TargetId: '111111111111',
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: admin.arn,
        PrincipalType: 'USER',
        PrincipalId: user.UserId,
      }),
    );
    first.close();
    clock.advance(5000);
    const second = await openSandboxFile(path, { clock });
    const c2 = clientsFor(second.sandbox, second.sandbox.defaultCredentials()!);
    const status = await c2.sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: instance.arn,
        AccountAssignmentCreationRequestId: started.AccountAssignmentCreationStatus?.RequestId,
      }),
    );
    expect(status.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');
    second.close();
  });

  it('refuses to overwrite without overwrite, and explains missing, corrupt, foreign and newer files', async () => {
    const path = fileIn('exists.json');
    (await openSandboxFile(path, { create: { scenario: 'fresh' } })).close();
    const exists = await rejection(openSandboxFile(path, { create: { scenario: 'fresh' } }));
    expect(exists).toBeInstanceOf(SandboxError);
    expect(exists.message).toMatch(/already exists/);
    expect(existsSync(`${path}.lock`)).toBe(false);
    (await openSandboxFile(path, { create: { scenario: 'org', overwrite: true } })).close();
    expect(readStateFile(path).scenario).toBe('org');

    const cases: [string, string, RegExp][] = [
      ['corrupt.json', '{"format": "gatehouse-sandbox", "version": 1, "knobs": {', /is not valid JSON/],
      ['foreign.json', '{"name": "some-package", "version": "1.0.0"}', /is not a gatehouse sandbox state/],
      [
        'newer.json',
        '{"format": "gatehouse-sandbox", "version": 2}',
        /has version 2, written by a newer gatehouse; this one reads version 1/,
      ],
      [
        'damaged.json',
        '{"format": "gatehouse-sandbox", "version": 1, "knobs": {}}',
        /is damaged: missing or invalid rng, credentials, accounts, instances/,
      ],
      ['badknob.json', '', /invalid sandbox knob faults\[0\]\.probability/],
    ];
    const good = JSON.parse(readFileSync(path, 'utf8'));
    for (const [name, text, message] of cases) {
      const file = fileIn(name);
      const content =
        text || JSON.stringify({ ...good, knobs: { faults: [{ operation: '*', kind: 'throttle', probability: 2 }] } });
      writeFileSync(file, content);
      const error = await rejection(openSandboxFile(file));
      expect(error).toBeInstanceOf(SandboxError);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('\n');
      expect(existsSync(`${file}.lock`)).toBe(false);
    }
    const missing = await rejection(openSandboxFile(fileIn('missing.json')));
    expect(missing.message).toMatch(/^no sandbox state at .*missing\.json$/);
  });

  it('applies knobs edited by hand in the file', async () => {
    const path = fileIn('knobs.json');
    (await openSandboxFile(path, { create: { scenario: 'org' } })).close();
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.knobs.denials = ['sso:ListInstances'];
    writeFileSync(path, JSON.stringify(doc));
    const opened = await openSandboxFile(path, { clock: new VirtualClock() });
    const c = clientsFor(opened.sandbox, opened.sandbox.defaultCredentials()!);
    expect((await rejection(c.sso.send(new ListInstancesCommand({})))).name).toBe('AccessDeniedException');
    opened.close();
  });

  it('keeps the call record in the file with recordCallsInState, for runs checked afterwards', async () => {
    const path = fileIn('calls.json');
    const opened = await openSandboxFile(path, { create: { scenario: 'org', knobs: { recordCallsInState: true } } });
    const c = clientsFor(opened.sandbox, opened.sandbox.defaultCredentials()!);
    await c.sso.send(new ListInstancesCommand({}));
    await rejection(
      c.sso.send(
        new CreatePermissionSetCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000', Name: 'X' }),
      ),
    );
    opened.close();
    const calls = readStateFile(path).calls ?? [];
    expect(calls.map((call) => [call.action, call.outcome, call.accountId])).toEqual([
      ['sso:ListInstances', 'ok', '111111111111'],
      ['sso:CreatePermissionSet', 'ResourceNotFoundException', '111111111111'],
    ]);
    const again = await openSandboxFile(path);
    expect(again.sandbox.calls()).toEqual([]);
    again.sandbox.clearCalls();
    again.close();
    expect(readStateFile(path).calls).toEqual([]);
  });

  it('shares one open file within a process instead of deadlocking on its own lock', async () => {
    const path = fileIn('shared.json');
    const a = await openSandboxFile(path, { create: { scenario: 'fresh' } });
    const b = await openSandboxFile(path);
    expect(b.sandbox).toBe(a.sandbox);
    b.close();
    expect(existsSync(`${path}.lock`)).toBe(true);
    a.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('writes changes within the flush interval without a close', async () => {
    const path = fileIn('flush.json');
    const opened = await openSandboxFile(path, { create: { scenario: 'org' }, flushIntervalMs: 20 });
    opened.sandbox.setKnobs({ latencyMs: 7 });
    expect(readStateFile(path).knobs.latencyMs.default).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(readStateFile(path).knobs.latencyMs.default).toBe(7);
    opened.close();
  });
});

describe('locking across processes', () => {
  it('two processes hammering one state file never corrupt it and both sets of changes survive', async () => {
    const path = fileIn('hammer.json');
    (await openSandboxFile(path, { create: { scenario: 'org' } })).close();
    const go = fileIn('hammer.go');
    const a = start(childScript, ['hammer', path, 'alpha', '12', go]);
    const b = start(childScript, ['hammer', path, 'beta', '12', go]);
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(go, '');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra).toMatchObject({ code: 0, stderr: '' });
    expect(rb).toMatchObject({ code: 0, stderr: '' });
    const state = readStateFile(path);
    const users = Object.values(Object.values(state.instances)[0]?.identityStore.users ?? {}).map((u) => u.UserName);
    expect(users.filter((n) => n?.startsWith('alpha-'))).toHaveLength(12);
    expect(users.filter((n) => n?.startsWith('beta-'))).toHaveLength(12);
    expect(new Set(users).size).toBe(24);
    // The processes took turns: the creation order switches between them more than once.
    const switches = users.filter((n, i) => i > 0 && n?.split('-')[0] !== users[i - 1]?.split('-')[0]).length;
    expect(switches).toBeGreaterThan(1);
    expect(existsSync(`${path}.lock`)).toBe(false);
    const opened = await openSandboxFile(path, { clock: new VirtualClock() });
    const c = clientsFor(opened.sandbox, opened.sandbox.defaultCredentials()!);
    const IdentityStoreId = Object.values(opened.sandbox.state.instances)[0]?.identityStoreId;
    expect((await c.ids.send(new ListUsersCommand({ IdentityStoreId, MaxResults: 100 }))).Users).toHaveLength(24);
    opened.close();
  }, 60_000);

  it('waits for a live holder, then names it; takes over the lock of a process killed mid-work', async () => {
    const path = fileIn('held.json');
    (await openSandboxFile(path, { create: { scenario: 'org' } })).close();
    const holder = start(childScript, ['hold', path, 'held-user']);
    await waitForLine(holder, 'ready');
    const pid = holder.child.pid as number;
    const blocked = await rejection(openSandboxFile(path, { lockTimeoutMs: 150 }));
    expect(blocked).toBeInstanceOf(SandboxError);
    expect(blocked.message).toBe(
      `the sandbox state ${path} is locked by process ${pid} on ${hostname()} (since ${JSON.parse(readFileSync(`${path}.lock`, 'utf8')).acquiredAt}); gave up after 0s`,
    );
    holder.child.kill('SIGKILL');
    await holder.done;
    expect(existsSync(`${path}.lock`)).toBe(true);
    const after = await openSandboxFile(path, { lockTimeoutMs: 1000 });
    const users = Object.values(Object.values(after.sandbox.state.instances)[0]?.identityStore.users ?? {}).map(
      (u) => u.UserName,
    );
    expect(users).toEqual(['held-user']);
    after.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 30_000);
});
