/** @module IAM wildcard matching: `*` any run of characters, `?` one character; actions ignore case, resources do not. */

const cache = new Map<string, RegExp>();

function globRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    // A policy variable (`${aws:username}`) can be any value: it matches like `*` (the statement is
    // marked conditional, so such a match only ever makes a `maybe`).
    const body = pattern
      .split(/\$\{[^}]*\}/)
      .map((part) =>
        part
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.'),
      )
      .join('.*');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    cache.set(key, re);
  }
  return re;
}

/** Whether an Action pattern (`iam:*`, `*:*`, `s3:Get?bject`) covers `service:Action`; case-insensitive as in IAM. */
export function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || globRegExp(pattern, true).test(action);
}

/** Whether a Resource pattern (`*`, `arn:aws:*:*:*:*`, `arn:aws:s3:::b/*`) covers an ARN; case-sensitive. */
export function resourceMatches(pattern: string, resource: string): boolean {
  return pattern === '*' || globRegExp(pattern, false).test(resource);
}
