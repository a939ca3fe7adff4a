import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, daysAgo, MANAGEMENT, rootRow, runCheck, userRow } from '../test-builders.test-helpers.js';

const ID = 'iam.no-console-users';

describe(ID, () => {
  test('pass: only the root row has a password (root is not an IAM user)', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, rootRow(), userRow('ci-bot', MANAGEMENT, { accessKey1Active: true }))
      .build();
    expect(runCheck(ID, snapshot)).toEqual([
      expect.objectContaining({
        status: 'pass',
        severity: 'high',
        resource: `account/${MANAGEMENT}`,
        accountId: MANAGEMENT,
      }),
    ]);
  });

  test('fail: one finding per IAM user with a console password', () => {
    const snapshot = aSnapshot()
      .credentialRows(
        MANAGEMENT,
        userRow('admin', MANAGEMENT, { passwordEnabled: true, passwordLastUsed: daysAgo(1) }),
        userRow('old', MANAGEMENT, { passwordEnabled: true }),
      )
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.resource, r.reason])).toEqual([
      ['fail', 'arn:aws:iam::111111111111:user/admin', 'IAM user admin has a console password (last used 2026-11-27).'],
      ['fail', 'arn:aws:iam::111111111111:user/old', 'IAM user old has a console password (never used).'],
    ]);
  });

  test('works without a <root_account> row (moto): IAM user checks do not need it', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('admin', MANAGEMENT, { passwordEnabled: true }))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('fail');
  });

  test('skipped: the credential report does not apply', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'iam.credential-report', notApplicable('the account is suspended'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: credential report denied', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'iam.credential-report', denied('iam:GetCredentialReport', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('iam:GetCredentialReport'),
    });
  });
});
