import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import {
  ADMIN_PS,
  aSnapshot,
  assignment,
  desiredState,
  MANAGEMENT,
  MEMBER,
  membership,
  POWER_USER_PS,
  runCheck,
  user,
} from '../test-builders.test-helpers.js';

const ID = 'identity-center.few-admins';

function org(...extra: ReturnType<typeof assignment>[]) {
  return aSnapshot()
    .organization()
    .permissionSets(ADMIN_PS, POWER_USER_PS)
    .users(user('ana'), user('ben'), user('cy'), user('dee'))
    .memberships(membership('Founders', 'ana'), membership('Founders', 'ben'), membership('Founders', 'cy'))
    .assignments(assignment(ADMIN_PS, 'group:Founders'), ...extra);
}

describe(ID, () => {
  test('pass: group members and direct users counted once each', () => {
    const [r] = runCheck(ID, org(assignment(ADMIN_PS, 'user:ana')).build());
    expect(r).toMatchObject({
      status: 'pass',
      severity: 'medium',
      accountId: MANAGEMENT,
      reason: '3 people hold administrator access in management account 111111111111 (ana, ben, cy); the limit is 3.',
    });
  });

  test('fail: more distinct people than the limit', () => {
    const [r] = runCheck(ID, org(assignment(ADMIN_PS, 'user:dee')).build());
    expect(r).toMatchObject({ status: 'fail', reason: expect.stringContaining('4 people hold') });
  });

  test('only admin access in the management account counts; the limit is configurable', () => {
    const snapshot = org(assignment(ADMIN_PS, 'user:dee', MEMBER), assignment(POWER_USER_PS, 'user:dee')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('pass');
    const strict = desiredState((d) => {
      d.audit.thresholds.maxAdmins = 1;
    });
    expect(runCheck(ID, snapshot, strict)[0]?.status).toBe('fail');
  });

  test('outside an organization the account itself is judged', () => {
    const snapshot = aSnapshot()
      .noOrganization()
      .permissionSets(ADMIN_PS)
      .memberships()
      .assignments(assignment(ADMIN_PS, 'user:solo'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'pass', reason: expect.stringContaining('(u-solo)') });
  });

  test('skipped: no instance', () => {
    const snapshot = aSnapshot()
      .organization()
      .org('identity-center.permission-sets', notApplicable('no IAM Identity Center instance'))
      .org('identity-center.assignments', notApplicable('no IAM Identity Center instance'))
      .org('identity-store.memberships', notApplicable('no IAM Identity Center instance'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: memberships denied (group members cannot be counted)', () => {
    const snapshot = org()
      .org('identity-store.memberships', denied('identitystore:ListGroupMemberships', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('identitystore:ListGroupMemberships'),
    });
  });
});
