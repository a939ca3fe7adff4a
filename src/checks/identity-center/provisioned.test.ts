import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { ADMIN_PS, aSnapshot, MANAGEMENT, MEMBER, POWER_USER_PS, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.provisioned';

describe(ID, () => {
  test('pass: nothing outdated', () => {
    const snapshot = aSnapshot()
      .provisioning(
        { permissionSetArn: ADMIN_PS.arn, accounts: [MANAGEMENT, MEMBER], outdated: [] },
        { permissionSetArn: POWER_USER_PS.arn, accounts: [MEMBER], outdated: [] },
      )
      .build();
    expect(runCheck(ID, snapshot)).toEqual([
      expect.objectContaining({ status: 'pass', severity: 'high', reason: '3 provisioned copies are up to date.' }),
    ]);
    expect(runCheck(ID, aSnapshot().provisioning().build())[0]?.reason).toBe(
      'No permission set is provisioned to any account yet.',
    );
  });

  test('fail: one finding per outdated permission set, named when the sets were read', () => {
    const snapshot = aSnapshot()
      .permissionSets(ADMIN_PS)
      .provisioning(
        { permissionSetArn: ADMIN_PS.arn, accounts: [MANAGEMENT, MEMBER], outdated: [MEMBER, MANAGEMENT] },
        { permissionSetArn: POWER_USER_PS.arn, accounts: [MEMBER], outdated: [MEMBER] },
      )
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.resource, r.reason])).toEqual([
      [
        'fail',
        'permission-set/Admin',
        'Permission set Admin is out of date in 2 account(s): 111111111111, 222222222222.',
      ],
      ['fail', POWER_USER_PS.arn, `Permission set ${POWER_USER_PS.arn} is out of date in 1 account(s): 222222222222.`],
    ]);
  });

  test('skipped: no instance', () => {
    const snapshot = aSnapshot()
      .org('identity-center.provisioning', notApplicable('no IAM Identity Center instance'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: denied', () => {
    const snapshot = aSnapshot()
      .org('identity-center.provisioning', denied('sso:ListAccountsForProvisionedPermissionSet', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('error');
  });
});
