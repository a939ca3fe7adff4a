/** @module iam.no-console-users: no IAM user has a console password (people use the access portal). */

import { daysSince, hasConsolePassword, isoDay, userRows } from '../credential-report.js';
import { accountResource, defineCheck, fail, pass } from '../define-check.js';

export const iamNoConsoleUsers = defineCheck({
  id: 'iam.no-console-users',
  title: 'No IAM user has a console password',
  severity: 'high',
  scope: 'account',
  rationale:
    'People should sign in through the IAM Identity Center access portal with their own identity, MFA and short sessions. An IAM user password is a second, long-lived way in that off-boarding in Identity Center does not remove.',
  notes: 'Reads password_enabled for every IAM user in the credential report (cached for up to four hours).',
  remediation: {
    console:
      'IAM console → Users → select the user → Security credentials → Console sign-in → Manage console access → Disable. Give the person an Identity Center user instead.',
    cli: 'aws iam delete-login-profile --user-name USER_NAME',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html'],
  },
  requires: ['iam.credential-report'],
  evaluate(input) {
    const consoleUsers = userRows(input.fact('iam.credential-report')).filter(hasConsolePassword);
    if (consoleUsers.length === 0)
      return [pass(accountResource(input.accountId), 'No IAM user has a console password.')];
    return consoleUsers.map((row) => {
      const lastUsed = row.passwordLastUsed;
      const age = daysSince(lastUsed, input.nowMs);
      const used = lastUsed && age !== undefined ? `last used ${isoDay(lastUsed)}` : 'never used';
      return fail(row.arn, `IAM user ${row.user} has a console password (${used}).`);
    });
  },
});
