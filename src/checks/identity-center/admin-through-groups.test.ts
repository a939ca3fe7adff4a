import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import {
  ADMIN_PS,
  aSnapshot,
  assignment,
  MEMBER,
  POWER_USER_PS,
  runCheck,
  user,
} from '../test-builders.test-helpers.js';

const ID = 'identity-center.admin-through-groups';

describe(ID, () => {
  test('pass: admin only through groups; non-admin direct assignments are fine', () => {
    const snapshot = aSnapshot()
      .permissionSets(ADMIN_PS, POWER_USER_PS)
      .assignments(assignment(ADMIN_PS, 'group:Founders'), assignment(POWER_USER_PS, 'user:bob'))
      .build();
    expect(runCheck(ID, snapshot)).toEqual([
      expect.objectContaining({
        status: 'pass',
        severity: 'medium',
        reason: 'Every administrator assignment (1) goes to a group.',
      }),
    ]);
  });

  test('fail: one finding per direct admin assignment, with user names when known', () => {
    const snapshot = aSnapshot()
      .permissionSets(ADMIN_PS)
      .assignments(assignment(ADMIN_PS, 'user:ismail'), assignment(ADMIN_PS, 'user:ghost', MEMBER))
      .users(user('ismail'))
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.resource, r.accountId])).toEqual([
      ['fail', 'assignment/Admin/user:ismail/111111111111', '111111111111'],
      ['fail', 'assignment/Admin/user:u-ghost/222222222222', MEMBER],
    ]);
  });

  test('skipped: no instance', () => {
    const snapshot = aSnapshot()
      .org('identity-center.permission-sets', notApplicable('no IAM Identity Center instance'))
      .org('identity-center.assignments', notApplicable('no IAM Identity Center instance'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: assignments denied', () => {
    const snapshot = aSnapshot()
      .permissionSets(ADMIN_PS)
      .org('identity-center.assignments', denied('sso:ListAccountAssignmentsForPrincipal', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('sso:ListAccountAssignmentsForPrincipal'),
    });
  });
});
