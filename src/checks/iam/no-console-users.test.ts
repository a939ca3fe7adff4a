import { describe, expect, test } from 'vitest';
import { denied, notApplicable, ok } from '../../observe/evidence.js';
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
      ['fail', 'arn:aws:iam::111111111111:user/old', 'IAM user old has a console password.'],
    ]);
  });

  test('pass: a password removed since the (cached) credential report was generated', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('admin', MANAGEMENT, { passwordEnabled: true, passwordLastUsed: daysAgo(1) }))
      .consoleAccess(
        MANAGEMENT,
        ok([
          { userName: 'admin', arn: 'arn:aws:iam::111111111111:user/admin', hasConsolePassword: false, mfaDevices: 0 },
        ]),
      )
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('pass');
  });

  test('fail without the credential report: the live login profile decides', () => {
    const snapshot = aSnapshot()
      .consoleAccess(
        MANAGEMENT,
        ok([
          { userName: 'admin', arn: 'arn:aws:iam::111111111111:user/admin', hasConsolePassword: true, mfaDevices: 0 },
        ]),
      )
      .account(MANAGEMENT, 'iam.credential-report', denied('iam:GetCredentialReport', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.reason])).toEqual([
      ['fail', 'IAM user admin has a console password.'],
    ]);
  });

  test('works without a <root_account> row (moto): IAM user checks do not need it', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('admin', MANAGEMENT, { passwordEnabled: true }))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('fail');
  });

  test('skipped: the IAM facts do not apply', () => {
    const snapshot = aSnapshot().consoleAccess(MANAGEMENT, notApplicable('the account is suspended')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: login profiles denied', () => {
    const snapshot = aSnapshot().consoleAccess(MANAGEMENT, denied('iam:GetLoginProfile', 'AccessDenied')).build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('iam:GetLoginProfile'),
    });
  });
});
