/**
 * @module Frameworks as data: the CIS AWS Foundations Benchmark controls, Prowler check ids and
 * Security Hub FSBP controls that gatehouse maps to (reference: prior-art.md §2), so users can line
 * gatehouse up with the scanners they already run. Checks cite these ids in `references`; a test
 * rejects any id not listed here, and `frameworkIndex` inverts the mapping.
 */

import type { Check } from './define-check.js';

export interface FrameworkControl {
  id: string;
  title: string;
}

export interface Framework {
  /** Stable key used in `frameworkIndex`. */
  key: 'cis-v3-v4' | 'cis-v7' | 'prowler' | 'fsbp';
  name: string;
  controls: readonly FrameworkControl[];
}

/** CIS v3.0 and v4.0.1 share the numbering of the IAM section (section 1). */
export const CIS_V3_V4: Framework = {
  key: 'cis-v3-v4',
  name: 'CIS AWS Foundations Benchmark v3.0 / v4.0.1',
  controls: [
    { id: '1.1', title: 'Maintain current contact details' },
    { id: '1.2', title: 'Security contact information registered' },
    { id: '1.3', title: 'Security questions registered' },
    { id: '1.4', title: 'No root user access key' },
    { id: '1.5', title: 'MFA on root' },
    { id: '1.6', title: 'Hardware MFA on root' },
    { id: '1.7', title: 'Eliminate root use for administrative and daily tasks' },
    { id: '1.8', title: 'Password policy minimum length ≥ 14' },
    { id: '1.9', title: 'Password policy prevents reuse' },
    { id: '1.10', title: 'MFA for all IAM users with a console password' },
    { id: '1.11', title: 'No access keys at initial setup of console users' },
    { id: '1.12', title: 'Credentials unused ≥ 45 days disabled' },
    { id: '1.13', title: 'Only one active access key per user' },
    { id: '1.14', title: 'Access keys rotated ≤ 90 days' },
    { id: '1.15', title: 'Users get permissions only via groups' },
    { id: '1.16', title: 'No attached *:* admin policies' },
    { id: '1.17', title: 'Support role exists' },
    { id: '1.19', title: 'Expired IAM server certificates removed' },
    { id: '1.20', title: 'IAM Access Analyzer in all regions' },
    { id: '1.21', title: 'Users managed centrally via federation or AWS Organizations' },
    { id: '1.22', title: 'AWSCloudShellFullAccess restricted' },
  ],
};

/** CIS v7.0 moved IAM to section 2 and added 2.1.x (organizations and centralized root access). */
export const CIS_V7: Framework = {
  key: 'cis-v7',
  name: 'CIS AWS Foundations Benchmark v7.0',
  controls: [
    { id: '2.1.1', title: 'Centralized root access in AWS Organizations' },
    { id: '2.2', title: 'Maintain current contact details' },
    { id: '2.3', title: 'Security contact information is registered' },
    { id: '2.4', title: 'No root user access key exists' },
    { id: '2.5', title: 'MFA is enabled for the root user' },
    { id: '2.6', title: 'Hardware MFA is enabled for the root user' },
    { id: '2.7', title: 'Eliminate use of the root user for administrative and daily tasks' },
    { id: '2.8', title: 'IAM password policy requires minimum length of 14 or greater' },
    { id: '2.9', title: 'IAM password policy prevents password reuse' },
    { id: '2.10', title: 'MFA is enabled for all IAM users that have a console password' },
    { id: '2.11', title: 'Credentials unused for 45 days or greater are disabled' },
    { id: '2.12', title: 'Access keys are rotated every 90 days or less' },
    { id: '2.13', title: 'IAM users receive permissions only through groups' },
    { id: '2.19', title: 'IAM users are managed centrally via identity federation or AWS Organizations' },
  ],
};

export const PROWLER: Framework = {
  key: 'prowler',
  name: 'Prowler',
  controls: [
    { id: 'iam_root_mfa_enabled', title: 'Root MFA enabled' },
    { id: 'iam_root_hardware_mfa_enabled', title: 'Root hardware MFA enabled' },
    { id: 'iam_no_root_access_key', title: 'No root access key' },
    { id: 'iam_avoid_root_usage', title: 'Avoid the use of the root account' },
    { id: 'iam_root_credentials_management_enabled', title: 'Centralized root credentials management enabled' },
    { id: 'account_security_contact_information_is_registered', title: 'Security contact registered' },
    { id: 'account_maintain_current_contact_details', title: 'Maintain current contact details' },
    { id: 'organizations_account_part_of_organizations', title: 'Account is part of an organization' },
    { id: 'iam_user_mfa_enabled_console_access', title: 'MFA for IAM users with console access' },
    { id: 'iam_user_accesskey_unused', title: 'IAM user access keys unused' },
    { id: 'iam_user_console_access_unused', title: 'IAM user console access unused' },
    { id: 'iam_rotate_access_key_90_days', title: 'Access keys rotated within 90 days' },
    { id: 'iam_user_two_active_access_key', title: 'IAM user with two active access keys' },
    { id: 'iam_password_policy_minimum_length_14', title: 'Password policy minimum length 14' },
    { id: 'iam_password_policy_reuse_24', title: 'Password policy prevents reuse of 24' },
    { id: 'iam_policy_attached_only_to_group_or_roles', title: 'Policies attached only to groups or roles' },
  ],
};

export const FSBP: Framework = {
  key: 'fsbp',
  name: 'AWS Security Hub Foundational Security Best Practices',
  controls: [
    { id: 'Account.1', title: 'Security contact information should be provided for an AWS account' },
    { id: 'IAM.3', title: "IAM users' access keys should be rotated every 90 days or less" },
    { id: 'IAM.4', title: 'IAM root user access key should not exist' },
    { id: 'IAM.5', title: 'MFA should be enabled for all IAM users that have a console password' },
    { id: 'IAM.6', title: 'Hardware MFA should be enabled for the root user' },
    { id: 'IAM.7', title: 'Password policies for IAM users should have strong configurations' },
    { id: 'IAM.8', title: 'Unused IAM user credentials should be removed' },
  ],
};

export const FRAMEWORKS: readonly Framework[] = [CIS_V3_V4, CIS_V7, PROWLER, FSBP];

const V7_PREFIX = 'v7.0:';

/** Splits a `references.cis` entry into its framework and control id. */
export function parseCisReference(ref: string): { framework: Framework; id: string } {
  return ref.startsWith(V7_PREFIX)
    ? { framework: CIS_V7, id: ref.slice(V7_PREFIX.length) }
    : { framework: CIS_V3_V4, id: ref };
}

/** The problems with a check's references (unknown ids, malformed URLs); empty when all is well. */
export function referenceProblems(check: Check): string[] {
  const problems: string[] = [];
  const known = (framework: Framework, id: string) => framework.controls.some((c) => c.id === id);
  for (const ref of check.references.cis ?? []) {
    const { framework, id } = parseCisReference(ref);
    if (!known(framework, id)) problems.push(`unknown ${framework.name} control "${ref}"`);
  }
  for (const id of check.references.prowler ?? [])
    if (!known(PROWLER, id)) problems.push(`unknown Prowler check "${id}"`);
  for (const id of check.references.fsbp ?? []) if (!known(FSBP, id)) problems.push(`unknown FSBP control "${id}"`);
  for (const url of check.references.docs ?? []) {
    if (!/^https:\/\/docs\.aws\.amazon\.com\/[\w./#-]+$/.test(url))
      problems.push(`documentation link is not an AWS docs https URL: ${url}`);
  }
  return problems;
}

/** framework key → control id → the check ids that map to it, in catalogue order. */
export function frameworkIndex(checks: readonly Check[]): Record<Framework['key'], Record<string, string[]>> {
  const index: Record<Framework['key'], Record<string, string[]>> = {
    'cis-v3-v4': {},
    'cis-v7': {},
    prowler: {},
    fsbp: {},
  };
  const add = (key: Framework['key'], id: string, checkId: string) => {
    index[key][id] ??= [];
    index[key][id].push(checkId);
  };
  for (const check of checks) {
    for (const ref of check.references.cis ?? []) {
      const { framework, id } = parseCisReference(ref);
      add(framework.key, id, check.id);
    }
    for (const id of check.references.prowler ?? []) add('prowler', id, check.id);
    for (const id of check.references.fsbp ?? []) add('fsbp', id, check.id);
  }
  return index;
}
