/** @module ISO-8601 session durations as Identity Center returns them (`PT4H`, `PT1H30M`). */

const DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/;

/** Hours in a `PT…` duration; undefined when it is not one. */
export function durationHours(iso: string): number | undefined {
  const match = DURATION.exec(iso);
  if (!match || iso === 'PT') return undefined;
  const [, h, m, s] = match;
  return Number(h ?? 0) + Number(m ?? 0) / 60 + Number(s ?? 0) / 3600;
}

/** Identity Center's default when a permission set has no SessionDuration. */
export const DEFAULT_SESSION_DURATION = 'PT1H';
