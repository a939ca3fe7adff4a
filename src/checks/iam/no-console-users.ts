/** @module iam.no-console-users: no IAM user has a console password (people use the access portal). */

import { isoDay, userRows } from '../credential-report.js';
import { accountResource, defineCheck, fail, pass } from '../define-check.js';

export const iamNoConsoleUsers = defineCheck({
  id: 'iam.no-console-users',
  title: 'No IAM user has a console password',
  severity: 'high',
  scope: 'account',
  rationale:
    'People should sign in through the IAM Identity Center access portal with their own identity, MFA and short sessions. An IAM user password is a second, long-lived way in that off-boarding in Identity Center does not remove.',
  notes:
    'Reads each IAM user’s login profile live (GetLoginProfile): the credential report is regenerated at most every four hours and can still show a password removed minutes ago. The report, when read, adds when the password was last used.',
  remediation: {
    console:
      'IAM console → Users → select the user → Security credentials → Console sign-in → Manage console access → Disable. Give the person an Identity Center user instead.',
    cli: 'aws iam delete-login-profile --user-name USER_NAME',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html'],
  },
  requires: ['iam.console-access'],
  alsoReads: ['iam.credential-report'],
  evaluate(input) {
    const consoleUsers = input.fact('iam.console-access').filter((u) => u.hasConsolePassword);
    if (consoleUsers.length === 0)
      return [pass(accountResource(input.accountId), 'No IAM user has a console password.')];
    const report = input.optional('iam.credential-report');
    const rows = report ? userRows(report) : [];
    return consoleUsers.map((user) => {
      const lastUsed = rows.find((r) => r.user === user.userName)?.passwordLastUsed;
      const used = lastUsed ? ` (last used ${isoDay(lastUsed)})` : '';
      return fail(user.arn, `IAM user ${user.userName} has a console password${used}.`);
    });
  },
});
