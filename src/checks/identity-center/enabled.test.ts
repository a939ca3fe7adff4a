import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, INSTANCE_ARN, MANAGEMENT, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.enabled';

describe(ID, () => {
  test('pass: an active instance, reporting where it was found', () => {
    expect(runCheck(ID, aSnapshot().instance().build())).toEqual([
      expect.objectContaining({
        status: 'pass',
        severity: 'critical',
        resource: INSTANCE_ARN,
        accountId: MANAGEMENT,
        reason: expect.stringContaining('active in eu-west-1'),
      }),
    ]);
  });

  test('fail: no instance in any probed region (ok evidence with instance: null)', () => {
    const [r] = runCheck(ID, aSnapshot().noInstance(['eu-west-1', 'us-east-1']).build());
    expect(r).toMatchObject({
      status: 'fail',
      resource: `account/${MANAGEMENT}`,
      reason: 'No IAM Identity Center instance was found (looked in eu-west-1, us-east-1).',
    });
  });

  test('fail: an instance that is not active', () => {
    expect(runCheck(ID, aSnapshot().instance({ status: 'DELETE_IN_PROGRESS' }).build())[0]).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('DELETE_IN_PROGRESS'),
    });
  });

  test('skipped: the fact does not apply', () => {
    const snapshot = aSnapshot()
      .org('identity-center.instance', notApplicable('Identity Center is not offered in this partition'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'skipped', resource: 'identity-center' });
  });

  test('error: ListInstances denied', () => {
    const snapshot = aSnapshot().org('identity-center.instance', denied('sso:ListInstances', 'AccessDenied')).build();
    const [r] = runCheck(ID, snapshot);
    expect(r?.status).toBe('error');
    expect(r?.reason).toContain('access denied to sso:ListInstances (reading identity-center.instance)');
    expect(r?.reason).toContain('gatehouse permissions --for audit');
  });
});
