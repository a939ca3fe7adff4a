/** @module identity-center.provisioned: every changed permission set has been re-provisioned to its accounts. */

import { defineCheck, fail, pass } from '../define-check.js';

const MAX_ACCOUNTS = 10;

export const identityCenterProvisioned = defineCheck({
  id: 'identity-center.provisioned',
  title: 'Every permission set is provisioned in its latest version',
  severity: 'high',
  scope: 'organization',
  rationale:
    'Editing a permission set does not change the roles already created from it: until it is re-provisioned, the accounts keep the old policies. A removed permission can silently stay in force, and a fix can silently never arrive.',
  notes:
    'Reads ListAccountsForProvisionedPermissionSet with the LATEST_PERMISSION_SET_NOT_PROVISIONED filter for every permission set.',
  remediation: {
    console:
      'IAM Identity Center console → Multi-account permissions → Permission sets → select the set → AWS accounts tab → select the outdated accounts → Update (re-provision).',
    cli: 'aws sso-admin provision-permission-set --instance-arn INSTANCE_ARN --permission-set-arn PERMISSION_SET_ARN \\\n  --target-type ALL_PROVISIONED_ACCOUNTS\n# or: gatehouse apply (re-provisions what it changes)',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html'],
  },
  requires: ['identity-center.provisioning'],
  alsoReads: ['identity-center.permission-sets'],
  evaluate(input) {
    const names = new Map((input.optional('identity-center.permission-sets') ?? []).map((ps) => [ps.arn, ps.name]));
    const provisioning = input.fact('identity-center.provisioning');
    const outdated = provisioning.filter((p) => p.outdated.length > 0);
    if (outdated.length === 0) {
      const copies = provisioning.reduce((n, p) => n + p.accounts.length, 0);
      return [
        pass(
          'identity-center',
          copies === 0
            ? 'No permission set is provisioned to any account yet.'
            : `${copies} provisioned cop${copies === 1 ? 'y is' : 'ies are'} up to date.`,
        ),
      ];
    }
    return outdated.map((p) => {
      const name = names.get(p.permissionSetArn);
      const list = [...p.outdated].sort();
      const shown = list.length > MAX_ACCOUNTS ? `${list.slice(0, MAX_ACCOUNTS).join(', ')}, …` : list.join(', ');
      return fail(
        name ? `permission-set/${name}` : p.permissionSetArn,
        `Permission set ${name ?? p.permissionSetArn} is out of date in ${list.length} account(s): ${shown}.`,
      );
    });
  },
});
