/**
 * @module The IAM credential report as CSV (aws-api.md §2.4): the 22 columns in AWS's order, one row
 * for the root user (`<root_account>`) and one per IAM user. Booleans `true`/`false`, timestamps
 * ISO-8601 with `+00:00`, `N/A` for not applicable, `no_information` for a password never used.
 */

import type { AccessKeyRecord, AccountRecord, IamUserRecord } from '../../state.js';
import { rootArn, userArn } from './model.js';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** `2026-11-28T09:00:00+00:00`, the report's timestamp form. */
export function reportTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

function keyColumns(key: AccessKeyRecord | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    String(key.status === 'Active'),
    reportTime(key.createdAt),
    key.lastUsed ? reportTime(key.lastUsed.at) : 'N/A',
    key.lastUsed ? key.lastUsed.region : 'N/A',
    key.lastUsed ? key.lastUsed.service : 'N/A',
  ];
}

function passwordLastUsed(enabled: boolean, lastUsed: number | null): string {
  if (lastUsed !== null) return reportTime(lastUsed);
  return enabled ? 'no_information' : 'N/A';
}

function rootRow(account: AccountRecord): string[] {
  const root = account.iam.root;
  const keys = [...root.accessKeys].sort((a, b) => a.createdAt - b.createdAt);
  return [
    '<root_account>',
    rootArn(account.id),
    reportTime(root.createdAt),
    String(root.passwordEnabled),
    passwordLastUsed(root.passwordEnabled, root.passwordLastUsed),
    'not_supported',
    'not_supported',
    String(root.mfa !== null),
    ...keyColumns(keys[0]),
    ...keyColumns(keys[1]),
    String(root.signingCertificates > 0),
    'N/A',
    String(root.signingCertificates > 1),
    'N/A',
  ];
}

function userRow(account: AccountRecord, user: IamUserRecord): string[] {
  const keys = [...user.accessKeys].sort((a, b) => a.createdAt - b.createdAt);
  const profile = user.loginProfile;
  const maxAge = account.iam.passwordPolicy?.MaxPasswordAge;
  const nextRotation = profile && maxAge ? reportTime(profile.createdAt + maxAge * 86_400_000) : 'N/A';
  return [
    user.userName,
    userArn(account.id, user),
    reportTime(user.createdAt),
    String(profile !== null),
    passwordLastUsed(profile !== null, user.passwordLastUsed),
    profile ? reportTime(profile.createdAt) : 'N/A',
    nextRotation,
    String(user.mfaDevices.length > 0),
    ...keyColumns(keys[0]),
    ...keyColumns(keys[1]),
    'false',
    'N/A',
    'false',
    'N/A',
  ];
}

/** The report of one account as it is now. */
export function credentialReportCsv(account: AccountRecord): string {
  const rows = [rootRow(account), ...Object.values(account.iam.users).map((u) => userRow(account, u))];
  return `${[CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}
