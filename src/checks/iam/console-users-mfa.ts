/** @module iam.console-users-mfa: every IAM user with a console password has MFA. */

import { accountResource, defineCheck, fail, pass } from '../define-check.js';

export const iamConsoleUsersMfa = defineCheck({
  id: 'iam.console-users-mfa',
  title: 'Every IAM user with a console password has MFA',
  severity: 'high',
  scope: 'account',
  rationale:
    'An IAM user that can sign in to the console with only a password is one phishing e-mail away from an attacker. MFA makes a stolen password useless on its own.',
  notes:
    'Reads login profiles and MFA devices live (GetLoginProfile, ListMFADevices), not from the cached credential report.',
  remediation: {
    console:
      'IAM console → Users → select the user → Security credentials → Multi-factor authentication (MFA) → Assign MFA device. Better: remove the console password and use Identity Center (iam.no-console-users).',
  },
  references: {
    cis: ['1.10', 'v7.0:2.10'],
    prowler: ['iam_user_mfa_enabled_console_access'],
    fsbp: ['IAM.5'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_mfa_enable.html'],
  },
  requires: ['iam.console-access'],
  evaluate(input) {
    const consoleUsers = input.fact('iam.console-access').filter((u) => u.hasConsolePassword);
    if (consoleUsers.length === 0)
      return [pass(accountResource(input.accountId), 'No IAM user has a console password.')];
    return consoleUsers.map((user) =>
      user.mfaDevices > 0
        ? pass(user.arn, `IAM user ${user.userName} has a console password and MFA.`)
        : fail(user.arn, `IAM user ${user.userName} has a console password but no MFA.`),
    );
  },
});
