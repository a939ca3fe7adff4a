import { describe, expect, it } from 'vitest';
import { desiredState, MGMT, snapshotOf } from '../../test/plan/builders.js';
import { NOW, planFor } from '../../test/plan/plan-helpers.js';
import { iamNoConsoleUsers } from '../checks/iam/no-console-users.js';
import type { Waiver } from '../model/desired.js';
import { disableConsoleAccessPath } from './diff-iam-users.js';
import { extractPlanFacts } from './facts.js';
import { observedFingerprint } from './fingerprint.js';

const arn = (name: string) => `arn:aws:iam::${MGMT}:user/${name}`;
const iamUser = (name: string, hasConsolePassword: boolean) => ({
  userName: name,
  arn: arn(name),
  hasConsolePassword,
  mfaDevices: 0,
});
const USERS = [iamUser('admin', true), iamUser('ci-bot', false), iamUser('ops', true)];
const waiver = (w: Partial<Waiver>): Waiver => ({
  checkId: 'iam.no-console-users',
  reason: 'break-glass user, reviewed',
  expires: '2099-12-31',
  ...w,
});
const audit = (waivers: Waiver[]) => ({ ...desiredState().audit, waivers });

describe('IAM users with a console password', () => {
  it('are one manual step naming each user with the check’s console path; users without one are left out', () => {
    const plan = planFor(desiredState(), { iamUsers: USERS });
    expect(plan.actions).toEqual([]);
    expect(plan.summary.manual).toBe(1);
    const [step] = plan.manualSteps;
    expect(step).toMatchObject({
      id: 'disable-iam-user-console-access',
      address: 'manual/disable-iam-user-console-access',
      resources: [arn('admin'), arn('ops')],
      blocks: [],
      after: [],
    });
    expect(step?.title).toBe(`Remove the console password of 2 IAM users in ${MGMT}: admin, ops`);
    expect(step?.consoleSteps).toContain(disableConsoleAccessPath('admin'));
    expect(step?.consoleSteps).toContain(disableConsoleAccessPath('ops'));
    expect(step?.consoleSteps.join('\n')).not.toContain('ci-bot');
    // The same path as the check's remediation, with the user selected.
    const checkPath = iamNoConsoleUsers.remediation.console?.split('. ')[0] ?? '';
    expect(checkPath).toContain('→ select the user →');
    expect(disableConsoleAccessPath('admin')).toBe(`${checkPath.replace('select the user', 'admin')}.`);
  });

  it('no console password, no step', () => {
    expect(planFor(desiredState(), { iamUsers: [iamUser('ci-bot', false)] }).manualSteps).toEqual([]);
    expect(planFor(desiredState()).manualSteps).toEqual([]);
  });

  it('leaves out a user whose finding an unexpired waiver accepts, as the audit does not count it', () => {
    const byResource = planFor(desiredState({ audit: audit([waiver({ resource: arn('admin') })]) }), {
      iamUsers: USERS,
    });
    expect(byResource.manualSteps[0]?.resources).toEqual([arn('ops')]);
    const wholeAccount = planFor(desiredState({ audit: audit([waiver({ accountId: MGMT })]) }), { iamUsers: USERS });
    expect(wholeAccount.manualSteps).toEqual([]);
    // Expired (judged at the plan's time), another account, or another check: still listed.
    const day = NOW.slice(0, 10);
    const notWaived = [
      waiver({ expires: '2020-01-01' }),
      waiver({ accountId: '999999999999' }),
      waiver({ checkId: 'iam.console-users-mfa' }),
    ];
    expect((notWaived[0]?.expires ?? '') < day).toBe(true);
    const plan = planFor(desiredState({ audit: audit(notWaived) }), { iamUsers: USERS });
    expect(plan.manualSteps[0]?.resources).toEqual([arn('admin'), arn('ops')]);
  });

  it('a console password removed after the plan changes the observed fingerprint (a saved plan is stale)', () => {
    const desired = desiredState();
    const before = observedFingerprint(extractPlanFacts(desired, snapshotOf({ iamUsers: USERS })));
    const after = observedFingerprint(
      extractPlanFacts(desired, snapshotOf({ iamUsers: [iamUser('admin', false), ...USERS.slice(1)] })),
    );
    const none = observedFingerprint(extractPlanFacts(desired, snapshotOf({ iamUsers: [] })));
    expect(after).not.toBe(before);
    expect(none).toBe(observedFingerprint(extractPlanFacts(desired, snapshotOf({ iamUsers: [USERS[1]!] }))));
  });
});
