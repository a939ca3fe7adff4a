/**
 * @module Live users and groups as config entries. A user is keyed by its user name and written with
 * its email (when it has one), given and family name, and its display name when that differs from
 * "Given Family". A user that lacks an attribute the config requires (given name, family name) is not
 * invented: it is left out and reported. A group is keyed by its display name, with its description and its
 * exact member list (user keys, sorted).
 */

import type { WrittenConfig } from '../config/schema.js';
import type { IdentityStoreGroup, IdentityStoreUser } from '../model/types.js';
import { entryProblems } from './schema-check.js';

export type WrittenUser = NonNullable<WrittenConfig['users']>[string];
export type WrittenGroup = NonNullable<WrittenConfig['groups']>[string];

export interface ImportedUser {
  user: IdentityStoreUser;
  key: string;
  /** Undefined when the user cannot be written. */
  spec?: WrittenUser;
  /** Required attributes the live user does not have (`email`, `givenName`, `familyName`). */
  missing: string[];
  /** Why the entry cannot be written, or what had to be left out, for comments. */
  notes: string[];
}

export interface ImportedGroup {
  group: IdentityStoreGroup;
  spec?: WrittenGroup;
  notes: string[];
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

export function importUser(user: IdentityStoreUser): ImportedUser {
  const key = user.userName;
  const missing = (['givenName', 'familyName'] as const).filter((attribute) => !present(user[attribute]));
  const notes: string[] = [];
  if (missing.length > 0) {
    notes.push(
      `user ${key} has no ${missing.join(', ')} in Identity Center, which the config requires; it is not written (add it by hand with the missing values before you apply, or apply removes it from its groups)`,
    );
    return { user, key, missing, notes };
  }
  const spec: WrittenUser = {
    ...(present(user.email) ? { email: user.email } : {}),
    givenName: user.givenName!,
    familyName: user.familyName!,
  };
  if (!present(user.email)) notes.push(`user ${key} has no email in Identity Center`);
  const defaultDisplayName = `${user.givenName} ${user.familyName}`;
  if (present(user.displayName) && user.displayName !== defaultDisplayName) spec.displayName = user.displayName;
  if (!present(user.displayName)) {
    notes.push(`user ${key} has no display name; applying this file sets it to "${defaultDisplayName}"`);
  }
  const problems = entryProblems('users', key, spec);
  if (problems.length > 0) {
    const where = (p: { path: (string | number)[] }) => (p.path.length > 0 ? `${p.path.join('.')}: ` : '');
    notes.push(
      `user ${key} cannot be written: ${problems.map((p) => `${where(p)}${p.message}`).join('; ')} (add it by hand before you apply, or apply removes it from its groups)`,
    );
    return { user, key, missing, notes };
  }
  if (user.status === 'DISABLED') notes.push('disabled in Identity Center (the config does not change that)');
  return { user, key, spec, missing, notes };
}

export function importGroup(group: IdentityStoreGroup, members: string[]): ImportedGroup {
  const notes: string[] = [];
  const spec: WrittenGroup = {};
  if (present(group.description)) spec.description = group.description;
  if (members.length > 0) spec.members = members;
  let problems = entryProblems('groups', group.displayName, spec);
  if (problems.some((p) => p.path[0] === 'description')) {
    notes.push(
      `the description ${JSON.stringify(group.description)} cannot be written (${problems.find((p) => p.path[0] === 'description')?.message}); applying this file clears it`,
    );
    delete spec.description;
    problems = entryProblems('groups', group.displayName, spec);
  }
  if (problems.length > 0) {
    notes.push(`group ${group.displayName} cannot be written: ${problems.map((p) => p.message).join('; ')}`);
    return { group, notes };
  }
  return { group, spec, notes };
}
