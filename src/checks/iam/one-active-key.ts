/** @module iam.one-active-key: no IAM user has two active access keys. */

import { userRows } from '../credential-report.js';
import { accountResource, defineCheck, fail, pass } from '../define-check.js';

export const iamOneActiveKey = defineCheck({
  id: 'iam.one-active-key',
  title: 'No IAM user has two active access keys',
  severity: 'low',
  scope: 'account',
  rationale:
    'Two active keys are meant for the short overlap of a rotation. Left in place, the old key keeps working wherever it was copied, doubling what can leak.',
  remediation: {
    console:
      'IAM console → Users → select the user → Security credentials → Access keys → on the key no longer in use: Actions → Deactivate, then Delete.',
    cli: 'aws iam update-access-key --user-name USER_NAME --access-key-id KEY_ID --status Inactive',
  },
  references: {
    cis: ['1.13'],
    prowler: ['iam_user_two_active_access_key'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  },
  requires: ['iam.credential-report'],
  evaluate(input) {
    const both = userRows(input.fact('iam.credential-report')).filter((r) => r.accessKey1Active && r.accessKey2Active);
    if (both.length === 0) return [pass(accountResource(input.accountId), 'No IAM user has two active access keys.')];
    return both.map((row) => fail(row.arn, `IAM user ${row.user} has two active access keys.`));
  },
});
