import { describe, expect, test } from 'vitest';
import { failed, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, MANAGEMENT, rootRow, runCheck, userRow } from '../test-builders.test-helpers.js';

const ID = 'iam.console-users-mfa';

describe(ID, () => {
  test('pass: console users with MFA; no console users at all', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('ana', MANAGEMENT, { passwordEnabled: true, mfaActive: true }))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'pass',
      severity: 'high',
      reason: 'IAM user ana has a console password and MFA.',
    });
    expect(runCheck(ID, aSnapshot().credentialRows(MANAGEMENT, rootRow()).build())[0]?.status).toBe('pass');
  });

  test('fail: a console user without MFA (users without a password are not judged)', () => {
    const snapshot = aSnapshot()
      .credentialRows(
        MANAGEMENT,
        userRow('admin', MANAGEMENT, { passwordEnabled: true }),
        userRow('bot', MANAGEMENT, { accessKey1Active: true }),
      )
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.reason])).toEqual([
      ['fail', 'IAM user admin has a console password but no MFA.'],
    ]);
  });

  test('skipped: not applicable', () => {
    const snapshot = aSnapshot().consoleAccess(MANAGEMENT, notApplicable('the account is suspended')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: the MFA devices could not be read', () => {
    const snapshot = aSnapshot().consoleAccess(MANAGEMENT, failed('ServiceFailure', 'IAM failed')).build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('IAM failed'),
    });
  });
});
