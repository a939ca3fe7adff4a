/** @module iam.password-policy: the account password policy requires length ≥ 14 and prevents reuse of the last 24. */

import { accountResource, defineCheck, fail, pass } from '../define-check.js';

export const iamPasswordPolicy = defineCheck({
  id: 'iam.password-policy',
  title: 'The IAM password policy requires long passwords and prevents reuse',
  severity: 'medium',
  scope: 'account',
  rationale:
    'IAM user passwords that are short or recycled are guessed or reused from other breaches. Even when people use Identity Center, a policy protects the IAM users that remain.',
  notes:
    "Long and no reuse mean at least `audit.thresholds.passwordMinLength` characters (default 14) and remembering at least `audit.thresholds.passwordReusePrevention` previous passwords (default 24). No custom policy (NoSuchEntity) fails: IAM's default has neither.",
  remediation: {
    console:
      'IAM console → Account settings → Password policy → Edit → Custom → Password minimum length 14; Prevent password reuse: 24 → Save changes.',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 \\\n  --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters',
  },
  references: {
    cis: ['1.8', '1.9', 'v7.0:2.8', 'v7.0:2.9'],
    prowler: ['iam_password_policy_minimum_length_14', 'iam_password_policy_reuse_24'],
    fsbp: ['IAM.7'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html'],
  },
  requires: ['iam.password-policy'],
  evaluate(input) {
    const { passwordMinLength, passwordReusePrevention } = input.desired.audit.thresholds;
    const resource = `${accountResource(input.accountId)}/password-policy`;
    const policy = input.fact('iam.password-policy');
    if (policy === null) return [fail(resource, 'The account has no custom IAM password policy.')];
    const problems: string[] = [];
    const length = policy.minimumPasswordLength ?? 0;
    const reuse = policy.passwordReusePrevention ?? 0;
    if (length < passwordMinLength) problems.push(`minimum length is ${length}, below ${passwordMinLength}`);
    if (reuse < passwordReusePrevention) {
      problems.push(
        reuse === 0
          ? 'password reuse is not prevented'
          : `only the last ${reuse} passwords are remembered, below ${passwordReusePrevention}`,
      );
    }
    return problems.length > 0
      ? [fail(resource, `The IAM password policy is too weak: ${problems.join('; ')}.`)]
      : [
          pass(
            resource,
            `The IAM password policy requires ${length}+ characters and remembers the last ${reuse} passwords.`,
          ),
        ];
  },
});
