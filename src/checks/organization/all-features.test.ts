import { describe, expect, test } from 'vitest';
import { failed } from '../../observe/evidence.js';
import { aSnapshot, runCheck } from '../test-builders.test-helpers.js';

const ID = 'organization.all-features';

describe(ID, () => {
  test('pass: all features', () => {
    expect(runCheck(ID, aSnapshot().organization().build())[0]).toMatchObject({ status: 'pass', severity: 'high' });
  });

  test('fail: consolidated billing only', () => {
    const [r] = runCheck(ID, aSnapshot().organization({ featureSet: 'CONSOLIDATED_BILLING' }).build());
    expect(r).toMatchObject({ status: 'fail', reason: expect.stringContaining('CONSOLIDATED_BILLING') });
  });

  test('skipped: not in an organization', () => {
    expect(runCheck(ID, aSnapshot().noOrganization().build())[0]).toMatchObject({
      status: 'skipped',
      reason: 'The account is not a member of an organization.',
    });
  });

  test('error: reading failed', () => {
    const snapshot = aSnapshot()
      .org('organizations.organization', failed('TooManyRequestsException', 'slow down'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('slow down') });
  });
});
