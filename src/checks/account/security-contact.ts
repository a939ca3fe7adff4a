/** @module account.security-contact: a SECURITY alternate contact is registered. */

import { accountResource, defineCheck, EvidenceError, fail, pass } from '../define-check.js';

export const accountSecurityContact = defineCheck({
  id: 'account.security-contact',
  title: 'A security alternate contact is registered',
  severity: 'medium',
  scope: 'account',
  rationale:
    'AWS sends abuse reports, compromised-credential notices and security advisories to the security alternate contact. Without one they go only to the account e-mail, which in a young company is often a founder inbox nobody watches for this.',
  remediation: {
    console:
      'Account menu (top right) → Account → Alternate contacts → Edit → Security contact: name, title, e-mail (a team list, not a person) and phone → Update. For member accounts the management account can set it: AWS Organizations console → AWS accounts → select the account → Account settings.',
    config:
      'contacts:\n  security:\n    name: Security team\n    title: Security\n    email: security@example.com\n    phone: "+1 555 0100"',
    cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY \\\n  --name "Security team" --title Security --email-address security@example.com --phone-number "+1 555 0100"',
  },
  references: {
    cis: ['1.2', 'v7.0:2.3'],
    prowler: ['account_security_contact_information_is_registered'],
    fsbp: ['Account.1'],
    docs: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html'],
  },
  requires: ['account.alternate-contacts'],
  evaluate(input) {
    const resource = `${accountResource(input.accountId)}/alternate-contact/SECURITY`;
    const contact = input.fact('account.alternate-contacts').SECURITY;
    if (contact === undefined) throw new EvidenceError('the SECURITY alternate contact was not read');
    if (contact === null) return [fail(resource, 'No security alternate contact is registered.')];
    return [pass(resource, `The security alternate contact is ${contact.name} <${contact.email}>.`)];
  },
});
