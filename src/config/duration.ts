/** @module Permission set session durations: ISO-8601 `PT…` strings between PT1H and PT12H, in AWS's form. */

import { SESSION_MINUTES_MAX, SESSION_MINUTES_MIN } from './limits.js';

/** The written form: hours, minutes and whole seconds only (`PT4H`, `PT1H30M`, `PT90M`, `PT3600S`). */
export const SESSION_DURATION_FORMAT = /^PT(?=\d)(?:\d{1,5}H)?(?:\d{1,5}M)?(?:\d{1,6}S)?$/;

/** Seconds of a written duration, or undefined when it is not in the accepted form. */
export function sessionDurationSeconds(text: string): number | undefined {
  const match = /^PT(?=\d)(?:(\d{1,5})H)?(?:(\d{1,5})M)?(?:(\d{1,6})S)?$/.exec(text);
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/** Why a written duration is not acceptable, or undefined when it is. */
export function sessionDurationProblem(text: string): string | undefined {
  const seconds = sessionDurationSeconds(text);
  if (seconds === undefined) {
    const hint = durationHint(text);
    return `must be an ISO-8601 duration such as PT4H or PT1H30M${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
  }
  if (seconds % 60 !== 0) return 'must be a whole number of minutes';
  const minutes = seconds / 60;
  if (minutes < SESSION_MINUTES_MIN || minutes > SESSION_MINUTES_MAX) {
    return `must be between PT1H and PT12H (AWS's limits); ${normalizeSessionDuration(text)} is ${
      minutes < SESSION_MINUTES_MIN ? 'shorter' : 'longer'
    }`;
  }
  return undefined;
}

/** AWS's form of a valid duration: `PT4H`, `PT1H30M`, `PT45M` (PT240M → PT4H). */
export function normalizeSessionDuration(text: string): string {
  const seconds = sessionDurationSeconds(text);
  if (seconds === undefined) return text;
  const totalMinutes = Math.floor(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 || hours === 0 ? `${minutes}M` : ''}`;
}

/** Hours of a normalised duration (fractional for minutes). */
export function sessionDurationHours(text: string): number {
  return (sessionDurationSeconds(text) ?? 0) / 3600;
}

/** A likely intended spelling of a malformed duration: `4h` → `PT4H`, `pt8h` → `PT8H`, `4` → `PT4H`. */
function durationHint(text: string): string | undefined {
  const trimmed = text.trim().toUpperCase();
  if (/^\d{1,2}$/.test(trimmed)) return `PT${trimmed}H`;
  const shorthand = /^(?:PT?)?(\d{1,3})\s*(H|HOURS?|M|MIN|MINUTES?)$/.exec(trimmed);
  if (shorthand) return `PT${shorthand[1]}${shorthand[2]!.startsWith('H') ? 'H' : 'M'}`;
  if (/^PT(?:\d+[HMS])+$/.test(trimmed) && trimmed !== text) return trimmed;
  return undefined;
}
