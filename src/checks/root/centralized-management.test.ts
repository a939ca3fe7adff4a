import { describe, expect, test } from 'vitest';
import { denied, notApplicable, ok } from '../../observe/evidence.js';
import { aSnapshot, desiredState, MANAGEMENT, runCheck } from '../test-builders.test-helpers.js';

const ID = 'root.centralized-management';

describe(ID, () => {
  test('pass: both features enabled', () => {
    const snapshot = aSnapshot().organization().orgFeatures('RootCredentialsManagement', 'RootSessions').build();
    expect(runCheck(ID, snapshot)).toEqual([
      expect.objectContaining({ status: 'pass', severity: 'medium', accountId: MANAGEMENT, resource: 'o-abc123def4' }),
    ]);
  });

  test('fail: a feature is missing', () => {
    const snapshot = aSnapshot().organization().orgFeatures('RootCredentialsManagement').build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'fail',
      reason: 'Centralized root access is missing RootSessions.',
    });
  });

  test('fail: IAM trusted access not enabled (the features fact is notApplicable inside an organization)', () => {
    const snapshot = aSnapshot()
      .organization()
      .org('iam.organizations-features', notApplicable('trusted access for IAM is not enabled.'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'fail',
      reason: 'Centralized root access is not set up: trusted access for IAM is not enabled.',
    });
  });

  test('manual: read from another account (e.g. Identity Center’s delegated administrator), it says where to read it', () => {
    const snapshot = aSnapshot()
      .organization()
      .org(
        'sts.caller-identity',
        ok({ accountId: '333333333333', arn: 'arn:aws:sts::333333333333:assumed-role/Admin/x', userId: 'x' }),
      )
      .org(
        'iam.organizations-features',
        notApplicable(
          'centralized root access can only be read from the management account or an IAM delegated administrator',
        ),
      )
      .build();
    const [finding] = runCheck(ID, snapshot);
    expect(finding?.status).toBe('manual');
    expect(finding?.reason).toContain('Not readable from account 333333333333');
    expect(finding?.reason).toContain(`Run the audit from the management account ${MANAGEMENT}`);
  });

  test('fail: the organization has only consolidated billing', () => {
    const snapshot = aSnapshot().organization({ featureSet: 'CONSOLIDATED_BILLING' }).orgFeatures().build();
    expect(runCheck(ID, snapshot)[0]?.reason).toContain('all features');
  });

  test('skipped: not in an organization, or the config opts out', () => {
    const standalone = aSnapshot()
      .noOrganization()
      .org('iam.organizations-features', notApplicable('no organization'))
      .build();
    expect(runCheck(ID, standalone)[0]).toMatchObject({ status: 'skipped', resource: 'organization' });
    const optOut = desiredState((d) => {
      d.root.centralizedManagement = false;
    });
    expect(runCheck(ID, aSnapshot().organization().orgFeatures().build(), optOut)[0]).toMatchObject({
      status: 'skipped',
      // Not "the config opts out": false is also what a config that says nothing gets.
      reason:
        'Not asked for: root.centralizedManagement is false (the default), so centralized root access is not judged.',
    });
  });

  test('error: ListOrganizationsFeatures denied', () => {
    const snapshot = aSnapshot()
      .organization()
      .org('iam.organizations-features', denied('iam:ListOrganizationsFeatures', 'AccessDenied'))
      .build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('iam:ListOrganizationsFeatures'),
    });
  });
});
