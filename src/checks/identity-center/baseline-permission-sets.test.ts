import { describe, expect, test } from 'vitest';
import { ADMINISTRATOR_ACCESS_ARN } from '../../model/desired.js';
import { denied, notApplicable } from '../../observe/evidence.js';
import {
  ADMIN_PS,
  aSnapshot,
  day1Desired,
  desiredPermissionSet,
  desiredState,
  POWER_USER_PS,
  permissionSet,
  runCheck,
} from '../test-builders.test-helpers.js';

const ID = 'identity-center.baseline-permission-sets';

describe(ID, () => {
  test('pass: one finding per declared permission set', () => {
    const results = runCheck(ID, aSnapshot().permissionSets(ADMIN_PS, POWER_USER_PS).build(), day1Desired());
    expect(results.map((r) => [r.resource, r.status])).toEqual([
      ['permission-set/Admin', 'pass'],
      ['permission-set/PowerUser', 'pass'],
    ]);
    expect(results[0]?.severity).toBe('high');
  });

  test('fail: missing set, missing or extra policies', () => {
    const drifted = permissionSet('Admin', { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    const results = runCheck(ID, aSnapshot().permissionSets(drifted).build(), day1Desired());
    expect(results.map((r) => [r.resource, r.status, r.reason])).toEqual([
      [
        'permission-set/Admin',
        'fail',
        'Permission set Admin missing AdministratorAccess; has undeclared ReadOnlyAccess.',
      ],
      ['permission-set/PowerUser', 'fail', 'Permission set PowerUser does not exist.'],
    ]);
  });

  test('fail: customer managed policies, inline policy and boundary presence', () => {
    const desired = desiredState((d) => {
      d.permissionSets = [
        desiredPermissionSet('Data', {
          customerManagedPolicies: [{ name: 'DataRead', path: '/' }],
          inlinePolicy: { Version: '2012-10-17', Statement: [] },
          permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
        }),
      ];
    });
    const live = permissionSet('Data', { customerManagedPolicies: [{ name: 'DataWrite', path: '/' }] });
    const [r] = runCheck(ID, aSnapshot().permissionSets(live).build(), desired);
    expect(r?.status).toBe('fail');
    expect(r?.reason).toBe(
      'Permission set Data missing customer managed /DataRead; has undeclared customer managed /DataWrite; has no inline policy; does not have the declared permissions boundary.',
    );
  });

  test('fail: the set still has its former name', () => {
    const desired = desiredState((d) => {
      d.permissionSets = [
        desiredPermissionSet('Admin', { managedPolicies: [ADMINISTRATOR_ACCESS_ARN], formerNames: ['Administrators'] }),
      ];
    });
    const [r] = runCheck(ID, aSnapshot().permissionSets(permissionSet('Administrators')).build(), desired);
    expect(r?.reason).toBe('Permission set Admin still has its former name Administrators.');
  });

  test('skipped: the config declares none, or there is no instance', () => {
    expect(runCheck(ID, aSnapshot().permissionSets(ADMIN_PS).build(), desiredState())[0]).toMatchObject({
      status: 'skipped',
      reason: 'The config declares no permission sets.',
    });
    const noInstance = aSnapshot()
      .org('identity-center.permission-sets', notApplicable('no IAM Identity Center instance'))
      .build();
    expect(runCheck(ID, noInstance, day1Desired())[0]?.status).toBe('skipped');
  });

  test('error: ListPermissionSets denied', () => {
    const snapshot = aSnapshot()
      .org('identity-center.permission-sets', denied('sso:ListPermissionSets', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot, day1Desired())).toEqual([expect.objectContaining({ status: 'error' })]);
  });
});
