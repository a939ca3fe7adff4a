/** @module Reading the IAM credential report: the root row, IAM user rows, and ages of dates in days. */

import type { AccountId, CredentialReport, CredentialReportRow } from '../model/types.js';
import { EvidenceError } from './define-check.js';

/** The `user` value of the root user's row. */
export const ROOT_ROW_USER = '<root_account>';

const DAY_MS = 86_400_000;

/**
 * The root user's row. Real AWS always includes it; a report without it (moto, which does not model
 * the root user) is inconsistent, so checks that need the row report `error`, never `pass`.
 */
export function rootRow(report: CredentialReport, accountId?: AccountId): CredentialReportRow {
  const row = report.rows.find((r) => r.user === ROOT_ROW_USER);
  if (!row) {
    throw new EvidenceError(
      `the IAM credential report${accountId ? ` of account ${accountId}` : ''} has no ${ROOT_ROW_USER} row, which AWS always includes: the root user's state cannot be judged`,
    );
  }
  return row;
}

/** The ARN gatehouse names the root user by. */
export function rootArn(row: CredentialReportRow, accountId?: AccountId): string {
  return row.arn || `arn:aws:iam::${accountId ?? 'unknown'}:root`;
}

/** Rows of IAM users (everything but the root row). */
export function userRows(report: CredentialReport): CredentialReportRow[] {
  return report.rows.filter((r) => r.user !== ROOT_ROW_USER);
}

export function hasConsolePassword(row: CredentialReportRow): boolean {
  return row.passwordEnabled === true;
}

/** Whole days from `iso` to `nowMs` (0 on the same day); undefined when `iso` is absent or unparsable. */
export function daysSince(iso: string | undefined, nowMs: number): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.floor((nowMs - t) / DAY_MS));
}

/** `2026-11-27` from an ISO timestamp (for reasons). */
export function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

/** `1 day` / `3 days`. */
export function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** The active access keys of a row, with their rotation and last-use dates. */
export function activeKeys(
  row: CredentialReportRow,
): { slot: 1 | 2; lastRotated: string | undefined; lastUsed: string | undefined }[] {
  const keys: { slot: 1 | 2; lastRotated: string | undefined; lastUsed: string | undefined }[] = [];
  if (row.accessKey1Active) {
    keys.push({ slot: 1, lastRotated: row.accessKey1LastRotated, lastUsed: row.accessKey1LastUsedDate });
  }
  if (row.accessKey2Active) {
    keys.push({ slot: 2, lastRotated: row.accessKey2LastRotated, lastUsed: row.accessKey2LastUsedDate });
  }
  return keys;
}
