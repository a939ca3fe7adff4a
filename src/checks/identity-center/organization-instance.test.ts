import { describe, expect, test } from 'vitest';
import { denied } from '../../observe/evidence.js';
import { aSnapshot, desiredState, MEMBER, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.organization-instance';

describe(ID, () => {
  test('pass: owned by the management account', () => {
    expect(runCheck(ID, aSnapshot().organization().instance().build())[0]).toMatchObject({
      status: 'pass',
      severity: 'high',
    });
  });

  test('fail: owned by a member account (an account instance)', () => {
    const [r] = runCheck(ID, aSnapshot().organization().instance({ ownerAccountId: MEMBER }).build());
    expect(r).toMatchObject({ status: 'fail', accountId: MEMBER, reason: expect.stringContaining('account instance') });
  });

  test('fail: an instance in a standalone account', () => {
    const [r] = runCheck(ID, aSnapshot().noOrganization().instance().build());
    expect(r).toMatchObject({ status: 'fail', reason: expect.stringContaining('not in an organization') });
  });

  test('skipped: no instance, or the config chooses an account instance', () => {
    expect(runCheck(ID, aSnapshot().organization().noInstance().build())[0]?.status).toBe('skipped');
    const accountInstance = desiredState((d) => {
      d.identityCenter.instance = 'account';
    });
    expect(
      runCheck(ID, aSnapshot().organization().instance({ ownerAccountId: MEMBER }).build(), accountInstance)[0],
    ).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('identityCenter.instance: account'),
    });
  });

  test('error: DescribeOrganization denied', () => {
    const snapshot = aSnapshot()
      .org('organizations.organization', denied('organizations:DescribeOrganization', 'AccessDenied'))
      .instance()
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('error');
  });
});
