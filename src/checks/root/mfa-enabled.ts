/** @module root.mfa-enabled: the root user has MFA. */

import { rootArn, rootRow } from '../credential-report.js';
import { defineCheck, EvidenceError, fail, pass } from '../define-check.js';

export const rootMfaEnabled = defineCheck({
  id: 'root.mfa-enabled',
  title: 'The root user has MFA',
  severity: 'critical',
  scope: 'account',
  rootUser: true,
  rationale:
    'The root user can do anything in the account, including closing it, and no policy can restrict it. Without a second factor, a leaked, guessed or reset password (through the account e-mail) is enough to take the account over.',
  notes:
    'GetAccountSummary (AccountMFAEnabled) is the live source; the credential report is cached for up to four hours and must contain the `<root_account>` row, otherwise the finding is `error` (an emulator without a root user, such as moto, can never pass). Member accounts whose root credentials were removed centrally are `skipped`.',
  remediation: {
    console:
      'Sign in as the root user → account menu (top right) → Security credentials → Multi-factor authentication (MFA) → Assign MFA device. Prefer a FIDO security key or a hardware TOTP token; register a second device as a backup. For member accounts, enabling centralized root access and deleting their root credentials removes the need.',
  },
  references: {
    cis: ['1.5', 'v7.0:2.5'],
    prowler: ['iam_root_mfa_enabled'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_mfa.html'],
  },
  requires: ['iam.account-summary', 'iam.credential-report'],
  evaluate(input) {
    const row = rootRow(input.fact('iam.credential-report'), input.accountId);
    const resource = rootArn(row, input.accountId);
    const enabled = input.fact('iam.account-summary').AccountMFAEnabled;
    if (enabled === undefined) throw new EvidenceError('GetAccountSummary returned no AccountMFAEnabled flag');
    if (enabled === 1) {
      return [
        pass(
          resource,
          row.mfaActive
            ? 'The root user has an MFA device.'
            : 'The root user has an MFA device (the cached credential report does not show it yet).',
        ),
      ];
    }
    return [
      fail(
        resource,
        row.mfaActive
          ? 'The root user has no MFA device (it was removed after the cached credential report was generated).'
          : 'The root user has no MFA device.',
      ),
    ];
  },
});
