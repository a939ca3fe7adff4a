/** @module organization.all-features: the organization has all features enabled. */

import { defineCheck, fail, inAccount, pass } from '../define-check.js';

export const organizationAllFeatures = defineCheck({
  id: 'organization.all-features',
  title: 'The organization has all features enabled',
  severity: 'high',
  scope: 'organization',
  rationale:
    'An organization with only consolidated billing cannot use service control policies, centralized root access or the IAM Identity Center organization instance features that depend on trusted access.',
  remediation: {
    console:
      'Management account → AWS Organizations console → Settings → Enable all features → Begin process. Every invited member account must accept the request (accounts created by the organization accept automatically).',
    config: 'organization:\n  featureSet: ALL',
    cli: 'aws organizations enable-all-features',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html'],
  },
  requires: ['organizations.organization'],
  evaluate(input) {
    const org = input.fact('organizations.organization');
    const finding =
      org.featureSet === 'ALL'
        ? pass(org.id, `Organization ${org.id} has all features enabled.`)
        : fail(org.id, `Organization ${org.id} has only consolidated billing features (${org.featureSet}).`);
    return [inAccount(finding, org.managementAccountId)];
  },
});
