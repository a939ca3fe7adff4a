/** @module "Did you mean …?" suggestions from a list of known words (optimal string alignment distance). */

/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known word closest to `input`, when it is close enough to be a plausible typo: a case-only
 * difference, or an edit distance of at most a third of the word's length (at least 1, at most 3).
 *
 * @example suggest('sesionDuration', ['sessionDuration', 'description']) // 'sessionDuration'
 */
export function suggest(input: string, known: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    if (word === input) continue;
    if (word.toLowerCase() === lower) return word;
    const distance = editDistance(lower, word.toLowerCase());
    if (!best || distance < best.distance) best = { word, distance };
  }
  if (!best) return undefined;
  const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(input.length, best.word.length) / 3)));
  return best.distance <= allowed ? best.word : undefined;
}
