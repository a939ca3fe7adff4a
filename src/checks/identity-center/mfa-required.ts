/** @module identity-center.mfa-required: every sign-in requires MFA (manual: AWS has no API for it). */

import { defineCheck, manual, skipped, VERIFIED_ON } from '../define-check.js';

export const identityCenterMfaRequired = defineCheck({
  id: 'identity-center.mfa-required',
  title: 'Every IAM Identity Center sign-in requires MFA',
  severity: 'high',
  scope: 'organization',
  manual: {
    consolePath:
      'IAM Identity Center console → Settings → Authentication → Multi-factor authentication → Configure: "Every time they sign in (always-on)" and "Require them to register an MFA device at sign in"',
  },
  rationale:
    'Identity Center users can reach every account they are assigned to. If MFA is only context-aware or users may sign in without registering a device, a phished password is enough to reach production.',
  notes:
    'AWS has no API to read the Identity Center MFA settings, so the finding is `manual` until the config records an attestation (which expires). With an external identity provider, MFA is enforced there. Skipped when no instance exists or the config sets `identityCenter.requireMfa: false`.',
  remediation: {
    console:
      'IAM Identity Center console → Settings → Authentication → Multi-factor authentication → Configure → Prompt users for MFA: "Every time they sign in (always-on)"; If a user does not yet have a registered MFA device: "Require them to register an MFA device at sign in" → Save. Then record who verified it.',
    config: `identityCenter:\n  requireMfa: true\nattestations:\n  identity-center.mfa-required: { by: your-name, on: ${VERIFIED_ON} }`,
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/enable-mfa.html'],
  },
  requires: [],
  alsoReads: ['identity-center.instance'],
  evaluate(input) {
    const found = input.optional('identity-center.instance');
    const resource = found?.instance?.arn ?? 'identity-center';
    if (!input.desired.identityCenter.requireMfa) {
      return [skipped(resource, 'The config does not require MFA (identityCenter.requireMfa: false).')];
    }
    if (found && !found.instance) {
      return [skipped(resource, 'No IAM Identity Center instance exists (see identity-center.enabled).')];
    }
    if (input.desired.identityCenter.identitySource === 'external') {
      return [manual(resource, 'Sign-in MFA is enforced by your external identity provider: verify it there.')];
    }
    return [manual(resource, 'AWS has no API for Identity Center MFA settings: verify them in the console.')];
  },
});
