import { describe, expect, test } from 'vitest';
import { failed, notApplicable } from '../../observe/evidence.js';
import {
  ADMIN_PS,
  aSnapshot,
  desiredState,
  POWER_USER_PS,
  permissionSet,
  runCheck,
} from '../test-builders.test-helpers.js';

const ID = 'identity-center.session-duration';

describe(ID, () => {
  test('pass: admin sets within the limit; non-admin sets are not judged', () => {
    const results = runCheck(ID, aSnapshot().permissionSets(ADMIN_PS, POWER_USER_PS).build());
    expect(results.map((r) => [r.resource, r.status])).toEqual([['permission-set/Admin', 'pass']]);
    expect(runCheck(ID, aSnapshot().permissionSets(POWER_USER_PS).build())[0]).toMatchObject({
      status: 'pass',
      reason: 'No permission set grants administrator access.',
    });
  });

  test('fail: an admin set (managed or inline * on *) with long sessions', () => {
    const long = permissionSet('Admin', { managedPolicies: ADMIN_PS.managedPolicies, sessionDuration: 'PT12H' });
    const inline = permissionSet('Ops', {
      sessionDuration: 'PT4H30M',
      inlinePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    });
    const results = runCheck(ID, aSnapshot().permissionSets(long, inline).build());
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      [
        'fail',
        'Permission set Admin (administrator access through AdministratorAccess) allows 12 h sessions, more than 4 h.',
      ],
      [
        'fail',
        'Permission set Ops (administrator access through policies that allow every action on every resource) allows 4.50 h sessions, more than 4 h.',
      ],
    ]);
  });

  test('the limit comes from audit.thresholds.adminSessionHours; no duration means AWS default 1 h', () => {
    const eight = permissionSet('Admin', { managedPolicies: ADMIN_PS.managedPolicies, sessionDuration: 'PT8H' });
    const lax = desiredState((d) => {
      d.audit.thresholds.adminSessionHours = 8;
    });
    expect(runCheck(ID, aSnapshot().permissionSets(eight).build(), lax)[0]?.status).toBe('pass');
    const { sessionDuration: _omit, ...noDuration } = eight;
    expect(runCheck(ID, aSnapshot().permissionSets(noDuration).build())[0]?.reason).toContain('allows 1 h sessions');
  });

  test('skipped: no instance', () => {
    const snapshot = aSnapshot()
      .org('identity-center.permission-sets', notApplicable('no IAM Identity Center instance'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: unreadable evidence, or a duration that is not ISO-8601', () => {
    const snapshot = aSnapshot()
      .org('identity-center.permission-sets', failed('InternalServerException', 'oops'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('error');
    const weird = permissionSet('Admin', { managedPolicies: ADMIN_PS.managedPolicies, sessionDuration: '4 hours' });
    expect(runCheck(ID, aSnapshot().permissionSets(weird).build())[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('"4 hours"'),
    });
  });
});
