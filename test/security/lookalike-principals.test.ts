/**
 * Issue 11, finding 1 (and the look-alike names of finding 8): a principal that someone other than
 * gatehouse created, whose name equals or resembles a config principal, is never adopted with its
 * members unless the plan showed it. Each path: the plan refuses (naming the live principal and its
 * members), or apply stops as on a stale plan (exit 4) with nothing adopted.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as apply } from '../../src/cli/commands/apply.js';
import { run as plan } from '../../src/cli/commands/plan.js';
import { workspace } from '../../src/cli/commands/plan-apply.test-helpers.js';
import { ConfigError, ExitCode, StalePlanError } from '../../src/errors.js';
import { type ConfirmQuestion, RecordingHost } from '../../src/events/events.js';
import type { PlanDocument } from '../../src/plan/actions.js';
import { testContext } from '../helpers/cli-context.js';
import { accessesInFile, createGroup, createUser, outOfBand } from './identity-store.test-helpers.js';

const MGMT = '111111111111';

const config = (group: string, user = 'ada', extraGroup = '') => `version: 1
root: { mfa: required }
identityCenter: { region: eu-west-1, instance: organization }
permissionSets:
  Admin: { description: Founders, sessionDuration: PT4H, policies: [AdministratorAccess] }
users:
  ${user}: { email: ada@example.com, givenName: Ada, familyName: L }
groups:
  ${group}: { members: [${user}] }
${extraGroup ? `  ${extraGroup}: { members: [] }\n` : ''}assignments:
  - { principal: group:${group}, permissionSet: Admin, accounts: [management] }
`;

/** A host that, when asked to confirm, first lets `act` change AWS (the race between plan and apply). */
class RacingHost extends RecordingHost {
  private readonly act: () => Promise<void>;
  constructor(act: () => Promise<void>) {
    super(() => true);
    this.act = act;
  }
  override async confirm(question: ConfirmQuestion): Promise<boolean> {
    await this.act();
    return super.confirm(question);
  }
}

async function scenario(configText: string) {
  const w = await workspace('org', configText);
  const ctx = (extra: Parameters<typeof testContext>[0] = {}) =>
    testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox }, ...extra });
  return { ...w, ctx };
}

function mallorysAccess(sandbox: string): string[] {
  return [...accessesInFile(sandbox)].filter((a) => a.startsWith('mallory '));
}

describe('finding 1: a look-alike group with its members', () => {
  it('config group Founders while someone made `founders` [mallory]: plan refuses, naming mallory; apply changes nothing', async () => {
    const w = await scenario(config('Founders'));
    await outOfBand(w.sandbox, w.clock, async (call) => {
      await createGroup(call, 'founders', [await createUser(call, 'mallory')]);
    });
    const planning = plan({}, w.ctx());
    await expect(planning).rejects.toThrow(ConfigError);
    const diagnostics = ((await planning.catch((e: unknown) => e)) as ConfigError).diagnostics;
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([
      expect.stringMatching(
        /^\d+:\d+ principal-lookalike: group Founders: the Identity Store already has group founders \(members: mallory\); gatehouse compares group names ignoring case/,
      ),
    ]);
    expect(diagnostics[0]!.line).toBeGreaterThan(0);
    await expect(apply({ yes: true }, w.ctx())).rejects.toThrow(ConfigError);
    expect(mallorysAccess(w.sandbox)).toEqual([]);
    expect([...accessesInFile(w.sandbox)]).toEqual([]);
  });

  it('following the advice (write `founders` exactly) manages that group: the plan removes mallory, who gains nothing', async () => {
    const w = await scenario(config('founders'));
    await outOfBand(w.sandbox, w.clock, async (call) => {
      await createGroup(call, 'founders', [await createUser(call, 'mallory')]);
    });
    const planning = w.ctx();
    await plan({ out: 'plan.json' }, planning);
    const saved = JSON.parse(readFileSync(join(w.dir, 'plan.json'), 'utf8')) as PlanDocument;
    expect(saved.actions.map((a) => a.address)).toContain('membership/founders/mallory');
    // Break before make: mallory is removed before the group gets Admin, so she never holds it.
    const grant = saved.actions.find((a) => a.id === `assignment/Admin/group:founders/${MGMT}#create`)!;
    expect(grant.dependsOn).toContain('membership/founders/mallory#delete');
    expect(await apply({ yes: true }, w.ctx())).toBe(ExitCode.Ok);
    expect(mallorysAccess(w.sandbox)).toEqual([]);
    expect([...accessesInFile(w.sandbox)]).toEqual([`ada → Admin → ${MGMT}`]);
  });

  it.each([
    ['founders', 'differs only by case'],
    ['Founders', 'the exact name'],
  ])('a group `%s` [mallory] appearing between plan and apply (%s): exit 4, nothing adopted', async (name) => {
    const w = await scenario(config('Founders'));
    const host = new RacingHost(() =>
      outOfBand(w.sandbox, w.clock, async (call) => {
        await createGroup(call, name, [await createUser(call, 'mallory')]);
      }),
    );
    const applying = apply({}, w.ctx({ interactive: true, host }));
    await expect(applying).rejects.toThrow(StalePlanError);
    await expect(applying).rejects.toThrow(
      /group Founders already exists in the Identity Store, but the plan did not show it; .* Run `gatehouse plan` again and review it/,
    );
    expect(((await applying.catch((e: unknown) => e)) as StalePlanError).exitCode).toBe(ExitCode.Refused);
    expect(mallorysAccess(w.sandbox)).toEqual([]);
  });

  it('a saved plan made before `founders` [mallory] appeared is stale (exit 4)', async () => {
    const w = await scenario(config('Founders'));
    await plan({ out: 'plan.json' }, w.ctx());
    await outOfBand(w.sandbox, w.clock, async (call) => {
      await createGroup(call, 'founders', [await createUser(call, 'mallory')]);
    });
    await expect(apply({ plan: 'plan.json', yes: true }, w.ctx())).rejects.toThrow(StalePlanError);
    expect(mallorysAccess(w.sandbox)).toEqual([]);
  });
});

describe('finding 1: a look-alike user', () => {
  it('config user ismail while the store has Ismail: plan refuses; the live user is untouched', async () => {
    const w = await scenario(config('Founders', 'ismail'));
    await outOfBand(w.sandbox, w.clock, async (call) => {
      await createUser(call, 'Ismail');
    });
    await expect(plan({}, w.ctx())).rejects.toThrow(ConfigError);
    const planning = await plan({}, w.ctx()).catch((e: ConfigError) => e);
    expect((planning as ConfigError).diagnostics[0]!.message).toMatch(
      /^user ismail: the Identity Store already has user Ismail; gatehouse compares user names ignoring case/,
    );
    await expect(apply({ yes: true }, w.ctx())).rejects.toThrow(ConfigError);
    expect([...accessesInFile(w.sandbox)]).toEqual([]);
  });

  it('a user `Ismail` appearing between plan and apply: exit 4, its email not overwritten, no access granted', async () => {
    const w = await scenario(config('Founders', 'ismail'));
    const host = new RacingHost(() =>
      outOfBand(w.sandbox, w.clock, async (call) => {
        await createUser(call, 'Ismail');
      }),
    );
    const applying = apply({}, w.ctx({ interactive: true, host }));
    await expect(applying).rejects.toThrow(
      /user ismail already exists in the Identity Store, but the plan did not show it/,
    );
    const accesses = [...accessesInFile(w.sandbox)];
    expect(accesses.filter((a) => a.toLowerCase().startsWith('ismail '))).toEqual([]);
  });
});

describe('finding 8: look-alike names in the config', () => {
  it.each([
    ['Founders', 'founders', 'duplicate-group-name'],
    ['Ace', 'Асе', 'duplicate-group-name'],
  ])('groups %s and %s collide under the identity rule: an error at file:line:col', async (a, b, code) => {
    const w = await scenario(config(a, 'ada', b));
    const failure = (await plan({}, w.ctx()).catch((e: unknown) => e)) as ConfigError;
    expect(failure).toBeInstanceOf(ConfigError);
    const d = failure.diagnostics.find((x) => x.code === code)!;
    expect(d).toMatchObject({ file: 'gatehouse.yaml', line: 10, column: 3 });
  });

  it.each([
    ['Ｆounders', 'write it as `Founders`'],
    ['Jose\u0301', 'write it composed as `José`'],
  ])('a %s group name is refused with the form to write', async (name, advice) => {
    const w = await scenario(config('Founders', 'ada', name));
    const failure = (await plan({}, w.ctx()).catch((e: unknown) => e)) as ConfigError;
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure.diagnostics.map((d) => d.message).join('\n')).toContain(advice);
  });
});
