/** @module root.no-access-keys: the root user has no access keys. */

import { rootArn, rootRow } from '../credential-report.js';
import { defineCheck, EvidenceError, fail, pass } from '../define-check.js';

export const rootNoAccessKeys = defineCheck({
  id: 'root.no-access-keys',
  title: 'The root user has no access keys',
  severity: 'critical',
  scope: 'account',
  rootUser: true,
  rationale:
    'A root access key is a permanent, unrestricted credential that bypasses MFA. Anyone who finds it in a script, a laptop backup or a CI log owns the account. Nothing needs one: use Identity Center roles instead.',
  notes:
    'GetAccountSummary (AccountAccessKeysPresent, which also counts inactive keys) is the live source; the credential report row must be present and tells which keys are active.',
  remediation: {
    console:
      'Sign in as the root user → account menu (top right) → Security credentials → Access keys → Actions → Deactivate, then Delete, for every key. For a member account with centralized root access: IAM console (management account) → Root access management → select the account → Take privileged action → Delete root user credentials.',
  },
  references: {
    cis: ['1.4', 'v7.0:2.4'],
    prowler: ['iam_no_root_access_key'],
    fsbp: ['IAM.4'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html'],
  },
  requires: ['iam.account-summary', 'iam.credential-report'],
  evaluate(input) {
    const row = rootRow(input.fact('iam.credential-report'), input.accountId);
    const resource = rootArn(row, input.accountId);
    const present = input.fact('iam.account-summary').AccountAccessKeysPresent;
    if (present === undefined) throw new EvidenceError('GetAccountSummary returned no AccountAccessKeysPresent flag');
    const active = [row.accessKey1Active, row.accessKey2Active].filter(Boolean).length;
    if (present === 1) {
      return [
        fail(
          resource,
          active > 0
            ? `The root user has ${active === 1 ? 'an active access key' : `${active} active access keys`}.`
            : 'The root user has an access key (inactive, or created after the cached credential report).',
        ),
      ];
    }
    return [pass(resource, 'The root user has no access keys.')];
  },
});
