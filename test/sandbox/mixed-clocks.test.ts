/** The sandbox's rule for mixed clocks: a state's time never runs backwards (src/sandbox/clock-floor.ts). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListInstancesCommand,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingHost } from '../../src/events/events.js';
import { openEnvironment } from '../../src/runtime/environment.js';
import { newestInstant } from '../../src/sandbox/clock-floor.js';
import { createSandbox, openSandboxFile, readStateFile } from '../../src/sandbox/index.js';
import { type Clock, VirtualClock } from '../../src/util/clock.js';
import { clientsFor } from './helpers.js';

const DAY = 86_400_000;
/** Far from the VirtualClock's default start, on both sides, so no machine date can line up with them. */
const LATER = Date.UTC(2031, 5, 1, 12, 0, 0);
const EARLIER = Date.UTC(2024, 0, 1, 0, 0, 0);

/** A clock that is not a VirtualClock (like the system clock, it cannot be moved by the sandbox). */
function fixedClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-clocks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A day1 state file whose users were created on a clock at LATER. */
async function stateWrittenLater(name: string): Promise<{ path: string; instanceArn: string; storeId: string }> {
  const path = join(dir, name);
  const clock = new VirtualClock(LATER);
  const file = await openSandboxFile(path, { clock, create: { scenario: 'day1', seed: 3 } });
  const c = clientsFor(file.sandbox, file.sandbox.defaultCredentials()!, { region: 'eu-west-1' });
  const instance = (await c.sso.send(new ListInstancesCommand({}))).Instances?.[0];
  const storeId = instance?.IdentityStoreId as string;
  await c.ids.send(
    new CreateUserCommand({
      IdentityStoreId: storeId,
      UserName: 'later-user',
      DisplayName: 'Later User',
      Name: { GivenName: 'Later', FamilyName: 'User' },
    }),
  );
  file.close();
  return { path, instanceArn: instance?.InstanceArn as string, storeId };
}

describe('a state opened with a clock behind its newest instant', () => {
  it('records the newest instant it changed at, and never counts deadlines (expiresAt, completesAt)', async () => {
    const { path } = await stateWrittenLater('high-water.json');
    const state = readStateFile(path);
    expect(state.clockHighWater).toBe(LATER);
    expect(newestInstant(state)).toBe(LATER);
    // A credential that expires far in the future does not drag the floor forward.
    const withDeadline = structuredClone(state);
    for (const record of Object.values(withDeadline.credentials)) record.expiresAt = LATER + 365 * DAY;
    expect(newestInstant(withDeadline)).toBe(LATER);
  });

  it('moves a VirtualClock forward to the state, so nothing in it is hidden', async () => {
    const { path, storeId } = await stateWrittenLater('virtual.json');
    const clock = new VirtualClock(EARLIER);
    const file = await openSandboxFile(path, { clock });
    expect(clock.now()).toBe(LATER);
    expect(file.sandbox.clockShiftMs).toBe(0);
    const c = clientsFor(file.sandbox, file.sandbox.defaultCredentials()!, { region: 'eu-west-1' });
    const users = await c.ids.send(new ListUsersCommand({ IdentityStoreId: storeId }));
    expect(users.Users?.map((u) => u.UserName)).toContain('later-user');
    file.close();
  });

  it('runs a clock it cannot move from the state on, with durations unchanged, and says so', async () => {
    const { path, storeId, instanceArn } = await stateWrittenLater('fixed.json');
    const base = fixedClock(EARLIER);
    const file = await openSandboxFile(path, { clock: base });
    expect(file.sandbox.clockShiftMs).toBe(LATER - EARLIER);
    expect(file.sandbox.clock.now()).toBe(LATER);
    base.advance(5_000);
    expect(file.sandbox.clock.now()).toBe(LATER + 5_000);

    const c = clientsFor(file.sandbox, file.sandbox.defaultCredentials()!, { region: 'eu-west-1' });
    expect((await c.ids.send(new ListUsersCommand({ IdentityStoreId: storeId }))).Users?.length).toBeGreaterThan(1);
    // Asynchronous work started now completes after its delay on the shifted time.
    const ps = await c.sso.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Shifted' }));
    const management = Object.keys(file.sandbox.state.accounts)[0] as string;
    const userId = Object.values(file.sandbox.state.instances)[0]?.identityStore.users;
    const principalId = Object.keys(userId ?? {})[0] as string;
    const started = await c.sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: ps.PermissionSet?.PermissionSetArn,
        PrincipalType: 'USER',
        PrincipalId: principalId,
        TargetType: 'AWS_ACCOUNT',
        TargetId: management,
      }),
    );
    base.advance(60_000);
    const status = await c.sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: instanceArn,
        AccountAssignmentCreationRequestId: started.AccountAssignmentCreationStatus?.RequestId,
      }),
    );
    expect(status.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');
    file.close();
    // The high-water mark only moves forward.
    expect(readStateFile(path).clockHighWater).toBeGreaterThanOrEqual(LATER + 65_000);
  });

  it('leaves a clock ahead of the state alone', async () => {
    const { path } = await stateWrittenLater('ahead.json');
    const clock = new VirtualClock(LATER + 30 * DAY);
    const file = await openSandboxFile(path, { clock });
    expect(clock.now()).toBe(LATER + 30 * DAY);
    expect(file.sandbox.clockShiftMs).toBe(0);
    file.close();
  });

  it('finds the newest instant of a file written before the high-water mark existed', async () => {
    const { path, storeId } = await stateWrittenLater('old-format.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    delete doc.clockHighWater;
    writeFileSync(path, JSON.stringify(doc));
    const clock = new VirtualClock(EARLIER);
    const file = await openSandboxFile(path, { clock });
    expect(clock.now()).toBe(LATER);
    const c = clientsFor(file.sandbox, file.sandbox.defaultCredentials()!, { region: 'eu-west-1' });
    expect(
      (await c.ids.send(new ListUsersCommand({ IdentityStoreId: storeId }))).Users?.map((u) => u.UserName),
    ).toContain('later-user');
    file.close();
  });

  it('applies the same rule to a state imported into a running sandbox', async () => {
    const { path } = await stateWrittenLater('import.json');
    const base = fixedClock(EARLIER);
    const sandbox = createSandbox({ clock: base, scenario: 'fresh' });
    expect(sandbox.clockShiftMs).toBe(0);
    sandbox.importState(readStateFile(path));
    expect(sandbox.clock.now()).toBe(LATER);
  });

  it('warns the CLI user once and gives the engine the sandbox time', async () => {
    const { path } = await stateWrittenLater('environment.json');
    const host = new RecordingHost();
    const environment = await openEnvironment({ sandbox: path, env: {}, clock: fixedClock(EARLIER), host });
    const warnings = host.events.filter((e) => e.type === 'log' && e.code === 'environment.sandbox-clock-ahead');
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toMatch(/days ahead of this clock/);
    environment.close();
  });
});
