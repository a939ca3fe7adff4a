import { describe, expect, test } from 'vitest';
import { ok } from '../../observe/evidence.js';
import { aSnapshot, MANAGEMENT, MEMBER, rootRow, runCheck } from '../test-builders.test-helpers.js';

const ID = 'root.no-access-keys';

describe(ID, () => {
  test('pass: no root access keys', () => {
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { keys: 0 }).build())[0]).toMatchObject({
      status: 'pass',
      severity: 'critical',
    });
  });

  test('fail: one or two active keys', () => {
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { keys: 1 }).build())[0]).toMatchObject({
      status: 'fail',
      reason: 'The root user has an active access key.',
    });
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { keys: 2 }).build())[0]?.reason).toContain(
      '2 active access keys',
    );
  });

  test('fail: an inactive key still counts (the summary flag covers it)', () => {
    const snapshot = aSnapshot()
      .rootUser(MANAGEMENT, { keys: 0 })
      .account(MANAGEMENT, 'iam.account-summary', ok({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 }))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'fail', reason: expect.stringContaining('inactive') });
  });

  test('skipped: member account with centrally removed root credentials', () => {
    const snapshot = aSnapshot()
      .organization()
      .orgFeatures('RootCredentialsManagement')
      .rootUser(MEMBER, { mfa: false, password: false, keys: 0 })
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: the credential report was never read', () => {
    const snapshot = aSnapshot().rootUser(MANAGEMENT).without('iam.credential-report', MANAGEMENT).build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('was not read'),
    });
  });

  test('error: the summary lacks the flag', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'iam.account-summary', ok({ Users: 3 }))
      .credentialRows(MANAGEMENT, rootRow())
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('AccountAccessKeysPresent'),
    });
  });
});
