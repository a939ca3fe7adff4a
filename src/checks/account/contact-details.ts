/** @module account.contact-details: primary contact details are current (manual: only a person can tell). */

import { accountResource, defineCheck, manual, VERIFIED_ON } from '../define-check.js';

export const accountContactDetails = defineCheck({
  id: 'account.contact-details',
  title: 'Primary contact details are current',
  severity: 'low',
  scope: 'organization',
  manual: {
    consolePath: 'Account menu (top right) → Account → Contact information → Edit',
  },
  rationale:
    'AWS uses the primary contact to reach the account owner about billing, suspension and security problems, and to verify ownership when access is lost. Outdated details can cost the account.',
  notes:
    'GetContactInformation can read the details, but whether they are current only a person can say: the finding is `manual` until the config records an attestation.',
  remediation: {
    console:
      'Account menu (top right) → Account → Contact information → Edit: check the name, address, phone and company; then record it in gatehouse.yaml under attestations.',
    config: `attestations:\n  account.contact-details: { by: your-name, on: ${VERIFIED_ON} }`,
  },
  references: {
    cis: ['1.1', 'v7.0:2.2'],
    prowler: ['account_maintain_current_contact_details'],
    docs: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html'],
  },
  requires: [],
  evaluate(input) {
    const accountId = input.snapshot.callerAccountId;
    return [
      {
        ...manual(
          `${accountResource(accountId)}/contact-information`,
          'Whether the primary contact details are current can only be verified by a person.',
        ),
        ...(accountId ? { accountId } : {}),
      },
    ];
  },
});
