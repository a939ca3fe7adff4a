/** @module root.not-used: the root user has not signed in or used a key within N days. */

import { days, daysSince, isoDay, rootArn, rootRow } from '../credential-report.js';
import { defineCheck, fail, pass } from '../define-check.js';

export const rootNotUsed = defineCheck({
  id: 'root.not-used',
  title: 'The root user has not signed in or used an access key recently',
  severity: 'high',
  scope: 'account',
  rootUser: true,
  rationale:
    'Everyday work done as root leaves no individual trail and no guard rails: one mistake or one stolen session affects the whole account. Recent root activity you did not plan is also the first sign of a compromise.',
  notes:
    'Recent means within `root.maxDaysSinceLastUse` days (default 90) before the audit, from the credential report (password_last_used, access_key_N_last_used_date). The report is cached for up to four hours.',
  remediation: {
    console:
      'Do daily work through the Identity Center access portal. To see what root did: CloudTrail console → Event history → filter "User name" = root. Keep root for the few tasks that need it; if a sign-in was not yours, change the root password and review CloudTrail.',
    config: 'root:\n  maxDaysSinceLastUse: 90',
  },
  references: {
    cis: ['1.7', 'v7.0:2.7'],
    prowler: ['iam_avoid_root_usage'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html'],
  },
  requires: ['iam.credential-report'],
  evaluate(input) {
    const row = rootRow(input.fact('iam.credential-report'), input.accountId);
    const resource = rootArn(row, input.accountId);
    const limit = input.desired.root.maxDaysSinceLastUse;
    const uses = [
      { what: 'signed in', at: row.passwordLastUsed },
      { what: 'used its first access key', at: row.accessKey1LastUsedDate },
      { what: 'used its second access key', at: row.accessKey2LastUsedDate },
    ].flatMap((u) => {
      const age = daysSince(u.at, input.nowMs);
      return u.at !== undefined && age !== undefined ? [{ ...u, at: u.at, age }] : [];
    });
    if (uses.length === 0) return [pass(resource, 'The root user has no recorded sign-in or access-key use.')];
    const latest = uses.reduce((a, b) => (b.age < a.age ? b : a));
    const when = `${latest.age === 0 ? 'today' : `${days(latest.age)} ago`} (${isoDay(latest.at)})`;
    if (latest.age < limit) {
      return [fail(resource, `The root user ${latest.what} ${when}, within the last ${days(limit)}.`)];
    }
    return [pass(resource, `The root user last ${latest.what} ${when}, more than ${days(limit)} ago.`)];
  },
});
