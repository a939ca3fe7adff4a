import { describe, expect, test } from 'vitest';
import { denied } from '../../observe/evidence.js';
import {
  aSnapshot,
  daysAgo,
  desiredState,
  MANAGEMENT,
  MEMBER,
  rootRow,
  runCheck,
} from '../test-builders.test-helpers.js';

const ID = 'root.not-used';

describe(ID, () => {
  test('pass: no recorded use, or last use older than the limit', () => {
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT).build())[0]).toMatchObject({
      status: 'pass',
      severity: 'high',
      reason: 'The root user has no recorded sign-in or access-key use.',
    });
    const old = aSnapshot()
      .rootUser(MANAGEMENT, { passwordLastUsed: daysAgo(120) })
      .build();
    expect(runCheck(ID, old)[0]).toMatchObject({ status: 'pass', reason: expect.stringContaining('120 days ago') });
  });

  test('fail: signed in within the limit; the most recent use is reported', () => {
    const snapshot = aSnapshot()
      .rootUser(MANAGEMENT)
      .credentialRows(
        MANAGEMENT,
        rootRow(MANAGEMENT, {
          passwordLastUsed: daysAgo(60),
          accessKey1LastUsedDate: daysAgo(3),
          accessKey1Active: true,
        }),
      )
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'fail',
      reason: 'The root user used its first access key 3 days ago (2026-11-25), within the last 90 days.',
    });
  });

  test('the limit comes from root.maxDaysSinceLastUse', () => {
    const snapshot = aSnapshot()
      .rootUser(MANAGEMENT, { passwordLastUsed: daysAgo(20) })
      .build();
    const strict = desiredState((d) => {
      d.root.maxDaysSinceLastUse = 30;
    });
    const lax = desiredState((d) => {
      d.root.maxDaysSinceLastUse = 10;
    });
    expect(runCheck(ID, snapshot, strict)[0]?.status).toBe('fail');
    expect(runCheck(ID, snapshot, lax)[0]?.status).toBe('pass');
  });

  test('skipped: member account with centrally removed root credentials', () => {
    const snapshot = aSnapshot()
      .organization()
      .orgFeatures('RootCredentialsManagement')
      .rootUser(MEMBER, { mfa: false, password: false })
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: credential report denied', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'iam.credential-report', denied('iam:GenerateCredentialReport', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('iam:GenerateCredentialReport'),
    });
  });
});
