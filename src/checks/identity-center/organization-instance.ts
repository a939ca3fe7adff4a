/** @module identity-center.organization-instance: the instance is the organization instance, not an account instance. */

import { defineCheck, fail, inAccount, pass, skipped } from '../define-check.js';

export const identityCenterOrganizationInstance = defineCheck({
  id: 'identity-center.organization-instance',
  title: 'The IAM Identity Center instance is the organization instance',
  severity: 'high',
  scope: 'organization',
  rationale:
    'An account instance serves only its own account: it cannot assign access to other accounts of the organization, and while it exists in the management account it blocks enabling the organization instance.',
  notes:
    "There is no explicit flag: the instance is the organization instance when its owner is the organization's management account. Skipped when no instance exists (identity-center.enabled reports it) or when the config chooses `identityCenter.instance: account`.",
  remediation: {
    console:
      'Create the organization first (AWS Organizations console). If an account instance already exists in the management account: IAM Identity Center console → Settings → Management → Delete the instance, then Enable again with AWS Organizations. Deleting removes its users, groups and assignments.',
    config: 'identityCenter:\n  instance: organization',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html'],
  },
  requires: ['identity-center.instance', 'organizations.organization'],
  handlesNotApplicable: ['organizations.organization'],
  evaluate(input) {
    const { instance } = input.fact('identity-center.instance');
    if (!instance)
      return [skipped('identity-center', 'No IAM Identity Center instance exists (see identity-center.enabled).')];
    const at = (f: ReturnType<typeof pass>) => inAccount(f, instance.ownerAccountId);
    if (input.desired.identityCenter.instance === 'account') {
      return [at(skipped(instance.arn, 'The config chooses an account instance (identityCenter.instance: account).'))];
    }
    if (input.evidence('organizations.organization')?.status === 'notApplicable') {
      return [
        at(
          fail(
            instance.arn,
            `The instance is an account instance of account ${instance.ownerAccountId}, which is not in an organization.`,
          ),
        ),
      ];
    }
    const org = input.fact('organizations.organization');
    if (instance.ownerAccountId === org.managementAccountId) {
      return [at(pass(instance.arn, `The instance is the organization instance of ${org.id}.`))];
    }
    return [
      at(
        fail(
          instance.arn,
          `The instance belongs to account ${instance.ownerAccountId}, not to the management account ${org.managementAccountId}: it is an account instance.`,
        ),
      ),
    ];
  },
});
