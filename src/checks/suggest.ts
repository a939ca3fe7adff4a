/** @module "Did you mean …?" for mistyped check ids. */

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * The closest candidates to `input`: by edit distance (at most a third of the length), or those that
 * contain it or its last segment (`mfa-enabled` → `root.mfa-enabled`). At most `limit`, best first.
 */
export function closest(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const tail = needle.split('.').pop() ?? needle;
  const maxDistance = Math.max(2, Math.floor(needle.length / 3));
  return candidates
    .map((c) => {
      const distance = editDistance(needle, c);
      // A prefix of the id (`root.mfa` → `root.mfa-enabled`) is the best hint there is.
      if (needle.length >= 3 && c.startsWith(needle)) return { c, score: 0 };
      const contains = tail.length >= 3 && c.includes(tail);
      return { c, score: contains ? Math.min(distance, 1) : distance };
    })
    .filter((x) => x.score <= maxDistance)
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map((x) => x.c);
}
