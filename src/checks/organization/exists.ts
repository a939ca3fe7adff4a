/** @module organization.exists: the account belongs to an AWS Organization. */

import { accountResource, defineCheck, fail, inAccount, pass } from '../define-check.js';

export const organizationExists = defineCheck({
  id: 'organization.exists',
  title: 'The account belongs to an AWS Organization',
  severity: 'high',
  scope: 'organization',
  rationale:
    'Without an organization there is no management account, no IAM Identity Center organization instance, no SCPs and no centralized root access: every account has to be secured on its own, and workloads end up in the account that holds the bills.',
  notes: 'Fails when DescribeOrganization answers that the account is not in an organization.',
  remediation: {
    console:
      'AWS Organizations console → Create an organization (the current account becomes the management account). Do it before enabling IAM Identity Center: an account instance created first blocks the organization instance.',
    config: 'organization:\n  featureSet: ALL',
    cli: 'aws organizations create-organization --feature-set ALL',
  },
  references: {
    prowler: ['organizations_account_part_of_organizations'],
    docs: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_introduction.html'],
  },
  requires: ['organizations.organization'],
  handlesNotApplicable: ['organizations.organization'],
  evaluate(input) {
    const caller = input.snapshot.callerAccountId;
    const evidence = input.evidence('organizations.organization');
    if (evidence?.status === 'notApplicable') {
      return [
        inAccount(
          fail(
            accountResource(caller),
            `The account is not in an AWS Organization${/not (?:in|a member of) an? (?:AWS )?organi[sz]ation/i.test(evidence.reason) ? '' : ` (${evidence.reason})`}.`,
          ),
          caller,
        ),
      ];
    }
    const org = input.fact('organizations.organization');
    return [
      inAccount(
        pass(org.id, `The account belongs to organization ${org.id} (management account ${org.managementAccountId}).`),
        caller ?? org.managementAccountId,
      ),
    ];
  },
});
