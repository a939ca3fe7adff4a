/** @module `--user NAME`: one person of an access view, by user name or config key; an unknown name is a usage error with a suggestion. */

import { suggest } from '../config/did-you-mean.js';
import { UsageError } from '../errors.js';
import type { AccessUser, AccessView } from './model.js';

/** The person `name` names (user name or config key, exactly; else case-insensitively when that is unique). */
export function findUser(view: AccessView, name: string): AccessUser {
  const exact = view.users.find((u) => u.userName === name || u.userKey === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const folded = view.users.filter((u) => u.userName.toLowerCase() === lower || u.userKey.toLowerCase() === lower);
  if (folded.length === 1) return folded[0]!;
  const known = [...new Set(view.users.flatMap((u) => [u.userName, u.userKey]))];
  const hint = suggest(name, known);
  const where = view.source === 'config' ? 'in the config' : 'in the Identity Store';
  throw new UsageError(`no user "${name}" ${where}${hint ? `; did you mean "${hint}"?` : ''}`, {
    hints: view.users.length === 0 ? ['there are no users at all'] : [],
  });
}

/** The view limited to one person. */
export function viewForUser(view: AccessView, name: string): { user: AccessUser; view: AccessView } {
  const user = findUser(view, name);
  return { user, view: { ...view, users: [user], entries: view.entries.filter((e) => e.userName === user.userName) } };
}
