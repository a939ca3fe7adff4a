/**
 * @module Profile names: from a pattern with the tokens {account} {accountId} {permissionSet}
 * (default `{account}-{permissionSet}`), sanitised to `[A-Za-z0-9._-]` (which both the SDK's and
 * botocore's config parsers read back unchanged), collisions resolved deterministically by
 * appending the account id, then a counter.
 */

export const PROFILE_TOKENS = ['{account}', '{accountId}', '{permissionSet}'] as const;
export const DEFAULT_NAME_PATTERN = '{account}-{permissionSet}';

/** Names the AWS CLI gives a meaning of its own: never generated. */
const RESERVED_NAMES = new Set(['default']);

/** Why a pattern cannot be used, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'a profile name pattern must not be empty';
  const unknown = (pattern.match(/\{[^}]*\}/g) ?? []).filter((t) => !(PROFILE_TOKENS as readonly string[]).includes(t));
  if (unknown.length > 0)
    return `unknown token ${unknown[0]} in the profile name pattern; the tokens are ${PROFILE_TOKENS.join(' ')}`;
  return undefined;
}

/** Runs of other characters become one `-`; no `-` or `.` at either end. */
export function sanitizeProfileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
}

export interface NameFields {
  accountId: string;
  accountName: string;
  permissionSet: string;
}

/** The name a pattern gives one (account, permission set), before collisions are resolved. */
export function profileName(pattern: string, fields: NameFields): string {
  const account = sanitizeProfileName(fields.accountName) || fields.accountId;
  const values: Record<string, string> = {
    '{account}': account,
    '{accountId}': fields.accountId,
    '{permissionSet}': sanitizeProfileName(fields.permissionSet) || 'role',
  };
  const name = sanitizeProfileName(
    pattern.replace(/\{(account|accountId|permissionSet)\}/g, (token) => values[token]!),
  );
  return name === '' ? `${fields.accountId}-${values['{permissionSet}']}` : name;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Names for many (account, permission set) pairs, unique: pairs whose names collide (or that are
 * named `default`) get `-<accountId>` appended; any that still collide get `-2`, `-3`, … in the
 * order of account id and permission set. Keyed by `nameKey`.
 */
export function assignProfileNames(items: readonly NameFields[], pattern: string): Map<string, string> {
  const sorted = [...items].sort(
    (a, b) => byString(a.accountId, b.accountId) || byString(a.permissionSet, b.permissionSet),
  );
  const first = new Map<string, NameFields[]>();
  for (const item of sorted) {
    const name = profileName(pattern, item);
    first.set(name, [...(first.get(name) ?? []), item]);
  }
  const second = new Map<string, NameFields[]>();
  for (const [name, group] of first) {
    for (const item of group) {
      const unique = group.length === 1 && !RESERVED_NAMES.has(name);
      const candidate = unique || name.endsWith(item.accountId) ? name : `${name}-${item.accountId}`;
      second.set(candidate, [...(second.get(candidate) ?? []), item]);
    }
  }
  const names = new Map<string, string>();
  const used = new Set(second.keys());
  for (const [name, group] of second) {
    group.forEach((item, index) => {
      if (index === 0 && !RESERVED_NAMES.has(name)) {
        names.set(nameKey(item), name);
        return;
      }
      let n = index + 1;
      while (used.has(`${name}-${n}`)) n++;
      used.add(`${name}-${n}`);
      names.set(nameKey(item), `${name}-${n}`);
    });
  }
  return names;
}

export function nameKey(fields: Pick<NameFields, 'accountId' | 'permissionSet'>): string {
  return `${fields.accountId}\u0000${fields.permissionSet}`;
}
