/** @module iam.access-key-rotation: active access keys are younger than N days. */

import { activeKeys, days, daysSince, userRows } from '../credential-report.js';
import { accountResource, defineCheck, errored, type Finding, fail, pass } from '../define-check.js';

export const iamAccessKeyRotation = defineCheck({
  id: 'iam.access-key-rotation',
  title: 'Active IAM access keys are rotated regularly',
  severity: 'medium',
  scope: 'account',
  rationale:
    'The older an access key, the more places it has been copied to: laptops, CI variables, old scripts. Rotating keys limits how long a leaked key stays useful.',
  notes:
    'Regularly means every active key is younger than `audit.thresholds.accessKeyMaxAgeDays` days (default 90), from access_key_N_last_rotated.',
  remediation: {
    console:
      'IAM console → Users → select the user → Security credentials → Access keys → Create access key; switch the application to it; then Actions → Deactivate and Delete on the old key. Better still: replace the key with a role.',
    cli: 'aws iam create-access-key --user-name USER_NAME\naws iam update-access-key --user-name USER_NAME --access-key-id OLD_KEY_ID --status Inactive\naws iam delete-access-key --user-name USER_NAME --access-key-id OLD_KEY_ID',
  },
  references: {
    cis: ['1.14', 'v7.0:2.12'],
    prowler: ['iam_rotate_access_key_90_days'],
    fsbp: ['IAM.3'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  },
  requires: ['iam.credential-report'],
  evaluate(input) {
    const limit = input.desired.audit.thresholds.accessKeyMaxAgeDays;
    const holders = userRows(input.fact('iam.credential-report')).filter((r) => activeKeys(r).length > 0);
    if (holders.length === 0) return [pass(accountResource(input.accountId), 'No IAM user has an active access key.')];
    return holders.map((row): Finding => {
      const ages = activeKeys(row).map((k) => ({ slot: k.slot, age: daysSince(k.lastRotated, input.nowMs) }));
      const unknown = ages.filter((k) => k.age === undefined);
      if (unknown.length > 0) {
        return errored(
          row.arn,
          `IAM user ${row.user}: the age of active access key ${unknown[0]?.slot} is not in the credential report.`,
        );
      }
      const old = ages.filter((k) => (k.age ?? 0) >= limit);
      return old.length > 0
        ? fail(
            row.arn,
            `IAM user ${row.user}: ${old.map((k) => `access key ${k.slot} is ${days(k.age ?? 0)} old`).join('; ')} (limit ${days(limit)}).`,
          )
        : pass(row.arn, `IAM user ${row.user}'s active access keys are younger than ${days(limit)}.`);
    });
  },
});
