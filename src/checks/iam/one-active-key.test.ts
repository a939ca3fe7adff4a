import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, daysAgo, MANAGEMENT, runCheck, userRow } from '../test-builders.test-helpers.js';

const ID = 'iam.one-active-key';

describe(ID, () => {
  test('pass: at most one active key per user', () => {
    const snapshot = aSnapshot()
      .credentialRows(
        MANAGEMENT,
        userRow('bot', MANAGEMENT, {
          accessKey1Active: true,
          accessKey1LastRotated: daysAgo(1),
          accessKey2Active: false,
        }),
      )
      .build();
    expect(runCheck(ID, snapshot)).toEqual([expect.objectContaining({ status: 'pass', severity: 'low' })]);
  });

  test('fail: two active keys', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('bot', MANAGEMENT, { accessKey1Active: true, accessKey2Active: true }))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'fail',
      reason: 'IAM user bot has two active access keys.',
    });
  });

  test('skipped: not applicable', () => {
    const snapshot = aSnapshot().account(MANAGEMENT, 'iam.credential-report', notApplicable('suspended')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: denied', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'iam.credential-report', denied('iam:GetCredentialReport', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('error');
  });
});
