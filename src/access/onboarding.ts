/**
 * @module `access --user NAME --onboarding`: the plain-text note to send a new person — the access
 * portal URL, the accounts and roles they will see, first sign-in (the invitation email, or a
 * one-time password when the "Send email OTP" setting is off), MFA registration, and how to get
 * AWS CLI profiles. With an external identity provider, sign-in and MFA happen there instead.
 */

import { visibleData } from '../util/visible-text.js';
import type { AccessUser, AccessView } from './model.js';

export interface OnboardingOptions {
  /** The command the person (or an admin) runs for CLI profiles; default `gatehouse profiles --user NAME --write`. */
  profilesCommand?: string;
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function renderOnboarding(
  viewInput: AccessView,
  userInput: AccessUser,
  options: OnboardingOptions = {},
): string {
  const view = visibleData(viewInput);
  const user = visibleData(userInput);
  const entries = view.entries.filter((e) => e.userName === user.userName);
  const name = user.displayName || user.userName;
  const portal = view.portalUrl ?? '(no IAM Identity Center instance yet: ask your administrator for the portal URL)';
  const lines: string[] = [
    `Welcome to AWS, ${name}!`,
    '',
    `AWS access portal:  ${portal}`,
    `Your user name:     ${user.userName}`,
    '',
  ];

  if (entries.length === 0) {
    lines.push('You have no AWS accounts yet: your administrator will tell you when access is granted.', '');
  } else {
    lines.push('In the portal you will see these accounts, each with the roles you can open:');
    const byAccount = new Map<string, { label: string; roles: Set<string> }>();
    for (const e of entries) {
      const label = `${e.accountName} (${e.accountId})${e.accountState === 'ACTIVE' ? '' : ` [${e.accountState.toLowerCase().replace('_', ' ')}: not usable]`}`;
      const item = byAccount.get(e.accountId) ?? { label, roles: new Set<string>() };
      item.roles.add(`${e.permissionSet}${e.admin ? ' (administrator)' : ''}`);
      byAccount.set(e.accountId, item);
    }
    const sorted = [...byAccount.values()].sort((a, b) => (a.label < b.label ? -1 : 1));
    const width = Math.max(...sorted.map((a) => [...a.label].length));
    for (const a of sorted)
      lines.push(`  ${a.label}${' '.repeat(width - [...a.label].length)}  ${[...a.roles].sort().join(', ')}`);
    lines.push('');
  }

  if (view.externalIdentitySource) {
    lines.push(
      'First sign-in',
      `  1. Open ${portal}`,
      '  2. You are sent to your company sign-in page: sign in with your usual work account.',
      '     Multi-factor authentication is handled there, by your identity provider.',
      '  3. Back in the AWS access portal, choose an account, then a role, to open the console.',
      '',
    );
  } else {
    lines.push(
      'First sign-in',
      '  1. Look for the email "Invitation to join AWS IAM Identity Center" and choose',
      '     "Accept invitation" (it expires after a few days: ask for a new one if it did).',
      '     No email? Your administrator either turns on "Send email OTP for users created from',
      '     API" (IAM Identity Center console → Settings → Authentication → Standard',
      '     authentication → Configure) and sends it again, or generates a one-time password for',
      '     you (Users → your user → Reset password → "Generate a one-time password").',
      `  2. Choose a password (the page lists the rules) and sign in at ${portal}`,
      '',
      'Register your MFA device (asked at your first sign-in)',
      '  1. When asked to register an MFA device, choose one: a security key or built-in authenticator',
      '     (passkey, Touch ID, Windows Hello) is the strongest; an authenticator app also works.',
      '  2. Follow the prompts: touch the key, or scan the QR code with the app and enter its code.',
      '  3. Add a second device later in the portal (your name, top right → MFA devices → Register device)',
      '     so that losing one does not lock you out.',
      '',
    );
  }

  const command = options.profilesCommand ?? `gatehouse profiles --user ${shellWord(user.userName)} --write`;
  lines.push(
    'AWS CLI access',
    `  Your administrator can generate your AWS CLI profiles with: ${command}`,
    '  (without --write it prints them for you to paste into ~/.aws/config). Then:',
    `    aws sso login --sso-session ${shellWord(view.ssoSessionName)}`,
  );
  const first = entries.find((e) => e.accountState === 'ACTIVE');
  if (first) lines.push('    aws sts get-caller-identity --profile <a profile name from the file>');
  lines.push('');
  return `${lines.join('\n')}`;
}
