/** @module identity-center.enabled: an IAM Identity Center instance exists. */

import { accountResource, defineCheck, fail, inAccount, pass } from '../define-check.js';

export const identityCenterEnabled = defineCheck({
  id: 'identity-center.enabled',
  title: 'An IAM Identity Center instance exists',
  severity: 'critical',
  scope: 'organization',
  rationale:
    'Without IAM Identity Center people sign in as the root user or as IAM users with long-lived passwords and keys. Identity Center gives every person their own sign-in with MFA and short-lived role sessions in each account.',
  notes:
    'Reads ListInstances in the configured region (or every probed region) and reports where an instance was found. An instance that is not ACTIVE fails. AWS offers no API to enable the organization instance: it is a console step in the management account.',
  remediation: {
    console:
      'Management account → switch to the region you chose (e.g. eu-west-1) → IAM Identity Center console → Enable → Enable with AWS Organizations. Choose the region with care: moving it later means deleting the instance.',
    config: 'identityCenter:\n  region: eu-west-1\n  instance: organization',
  },
  references: {
    cis: ['1.21', 'v7.0:2.19'],
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html'],
  },
  requires: ['identity-center.instance'],
  evaluate(input) {
    const { instance, probedRegions } = input.fact('identity-center.instance');
    if (!instance) {
      const where =
        probedRegions.length > 3
          ? ` in any of the ${probedRegions.length} regions where Identity Center is offered`
          : probedRegions.length > 0
            ? ` (looked in ${probedRegions.join(', ')})`
            : '';
      const caller = input.snapshot.callerAccountId;
      return [inAccount(fail(accountResource(caller), `No IAM Identity Center instance was found${where}.`), caller)];
    }
    const finding =
      instance.status === 'ACTIVE'
        ? pass(instance.arn, `IAM Identity Center instance ${instance.arn} is active in ${instance.region}.`)
        : fail(
            instance.arn,
            `IAM Identity Center instance ${instance.arn} in ${instance.region} is ${instance.status}.`,
          );
    return [inAccount(finding, instance.ownerAccountId)];
  },
});
