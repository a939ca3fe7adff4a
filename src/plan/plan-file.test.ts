import { describe, expect, it } from 'vitest';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  IAM_CALLER,
  liveGroup,
  ORGANIZATION,
  permissionSet,
  rule,
  snapshotOf,
} from '../../test/plan/builders.js';
import { planFor } from '../../test/plan/plan-helpers.js';
import { InvalidPlanError, StalePlanError } from '../errors.js';
import type { PlanDocument } from './actions.js';
import { assertPlanCurrent, loadPlanFile, serializePlan } from './plan-file.js';

const desired = desiredState({
  permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN_ARN], sessionDuration: 'PT4H' })],
  groups: [group('Founders')],
  assignments: [rule(0, 'group:Founders', 'Admin', ['management'])],
});
const world = { groups: [liveGroup('Founders')] };
const plan = planFor(desired, world);
const text = serializePlan(plan);

function refusal(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('plan files', () => {
  it('round-trips: what serializePlan writes, loadPlanFile returns unchanged', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text).checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(loadPlanFile(text, 'plan.json')).toEqual(plan);
    expect(serializePlan(loadPlanFile(text, 'plan.json'))).toBe(text);
  });

  it('refuses a truncated file', () => {
    const error = refusal(() => loadPlanFile(text.slice(0, text.length / 2), 'plan.json'));
    expect(error).toBeInstanceOf(InvalidPlanError);
    expect(error.message).toBe('plan.json: plan file is truncated or not JSON');
    expect((error as InvalidPlanError).exitCode).toBe(4);
    expect(refusal(() => loadPlanFile('', 'plan.json')).message).toContain('truncated or not JSON');
  });

  it('refuses files that are not plans', () => {
    expect(refusal(() => loadPlanFile('[1,2]', 'x.json')).message).toBe(
      'x.json: not a gatehouse plan (expected a JSON object)',
    );
    expect(refusal(() => loadPlanFile('{"format":"terraform"}', 'x.json')).message).toBe(
      'x.json: not a gatehouse plan (format is "terraform")',
    );
  });

  it('refuses an older or newer format, naming both versions', () => {
    const older = { ...JSON.parse(text), formatVersion: 0 };
    const error = refusal(() => loadPlanFile(JSON.stringify(older), 'plan.json')) as InvalidPlanError;
    expect(error.message).toBe('plan.json: plan format version 0 is not supported; this gatehouse reads version 1');
    expect(error.hints[0]).toContain('older gatehouse');
    const newer = refusal(() =>
      loadPlanFile(JSON.stringify({ ...older, formatVersion: 2 }), 'plan.json'),
    ) as InvalidPlanError;
    expect(newer.message).toContain('version 2 is not supported');
    expect(newer.hints[0]).toContain('newer gatehouse');
  });

  it('refuses a file edited by hand: schema violations and checksum mismatches', () => {
    const edited = JSON.parse(text) as PlanDocument & { checksum: string };
    edited.actions[0]!.address = 'permission-set/Evil';
    const error = refusal(() => loadPlanFile(JSON.stringify(edited), 'plan.json'));
    expect(error).toBeInstanceOf(InvalidPlanError);
    expect(error.message).toBe('plan.json: the plan was modified after it was written (checksum mismatch)');

    const broken = JSON.parse(text);
    broken.actions[0].kind = 'explode';
    expect(refusal(() => loadPlanFile(JSON.stringify(broken), 'plan.json')).message).toMatch(
      /^plan\.json: not a valid gatehouse plan: actions\.0/,
    );
    const extra = { ...JSON.parse(text), injected: 'x' };
    expect(refusal(() => loadPlanFile(JSON.stringify(extra), 'plan.json')).message).toContain(
      'not a valid gatehouse plan',
    );
    const { checksum: _dropped, ...unsigned } = JSON.parse(text);
    expect(refusal(() => loadPlanFile(JSON.stringify(unsigned), 'plan.json')).message).toContain('checksum');
  });
});

describe('assertPlanCurrent', () => {
  it('accepts a plan when nothing changed (the observation time may differ)', () => {
    const again = snapshotOf(world);
    again.observedAt = '2026-11-28T11:00:00.000Z';
    expect(() => assertPlanCurrent(plan, { desired, snapshot: again, caller: IAM_CALLER })).not.toThrow();
  });

  it('refuses a plan from another account', () => {
    const error = refusal(() =>
      assertPlanCurrent(plan, {
        desired,
        snapshot: snapshotOf(world),
        caller: { accountId: DEV, arn: 'arn:aws:sts::x' },
      }),
    );
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.message).toBe(`the plan was made in account 111111111111, but you are signed in to ${DEV}`);
  });

  it('refuses a plan from another organization', () => {
    const other = snapshotOf({ ...world, organization: { ...ORGANIZATION, id: 'o-zzzzzzzzzz' } });
    const error = refusal(() => assertPlanCurrent(plan, { desired, snapshot: other, caller: IAM_CALLER }));
    expect(error.message).toBe(
      'the plan was made for organization o-abcdefghij, but this is organization o-zzzzzzzzzz',
    );
  });

  it('refuses a plan made from another config', () => {
    const changed = { ...desired, hash: `sha256:${'1'.repeat(64)}` };
    const error = refusal(() =>
      assertPlanCurrent(plan, { desired: changed, snapshot: snapshotOf(world), caller: IAM_CALLER }),
    );
    expect(error.message).toBe('the configuration changed since the plan was made');
    expect((error as StalePlanError).hints).toEqual(['run `gatehouse plan` again']);
  });

  it('refuses a plan when AWS changed since', () => {
    const drifted = snapshotOf({ groups: [liveGroup('Founders', { description: 'changed by hand' })] });
    const error = refusal(() => assertPlanCurrent(plan, { desired, snapshot: drifted, caller: IAM_CALLER }));
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.message).toContain('AWS changed since the plan was made');
  });
});
