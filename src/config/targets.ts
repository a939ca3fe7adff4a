/**
 * @module Account targets of assignment rules, as written: a 12-digit id, a name (an alias from
 * `accounts:`, the built-in `management`, or a live account name), `ou:/Path`, `ou:ou-…` (an OU id), `tag:key=value`, `all`.
 * Loading checks the syntax; names and OU paths are resolved against the live organization at plan time.
 */

import type { AccountTarget } from '../model/desired.js';
import { ACCOUNT_ID, ACCOUNT_NAME, OU_ID, ROOT_ID, TAG_KEY, TAG_VALUE } from './limits.js';

export type ParsedTarget = { ok: true; target: AccountTarget } | { ok: false; problem: string };

/** The account name that always means the organization's management account (or the standalone account). */
export const MANAGEMENT_TARGET = 'management';

/** Organizations OU names: 1..128 characters; we forbid `/` inside a segment and edge spaces. */
const OU_SEGMENT = /^[^/\s](?:[^/]{0,126}[^/\s])?$/;

/**
 * Parses one written target.
 *
 * @example parseAccountTarget('ou:/Workloads/Prod') // { ok: true, target: { kind: 'ou', path: '/Workloads/Prod' } }
 */
export function parseAccountTarget(text: string): ParsedTarget {
  if (text === 'all') return { ok: true, target: { kind: 'all' } };
  if (ACCOUNT_ID.test(text)) return { ok: true, target: { kind: 'id', id: text } };
  if (/^\d+$/.test(text)) return { ok: false, problem: `account id \`${text}\` must have exactly 12 digits` };
  if (/^ou:/i.test(text)) return parseOuTarget(text);
  if (/^tag:/i.test(text)) return parseTagTarget(text);
  if (text.trim() !== text) return { ok: false, problem: 'an account name must not start or end with spaces' };
  if (!ACCOUNT_NAME.test(text)) {
    return {
      ok: false,
      problem:
        'must be a 12-digit account id, an account name (1–50 printable ASCII characters), `ou:/Path`, `tag:key=value` or `all`',
    };
  }
  return { ok: true, target: { kind: 'name', name: text } };
}

function parseOuTarget(text: string): ParsedTarget {
  if (!text.startsWith('ou:')) return { ok: false, problem: `write \`ou:\` in lower case: \`ou:${text.slice(3)}\`` };
  const path = text.slice(3);
  if (OU_ID.test(path) || ROOT_ID.test(path)) return { ok: true, target: { kind: 'ouId', id: path } };
  if (path === '/' || path === '') {
    return { ok: false, problem: 'an OU path needs at least one OU (`ou:/Workloads`); use `all` for every account' };
  }
  if (!path.startsWith('/')) {
    return {
      ok: false,
      problem: /^(ou|r)-/i.test(path)
        ? `\`${path}\` is not an OU id (ou-xxxx-xxxxxxxx or r-xxxx, lower case)`
        : `an OU path starts at the root: \`ou:/${path}\``,
    };
  }
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  if (trimmed !== path) return { ok: false, problem: `an OU path has no trailing slash: \`ou:${trimmed}\`` };
  const segments = path.slice(1).split('/');
  const bad = segments.find((s) => !OU_SEGMENT.test(s));
  if (bad !== undefined) {
    return {
      ok: false,
      problem:
        bad === ''
          ? 'an OU path has an empty segment (`//`)'
          : `OU name \`${bad}\` is not valid (1–128 characters, no spaces at either end)`,
    };
  }
  return { ok: true, target: { kind: 'ou', path } };
}

function parseTagTarget(text: string): ParsedTarget {
  if (!text.startsWith('tag:')) return { ok: false, problem: `write \`tag:\` in lower case: \`tag:${text.slice(4)}\`` };
  const body = text.slice(4);
  const eq = body.indexOf('=');
  if (eq <= 0) return { ok: false, problem: 'a tag target is `tag:key=value`, e.g. `tag:env=prod`' };
  const key = body.slice(0, eq);
  const value = body.slice(eq + 1);
  if (!TAG_KEY.test(key)) return { ok: false, problem: `tag key \`${key}\` is not a valid AWS tag key` };
  if (!TAG_VALUE.test(value)) return { ok: false, problem: `tag value \`${value}\` is not a valid AWS tag value` };
  return { ok: true, target: { kind: 'tag', key, value } };
}

export { formatAccountTarget } from '../model/account-target.js';
