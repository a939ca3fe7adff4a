/** @module identity-center.api-users-get-invitation: users created through the API get an e-mail to set a password (manual). */

import { defineCheck, manual, skipped, VERIFIED_ON } from '../define-check.js';

export const identityCenterApiUsersGetInvitation = defineCheck({
  id: 'identity-center.api-users-get-invitation',
  title: 'Users created through the API receive an e-mail to set their password',
  severity: 'medium',
  scope: 'organization',
  manual: {
    consolePath:
      'IAM Identity Center console → Settings → Authentication → Standard authentication → Configure → "Send email OTP for users created from API"',
  },
  rationale:
    'Users that gatehouse (or any tool) creates through the Identity Store API have no password. Unless this setting is on, AWS sends them no invitation: an administrator must generate a one-time password for each person by hand and pass it on, which is how passwords end up in chat.',
  notes:
    'AWS has no API for this setting: the finding is `manual` until the config records an attestation. Skipped with an external identity provider (it provisions users and owns passwords) and when no instance exists.',
  remediation: {
    console:
      'IAM Identity Center console → Settings → Authentication → Standard authentication → Configure → tick "Send email OTP for users created from API" → Save. Then record who verified it.',
    config: `attestations:\n  identity-center.api-users-get-invitation: { by: your-name, on: ${VERIFIED_ON} }`,
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/userswithoutpwd.html'],
  },
  requires: [],
  alsoReads: ['identity-center.instance'],
  evaluate(input) {
    const found = input.optional('identity-center.instance');
    const resource = found?.instance?.arn ?? 'identity-center';
    if (input.desired.identityCenter.identitySource === 'external') {
      return [skipped(resource, 'Users come from an external identity provider, which owns their passwords.')];
    }
    if (found && !found.instance) {
      return [skipped(resource, 'No IAM Identity Center instance exists (see identity-center.enabled).')];
    }
    return [manual(resource, 'AWS has no API for this setting: verify it in the console.')];
  },
});
