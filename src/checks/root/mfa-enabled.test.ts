import { describe, expect, test } from 'vitest';
import { denied, ok } from '../../observe/evidence.js';
import {
  aSnapshot,
  desiredState,
  MANAGEMENT,
  MEMBER,
  rootRow,
  runCheck,
  userRow,
} from '../test-builders.test-helpers.js';

const ID = 'root.mfa-enabled';

describe(ID, () => {
  test('pass: the root user has MFA', () => {
    const [r, ...rest] = runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { mfa: true }).build());
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      status: 'pass',
      severity: 'critical',
      accountId: MANAGEMENT,
      resource: `arn:aws:iam::${MANAGEMENT}:root`,
    });
  });

  test('fail: the root user has no MFA', () => {
    const [r] = runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { mfa: false }).build());
    expect(r).toMatchObject({ status: 'fail', reason: 'The root user has no MFA device.' });
  });

  test('the live summary wins over the cached credential report, both ways', () => {
    const added = aSnapshot()
      .rootUser(MANAGEMENT, { mfa: true })
      .credentialRows(MANAGEMENT, rootRow(MANAGEMENT, { mfaActive: false }))
      .build();
    expect(runCheck(ID, added)[0]).toMatchObject({
      status: 'pass',
      reason: expect.stringContaining('does not show it yet'),
    });
    const removed = aSnapshot()
      .rootUser(MANAGEMENT, { mfa: false })
      .credentialRows(MANAGEMENT, rootRow(MANAGEMENT, { mfaActive: true }))
      .build();
    expect(runCheck(ID, removed)[0]).toMatchObject({ status: 'fail', reason: expect.stringContaining('was removed') });
  });

  test('skipped: a member account whose root credentials were removed centrally; never the management account', () => {
    const snapshot = aSnapshot()
      .organization()
      .orgFeatures('RootCredentialsManagement', 'RootSessions')
      .rootUser(MANAGEMENT, { mfa: false, password: false, keys: 0 })
      .rootUser(MEMBER, { mfa: false, password: false, keys: 0 })
      .build();
    const results = runCheck(ID, snapshot);
    expect(results.map((r) => [r.accountId, r.status])).toEqual([
      [MANAGEMENT, 'fail'],
      [MEMBER, 'skipped'],
    ]);
    expect(results[1]?.reason).toMatch(
      /managed centrally .*RootCredentialsManagement.*no password, access keys or MFA/,
    );
  });

  test('a member root that still has a password is judged even with centralized management', () => {
    const snapshot = aSnapshot()
      .organization()
      .orgFeatures('RootCredentialsManagement')
      .rootUser(MEMBER, { mfa: false, password: true })
      .build();
    expect(runCheck(ID, snapshot).map((r) => r.status)).toEqual(['fail']);
  });

  test('error: the account summary could not be read (names the fact and the denied action)', () => {
    const snapshot = aSnapshot()
      .rootUser(MANAGEMENT)
      .account(MANAGEMENT, 'iam.account-summary', denied('iam:GetAccountSummary', 'AccessDenied'))
      .build();
    const [r] = runCheck(ID, snapshot);
    expect(r?.status).toBe('error');
    expect(r?.reason).toContain('iam:GetAccountSummary');
    expect(r?.reason).toContain('iam.account-summary');
  });

  test('error, never pass: a credential report without a <root_account> row (moto)', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'iam.account-summary', ok({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }))
      .credentialRows(MANAGEMENT, userRow('alice'))
      .build();
    const [r] = runCheck(ID, snapshot);
    expect(r?.status).toBe('error');
    expect(r?.reason).toContain('<root_account>');
  });

  test('a severity override from the config applies', () => {
    const desired = desiredState((d) => {
      d.audit.severityOverrides[ID] = 'low';
    });
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT).build(), desired)[0]?.severity).toBe('low');
  });
});
