import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, desiredState, MANAGEMENT, runCheck } from '../test-builders.test-helpers.js';

const ID = 'iam.password-policy';

describe(ID, () => {
  test('pass: length ≥ 14 and reuse prevention ≥ 24', () => {
    const snapshot = aSnapshot()
      .passwordPolicy(MANAGEMENT, { minimumPasswordLength: 14, passwordReusePrevention: 24 })
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'pass',
      severity: 'medium',
      resource: `account/${MANAGEMENT}/password-policy`,
    });
  });

  test('fail: no custom policy, or a weak one', () => {
    expect(runCheck(ID, aSnapshot().passwordPolicy(MANAGEMENT, null).build())[0]).toMatchObject({
      status: 'fail',
      reason: 'The account has no custom IAM password policy.',
    });
    const weak = aSnapshot().passwordPolicy(MANAGEMENT, { minimumPasswordLength: 8 }).build();
    expect(runCheck(ID, weak)[0]?.reason).toBe(
      'The IAM password policy is too weak: minimum length is 8, below 14; password reuse is not prevented.',
    );
  });

  test('thresholds come from the config', () => {
    const snapshot = aSnapshot()
      .passwordPolicy(MANAGEMENT, { minimumPasswordLength: 12, passwordReusePrevention: 5 })
      .build();
    const lax = desiredState((d) => {
      d.audit.thresholds.passwordMinLength = 12;
      d.audit.thresholds.passwordReusePrevention = 5;
    });
    expect(runCheck(ID, snapshot, lax)[0]?.status).toBe('pass');
  });

  test('skipped: not applicable', () => {
    const snapshot = aSnapshot().account(MANAGEMENT, 'iam.password-policy', notApplicable('suspended')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: denied', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'iam.password-policy', denied('iam:GetAccountPasswordPolicy', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('iam:GetAccountPasswordPolicy'),
    });
  });
});
