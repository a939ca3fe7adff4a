import { describe, expect, test } from 'vitest';
import { failed, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, daysAgo, MANAGEMENT, runCheck, userRow } from '../test-builders.test-helpers.js';

const ID = 'iam.access-key-rotation';

describe(ID, () => {
  test('pass: young keys; no active keys at all', () => {
    const snapshot = aSnapshot()
      .credentialRows(
        MANAGEMENT,
        userRow('bot', MANAGEMENT, { accessKey1Active: true, accessKey1LastRotated: daysAgo(89) }),
      )
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'pass', severity: 'medium' });
    const inactiveOld = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('bot', MANAGEMENT, { accessKey1LastRotated: daysAgo(900) }))
      .build();
    expect(runCheck(ID, inactiveOld)[0]).toMatchObject({
      status: 'pass',
      reason: 'No IAM user has an active access key.',
    });
  });

  test('fail: an active key 90 days or older', () => {
    const snapshot = aSnapshot()
      .credentialRows(
        MANAGEMENT,
        userRow('bot', MANAGEMENT, {
          accessKey1Active: true,
          accessKey1LastRotated: daysAgo(10),
          accessKey2Active: true,
          accessKey2LastRotated: daysAgo(90),
        }),
      )
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'fail',
      reason: 'IAM user bot: access key 2 is 90 days old (limit 90 days).',
    });
  });

  test('an active key without a rotation date is an error for that user, not a pass', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('bot', MANAGEMENT, { accessKey1Active: true }))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('access key 1'),
    });
  });

  test('skipped: not applicable', () => {
    const snapshot = aSnapshot().account(MANAGEMENT, 'iam.credential-report', notApplicable('suspended')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: failed read', () => {
    const snapshot = aSnapshot().account(MANAGEMENT, 'iam.credential-report', failed('X', 'broken')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('error');
  });
});
