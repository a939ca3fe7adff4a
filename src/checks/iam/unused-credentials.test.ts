import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, daysAgo, desiredState, MANAGEMENT, runCheck, userRow } from '../test-builders.test-helpers.js';

const ID = 'iam.unused-credentials';

describe(ID, () => {
  test('pass: recently used credentials; users without credentials are not judged', () => {
    const snapshot = aSnapshot()
      .credentialRows(
        MANAGEMENT,
        userRow('ana', MANAGEMENT, { passwordEnabled: true, passwordLastUsed: daysAgo(3) }),
        userRow('bot', MANAGEMENT, {
          accessKey1Active: true,
          accessKey1LastUsedDate: daysAgo(1),
          accessKey1LastRotated: daysAgo(200),
        }),
        userRow('nobody'),
      )
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.resource])).toEqual([
      ['pass', 'arn:aws:iam::111111111111:user/ana'],
      ['pass', 'arn:aws:iam::111111111111:user/bot'],
    ]);
    expect(runCheck(ID, aSnapshot().credentialRows(MANAGEMENT, userRow('nobody')).build())[0]).toMatchObject({
      status: 'pass',
      resource: `account/${MANAGEMENT}`,
    });
  });

  test('fail: unused for 45 days or more, or never used since set 45+ days ago', () => {
    const snapshot = aSnapshot()
      .credentialRows(
        MANAGEMENT,
        userRow('ana', MANAGEMENT, { passwordEnabled: true, passwordLastUsed: daysAgo(45) }),
        userRow('bot', MANAGEMENT, {
          accessKey1Active: true,
          accessKey1LastRotated: daysAgo(60),
          accessKey2Active: true,
          accessKey2LastUsedDate: daysAgo(100),
          accessKey2LastRotated: daysAgo(300),
        }),
        userRow('new', MANAGEMENT, { passwordEnabled: true, passwordLastChanged: daysAgo(44) }),
      )
      .build();
    expect(runCheck(ID, snapshot).map((r) => [r.status, r.reason])).toEqual([
      ['fail', 'IAM user ana: password unused for 45 days (limit 45 days).'],
      ['fail', 'IAM user bot: access key 1 never used in 60 days; access key 2 unused for 100 days (limit 45 days).'],
      ['pass', "IAM user new's credentials were used within the last 45 days."],
    ]);
  });

  test('the limit comes from audit.thresholds.unusedCredentialDays', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('ana', MANAGEMENT, { passwordEnabled: true, passwordLastUsed: daysAgo(20) }))
      .build();
    const strict = desiredState((d) => {
      d.audit.thresholds.unusedCredentialDays = 14;
    });
    expect(runCheck(ID, snapshot, strict)[0]?.status).toBe('fail');
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
