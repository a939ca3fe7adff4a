/** @module iam.no-user-policies: IAM users get permissions only through groups. */

import { accountResource, defineCheck, fail, pass } from '../define-check.js';

export const iamNoUserPolicies = defineCheck({
  id: 'iam.no-user-policies',
  title: 'IAM users get permissions only through groups',
  severity: 'low',
  scope: 'account',
  rationale:
    'Policies attached to individual users are scattered and easy to miss in a review; permissions granted through groups (or, better, Identity Center permission sets) are visible in one place and removed with one change.',
  remediation: {
    console:
      'IAM console → Users → select the user → Permissions → remove each directly attached or inline policy, and add the user to a group that carries those permissions.',
    cli: 'aws iam detach-user-policy --user-name USER_NAME --policy-arn POLICY_ARN\naws iam delete-user-policy --user-name USER_NAME --policy-name POLICY_NAME',
  },
  references: {
    cis: ['1.15', 'v7.0:2.13'],
    prowler: ['iam_policy_attached_only_to_group_or_roles'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html'],
  },
  requires: ['iam.user-policies'],
  evaluate(input) {
    const withPolicies = input.fact('iam.user-policies').filter((u) => u.attached.length > 0 || u.inline.length > 0);
    if (withPolicies.length === 0)
      return [pass(accountResource(input.accountId), 'No IAM user has policies of its own.')];
    return withPolicies.map((u) => {
      const parts = [
        ...(u.attached.length > 0
          ? [`${u.attached.length} attached polic${u.attached.length === 1 ? 'y' : 'ies'}`]
          : []),
        ...(u.inline.length > 0 ? [`${u.inline.length} inline polic${u.inline.length === 1 ? 'y' : 'ies'}`] : []),
      ];
      return fail(
        `${accountResource(input.accountId)}/user/${u.userName}`,
        `IAM user ${u.userName} has ${parts.join(' and ')}.`,
      );
    });
  },
});
