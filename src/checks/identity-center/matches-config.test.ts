import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, builtInDesired, planEvidence, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.matches-config';

describe(ID, () => {
  test('pass: the plan is empty', () => {
    expect(runCheck(ID, aSnapshot().build(), undefined, { plan: planEvidence([]) })[0]).toMatchObject({
      status: 'pass',
      severity: 'high',
    });
  });

  test('fail: pending actions, listed by address (at most ten)', () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `permission-set/PS${i}`);
    const [r] = runCheck(ID, aSnapshot().build(), undefined, { plan: planEvidence(addresses) });
    expect(r?.status).toBe('fail');
    expect(r?.reason).toContain('The plan has 12 changes');
    expect(r?.reason).toContain('permission-set/PS9, …');
    expect(r?.reason).not.toContain('PS10');
  });

  test('skipped: the built-in baseline (no config file), or the plan does not apply', () => {
    expect(runCheck(ID, aSnapshot().build(), builtInDesired())[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('No config file'),
    });
    expect(
      runCheck(ID, aSnapshot().build(), undefined, { plan: notApplicable('no Identity Center instance to compare') })[0]
        ?.status,
    ).toBe('skipped');
  });

  test('error: a config was given but no plan, or the plan could not be computed', () => {
    expect(runCheck(ID, aSnapshot().build())[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('not computed'),
    });
    const [r] = runCheck(ID, aSnapshot().build(), undefined, {
      plan: denied('sso:ListPermissionSets', 'AccessDenied'),
    });
    expect(r).toMatchObject({ status: 'error', reason: expect.stringContaining('sso:ListPermissionSets') });
  });
});
