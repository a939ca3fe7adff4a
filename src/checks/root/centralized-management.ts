/** @module root.centralized-management: member-account root credentials are managed centrally. */

import { defineCheck, fail, inAccount, manual, pass, skipped } from '../define-check.js';

const FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const;

export const rootCentralizedManagement = defineCheck({
  id: 'root.centralized-management',
  title: 'Member-account root credentials are managed centrally',
  severity: 'medium',
  scope: 'organization',
  rationale:
    'Every member account has its own root user. Without centralized root access each one needs its own password, MFA device and recovery process; with it, the management account can remove member root credentials and run the few root-only tasks through short sessions.',
  notes:
    'Passes when IAM ListOrganizationsFeatures reports both RootCredentialsManagement and RootSessions. Skipped outside an organization and when the config sets `root.centralizedManagement: false`. Enabling the features does not delete existing member root credentials: the root checks report those per account.',
  remediation: {
    console:
      'Management account → IAM console → Root access management → Enable → tick "Root credentials management" and "Privileged root actions in member accounts" → Enable. (This also enables trusted access for IAM in AWS Organizations.)',
    config: 'root:\n  centralizedManagement: true',
    cli: 'aws organizations enable-aws-service-access --service-principal iam.amazonaws.com\naws iam enable-organizations-root-credentials-management\naws iam enable-organizations-root-sessions',
  },
  references: {
    cis: ['v7.0:2.1.1'],
    prowler: ['iam_root_credentials_management_enabled'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html'],
  },
  requires: ['organizations.organization', 'iam.organizations-features'],
  alsoReads: ['sts.caller-identity'],
  handlesNotApplicable: ['iam.organizations-features'],
  evaluate(input) {
    const org = input.fact('organizations.organization');
    const resource = org.id;
    const finding = (f: ReturnType<typeof pass>) => inAccount(f, org.managementAccountId);
    if (!input.desired.root.centralizedManagement) {
      return [
        finding(
          skipped(
            resource,
            'Not asked for: root.centralizedManagement is false (the default), so centralized root access is not judged.',
          ),
        ),
      ];
    }
    if (org.featureSet !== 'ALL') {
      return [finding(fail(resource, 'Centralized root access needs an organization with all features enabled.'))];
    }
    const features = input.evidence('iam.organizations-features');
    const caller = input.optional('sts.caller-identity')?.accountId;
    if (features?.status === 'notApplicable' && caller !== undefined && caller !== org.managementAccountId) {
      // Where gatehouse runs (e.g. Identity Center's delegated administrator), not the organization.
      return [
        finding(
          manual(
            resource,
            `Not readable from account ${caller}: ${features.reason.replace(/\.$/, '')}. Run the audit from the management account ${org.managementAccountId}, or check IAM console → Root access management there.`,
          ),
        ),
      ];
    }
    if (features?.status === 'notApplicable') {
      return [finding(fail(resource, `Centralized root access is not set up: ${features.reason.replace(/\.$/, '')}.`))];
    }
    const enabled = input.fact('iam.organizations-features').enabledFeatures;
    const missing = FEATURES.filter((f) => !enabled.includes(f));
    if (missing.length > 0) {
      return [finding(fail(resource, `Centralized root access is missing ${missing.join(' and ')}.`))];
    }
    return [finding(pass(resource, 'RootCredentialsManagement and RootSessions are enabled for the organization.'))];
  },
});
