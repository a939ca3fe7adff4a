import { describe, expect, test } from 'vitest';
import { denied, notApplicable, ok } from '../../observe/evidence.js';
import { aSnapshot, MANAGEMENT, MEMBER, runCheck, SECURITY_CONTACT } from '../test-builders.test-helpers.js';

const ID = 'account.security-contact';

describe(ID, () => {
  test('pass: a security contact is registered', () => {
    const [r] = runCheck(ID, aSnapshot().securityContact(MANAGEMENT, SECURITY_CONTACT).build());
    expect(r).toMatchObject({
      status: 'pass',
      severity: 'medium',
      accountId: MANAGEMENT,
      reason: 'The security alternate contact is Security team <security@example.com>.',
    });
  });

  test('fail: none registered; judged per account in scope', () => {
    const snapshot = aSnapshot().securityContact(MANAGEMENT, SECURITY_CONTACT).securityContact(MEMBER, null).build();
    expect(runCheck(ID, snapshot).map((r) => [r.accountId, r.status])).toEqual([
      [MANAGEMENT, 'pass'],
      [MEMBER, 'fail'],
    ]);
  });

  test('skipped: the fact does not apply to the account', () => {
    const snapshot = aSnapshot()
      .account(MANAGEMENT, 'account.alternate-contacts', notApplicable('the account is suspended'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'skipped', reason: 'The account is suspended.' });
  });

  test('error: denied, or the SECURITY type was not read', () => {
    const deniedSnapshot = aSnapshot()
      .account(MANAGEMENT, 'account.alternate-contacts', denied('account:GetAlternateContact', 'AccessDenied'))
      .build();
    expect(runCheck(ID, deniedSnapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('account:GetAlternateContact'),
    });
    const partial = aSnapshot()
      .account(MANAGEMENT, 'account.alternate-contacts', ok({ BILLING: null }))
      .build();
    expect(runCheck(ID, partial)[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('not read') });
  });

  test('error: no account in scope at all', () => {
    expect(runCheck(ID, aSnapshot().build())).toEqual([
      expect.objectContaining({
        status: 'error',
        resource: 'accounts',
        reason: expect.stringContaining('No account was in scope'),
      }),
    ]);
  });
});
