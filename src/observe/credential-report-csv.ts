/**
 * @module The IAM credential report (CSV) as typed rows. The root user's row is `<root_account>`.
 * Booleans are `true`/`false` in any case; `N/A`, `no_information` and `not_supported` mean "no
 * value" for timestamps; timestamps become ISO-8601 UTC.
 */

import type { CredentialReportRow } from '../model/types.js';

/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function bool(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function time(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (v === '' || /^(n\/a|no_information|not_supported)$/i.test(v)) return undefined;
  const date = new Date(v);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Parses the report's CSV text into rows; unknown columns are ignored, missing ones read as empty. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...records] = parseCsv(csv);
  if (!header) return [];
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  return records.map((r) => {
    const get = (column: string) => {
      const i = index.get(column);
      return i === undefined ? undefined : r[i];
    };
    const passwordEnabled = get('password_enabled')?.trim().toLowerCase();
    const row: CredentialReportRow = {
      user: get('user') ?? '',
      arn: get('arn') ?? '',
      passwordEnabled: passwordEnabled === 'not_supported' ? 'not_supported' : passwordEnabled === 'true',
      mfaActive: bool(get('mfa_active')),
      accessKey1Active: bool(get('access_key_1_active')),
      accessKey2Active: bool(get('access_key_2_active')),
      cert1Active: bool(get('cert_1_active')),
      cert2Active: bool(get('cert_2_active')),
    };
    const times: [keyof CredentialReportRow, string][] = [
      ['userCreationTime', 'user_creation_time'],
      ['passwordLastUsed', 'password_last_used'],
      ['passwordLastChanged', 'password_last_changed'],
      ['accessKey1LastRotated', 'access_key_1_last_rotated'],
      ['accessKey1LastUsedDate', 'access_key_1_last_used_date'],
      ['accessKey2LastRotated', 'access_key_2_last_rotated'],
      ['accessKey2LastUsedDate', 'access_key_2_last_used_date'],
    ];
    for (const [field, column] of times) {
      const value = time(get(column));
      if (value !== undefined) (row as unknown as Record<string, unknown>)[field] = value;
    }
    return row;
  });
}
