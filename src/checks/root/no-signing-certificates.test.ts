import { describe, expect, test } from 'vitest';
import { failed } from '../../observe/evidence.js';
import { aSnapshot, MANAGEMENT, MEMBER, rootRow, runCheck } from '../test-builders.test-helpers.js';

const ID = 'root.no-signing-certificates';

describe(ID, () => {
  test('pass: no certificates', () => {
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT).build())[0]).toMatchObject({
      status: 'pass',
      severity: 'medium',
    });
  });

  test('fail: a certificate in the summary or in the report', () => {
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { certificates: true }).build())[0]?.status).toBe('fail');
    const reportOnly = aSnapshot()
      .rootUser(MANAGEMENT)
      .credentialRows(MANAGEMENT, rootRow(MANAGEMENT, { cert2Active: true }))
      .build();
    expect(runCheck(ID, reportOnly)[0]?.status).toBe('fail');
  });

  test('skipped: member account with centrally removed root credentials', () => {
    const snapshot = aSnapshot()
      .organization()
      .orgFeatures('RootCredentialsManagement')
      .rootUser(MEMBER, { mfa: false, password: false })
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('a member root with a signing certificate is not skipped', () => {
    const snapshot = aSnapshot()
      .organization()
      .orgFeatures('RootCredentialsManagement')
      .rootUser(MEMBER, { mfa: false, password: false, certificates: true })
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('fail');
  });

  test('error: summary failed to read', () => {
    const snapshot = aSnapshot()
      .rootUser(MANAGEMENT)
      .account(MANAGEMENT, 'iam.account-summary', failed('NetworkingError', 'socket hang up'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('socket hang up'),
    });
  });
});
