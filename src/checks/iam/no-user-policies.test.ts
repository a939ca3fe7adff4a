import { describe, expect, test } from 'vitest';
import { failed, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, MANAGEMENT, runCheck } from '../test-builders.test-helpers.js';

const ID = 'iam.no-user-policies';

describe(ID, () => {
  test('pass: users without policies of their own', () => {
    const snapshot = aSnapshot().userPolicies(MANAGEMENT, { userName: 'ana', attached: [], inline: [] }).build();
    expect(runCheck(ID, snapshot)).toEqual([expect.objectContaining({ status: 'pass', severity: 'low' })]);
  });

  test('fail: attached or inline user policies', () => {
    const snapshot = aSnapshot()
      .userPolicies(
        MANAGEMENT,
        { userName: 'ana', attached: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], inline: ['x', 'y'] },
        { userName: 'ben', attached: [], inline: [] },
      )
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.resource, r.reason])).toEqual([
      ['fail', `account/${MANAGEMENT}/user/ana`, 'IAM user ana has 1 attached policy and 2 inline policies.'],
    ]);
  });

  test('skipped: not applicable', () => {
    const snapshot = aSnapshot().account(MANAGEMENT, 'iam.user-policies', notApplicable('suspended')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: failed read', () => {
    const snapshot = aSnapshot().account(MANAGEMENT, 'iam.user-policies', failed('Throttling', 'slow')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('error');
  });
});
