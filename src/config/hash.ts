/**
 * @module The config hash: sha256 of the desired model in a canonical form, so comments, key order,
 * list order of named things and where things were written do not change it, and every change that
 * could change a plan does. Saved plans carry it to detect a config edited after planning.
 */

import { createHash } from 'node:crypto';
import type { DesiredState } from '../model/desired.js';

/** Fields that say where something was written, not what it is. */
const POSITIONAL_KEYS = new Set(['source', 'file', 'hash', 'index']);

/** Lists whose order carries no meaning (sorted before hashing). */
const UNORDERED_LISTS = new Set([
  'permissionSets',
  'users',
  'groups',
  'members',
  'assignments',
  'targets',
  'exclude',
  'attestations',
  'waivers',
  'customerManagedPolicies',
  'formerNames',
]);

/** JSON with sorted keys, positional fields removed and unordered lists sorted. */
export function canonicalJson(value: unknown, key?: string, verbatim = false): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalJson(item, undefined, verbatim));
    if (!verbatim && key !== undefined && UNORDERED_LISTS.has(key)) items.sort();
    return `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((k) => (verbatim || !POSITIONAL_KEYS.has(k)) && record[k] !== undefined)
      .sort()
      // Policy documents are user data: hashed with sorted keys but nothing dropped or reordered.
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k], k, verbatim || k === 'inlinePolicy')}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 (hex) of the canonical desired model. */
export function hashDesiredState(desired: DesiredState): string {
  return createHash('sha256').update(canonicalJson(desired)).digest('hex');
}
