/** @module iam.unused-credentials: no IAM password or access key has been unused for N days. */

import type { CredentialReportRow } from '../../model/types.js';
import { activeKeys, days, daysSince, hasConsolePassword, userRows } from '../credential-report.js';
import { accountResource, defineCheck, fail, pass } from '../define-check.js';

function staleCredentials(row: CredentialReportRow, nowMs: number, limit: number): string[] {
  const stale: string[] = [];
  if (hasConsolePassword(row)) {
    const used = daysSince(row.passwordLastUsed, nowMs);
    const since = daysSince(row.passwordLastChanged ?? row.userCreationTime, nowMs);
    if (used !== undefined && used >= limit) stale.push(`password unused for ${days(used)}`);
    if (used === undefined && since !== undefined && since >= limit)
      stale.push(`password never used in ${days(since)}`);
  }
  for (const key of activeKeys(row)) {
    const used = daysSince(key.lastUsed, nowMs);
    const since = daysSince(key.lastRotated, nowMs);
    if (used !== undefined && used >= limit) stale.push(`access key ${key.slot} unused for ${days(used)}`);
    if (used === undefined && since !== undefined && since >= limit) {
      stale.push(`access key ${key.slot} never used in ${days(since)}`);
    }
  }
  return stale;
}

export const iamUnusedCredentials = defineCheck({
  id: 'iam.unused-credentials',
  title: 'No IAM password or access key is left unused',
  severity: 'medium',
  scope: 'account',
  rationale:
    'A credential nobody uses still works for whoever finds it, and nobody notices when it starts being used. Disabling what has not been used for weeks removes access that no one will miss.',
  notes:
    'Unused means not used for `audit.thresholds.unusedCredentialDays` days (default 45); a credential never used counts from when it was set (password last changed or user creation; key last rotated). Only console passwords and active keys are judged.',
  remediation: {
    console:
      'IAM console → Users → select the user → Security credentials → Console sign-in → Manage console access → Disable; Access keys → Actions → Deactivate (then Delete).',
    cli: 'aws iam delete-login-profile --user-name USER_NAME\naws iam update-access-key --user-name USER_NAME --access-key-id KEY_ID --status Inactive',
  },
  references: {
    cis: ['1.12', 'v7.0:2.11'],
    prowler: ['iam_user_accesskey_unused', 'iam_user_console_access_unused'],
    fsbp: ['IAM.8'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html'],
  },
  requires: ['iam.credential-report'],
  evaluate(input) {
    const limit = input.desired.audit.thresholds.unusedCredentialDays;
    const holders = userRows(input.fact('iam.credential-report')).filter(
      (r) => hasConsolePassword(r) || activeKeys(r).length > 0,
    );
    if (holders.length === 0) {
      return [pass(accountResource(input.accountId), 'No IAM user has a console password or an active access key.')];
    }
    return holders.map((row) => {
      const stale = staleCredentials(row, input.nowMs, limit);
      return stale.length > 0
        ? fail(row.arn, `IAM user ${row.user}: ${stale.join('; ')} (limit ${days(limit)}).`)
        : pass(row.arn, `IAM user ${row.user}'s credentials were used within the last ${days(limit)}.`);
    });
  },
});
