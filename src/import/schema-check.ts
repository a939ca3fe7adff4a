/**
 * @module Checks one imported element against the config language before it is written: the live
 * state may hold what AWS accepts but the config cannot express (a policy outside the grammar, a
 * user without an email). Such an element is left out or reduced, with a comment — never written
 * so that the file would fail `gatehouse validate`.
 */

import { RESERVED_KEY, RESERVED_KEY_MESSAGE } from '../config/limits.js';
import { configSchema, type WrittenConfig } from '../config/schema.js';

export interface SchemaProblem {
  /** Path inside the element (`['inlinePolicy', 'Statement', 0]`); empty for the element's key. */
  path: (string | number)[];
  message: string;
}

/**
 * The problems of one entry of a keyed section (`permissionSets`, `users`, `groups`) as the schema
 * sees it.
 */
export function entryProblems(
  section: 'permissionSets' | 'users' | 'groups',
  key: string,
  value: unknown,
): SchemaProblem[] {
  if (key === RESERVED_KEY) return [{ path: [], message: RESERVED_KEY_MESSAGE }];
  const config = { version: 1, [section]: { [key]: value } } as unknown as WrittenConfig;
  const result = configSchema.safeParse(config);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.slice(2).map((p) => (typeof p === 'symbol' ? String(p) : p));
    return { path, message: issue.message };
  });
}
