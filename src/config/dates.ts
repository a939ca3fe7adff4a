/** @module Calendar dates of attestations and waivers (ISO `YYYY-MM-DD`, compared as strings, in UTC). */

import { ATTESTATION_DEFAULT_DAYS } from './limits.js';

/** The UTC calendar day of an instant. */
export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** `date` plus `days`. */
export function addDays(date: string, days: number): string {
  return isoDay(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}

/** When an attestation stops counting: its `expires`, else 180 days after `on`. */
export function attestationExpiry(attestation: { on: string; expires?: string | undefined }): string {
  return attestation.expires ?? addDays(attestation.on, ATTESTATION_DEFAULT_DAYS);
}
