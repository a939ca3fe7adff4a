/**
 * @module The access view as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break). A name that starts like a spreadsheet formula (`=`, `+`,
 * `-`, `@`) is prefixed with `'` so that opening the file cannot run it (CSV injection).
 */

import type { AccessView } from './model.js';

export const ACCESS_CSV_HEADER = [
  'user_name',
  'display_name',
  'account_id',
  'account_name',
  'account_state',
  'permission_set',
  'via',
  'group',
  'admin',
] as const;

/** Quotes a field when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Neutralises text a spreadsheet would read as a formula. */
export function noFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function renderAccessCsv(view: AccessView): string {
  const rows = [ACCESS_CSV_HEADER.join(',')];
  for (const e of view.entries) {
    rows.push(
      [
        noFormula(e.userName),
        noFormula(e.displayName),
        e.accountId,
        noFormula(e.accountName),
        e.accountState,
        noFormula(e.permissionSet),
        e.via,
        noFormula(e.group ?? ''),
        e.admin ? 'true' : 'false',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
