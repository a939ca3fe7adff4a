import { describe, expect, test } from 'vitest';
import { denied, notApplicable } from '../../observe/evidence.js';
import { aSnapshot, MANAGEMENT, runCheck } from '../test-builders.test-helpers.js';

const ID = 'organization.exists';

describe(ID, () => {
  test('pass: in an organization', () => {
    expect(runCheck(ID, aSnapshot().organization().build())).toEqual([
      expect.objectContaining({ status: 'pass', severity: 'high', resource: 'o-abc123def4', accountId: MANAGEMENT }),
    ]);
  });

  test('fail (not skipped): DescribeOrganization says "not in an organization"', () => {
    const [r] = runCheck(ID, aSnapshot().noOrganization().build());
    expect(r).toMatchObject({
      status: 'fail',
      resource: `account/${MANAGEMENT}`,
      reason: 'The account is not in an AWS Organization.',
    });
    const other = aSnapshot()
      .org('organizations.organization', notApplicable('AWSOrganizationsNotInUseException'))
      .build();
    expect(runCheck(ID, other)[0]?.reason).toBe(
      'The account is not in an AWS Organization (AWSOrganizationsNotInUseException).',
    );
  });

  test('error: DescribeOrganization denied', () => {
    const snapshot = aSnapshot()
      .org('organizations.organization', denied('organizations:DescribeOrganization', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      resource: 'organization',
      reason: expect.stringContaining('organizations:DescribeOrganization'),
    });
  });

  test('error: never read', () => {
    expect(runCheck(ID, aSnapshot().build())[0]?.status).toBe('error');
  });
});
