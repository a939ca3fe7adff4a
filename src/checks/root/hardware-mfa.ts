/** @module root.hardware-mfa: the root MFA device is a hardware device, not a virtual one. */

import { rootArn, rootRow } from '../credential-report.js';
import { defineCheck, EvidenceError, fail, pass } from '../define-check.js';

export const rootHardwareMfa = defineCheck({
  id: 'root.hardware-mfa',
  title: 'The root MFA device is a hardware device',
  severity: 'medium',
  severityWhen: {
    severity: 'high',
    when: (desired) => desired.root.mfa === 'hardware',
    description: 'high when the config sets `root.mfa: hardware`',
  },
  scope: 'account',
  rootUser: true,
  rationale:
    'A virtual MFA app lives on a phone or laptop that can be lost, cloned, backed up to the cloud or compromised together with the password. A FIDO security key or hardware token cannot be copied and is kept apart from everyday devices.',
  notes:
    'A virtual MFA device bound to the root user (ListVirtualMFADevices, user ARN `arn:aws:iam::<account>:root`) means the root MFA is not hardware; MFA enabled with no such device means a hardware token or security key. A root user without any MFA fails here too.',
  remediation: {
    console:
      'Sign in as the root user → account menu (top right) → Security credentials → Multi-factor authentication (MFA) → Assign MFA device → Passkey or security key (or Hardware TOTP token); then remove the virtual device from the same list.',
    config: 'root:\n  mfa: hardware   # raises this check to high severity',
  },
  references: {
    cis: ['1.6', 'v7.0:2.6'],
    prowler: ['iam_root_hardware_mfa_enabled'],
    fsbp: ['IAM.6'],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_mfa.html'],
  },
  requires: ['iam.account-summary', 'iam.credential-report', 'iam.virtual-mfa-devices'],
  evaluate(input) {
    const row = rootRow(input.fact('iam.credential-report'), input.accountId);
    const resource = rootArn(row, input.accountId);
    const enabled = input.fact('iam.account-summary').AccountMFAEnabled;
    if (enabled === undefined) throw new EvidenceError('GetAccountSummary returned no AccountMFAEnabled flag');
    if (enabled !== 1) return [fail(resource, 'The root user has no MFA device at all (see root.mfa-enabled).')];
    const virtual = input
      .fact('iam.virtual-mfa-devices')
      .find((d) => d.userArn !== undefined && (d.userArn === resource || d.userArn.endsWith(':root')));
    if (virtual) return [fail(resource, `The root user's MFA device is a virtual device (${virtual.serialNumber}).`)];
    return [pass(resource, "The root user's MFA device is a hardware token or security key (no virtual device).")];
  },
});
