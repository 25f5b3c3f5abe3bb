/**
 * "Did you mean …?" for a misspelt field name: the known name fewest edits away, when it is
 * close enough to be a typo rather than a different word.
 *
 * @example
 *   closest('subtitel', ['title', 'subtitle', 'summary']) // 'subtitle'
 *   closest('colour', ['title', 'subtitle'])            // undefined
 */

/**
 * Edits (insert, delete, replace, swap two neighbours) from `a` to `b` — the optimal string
 * alignment distance, which counts the common typo "teh" → "the" as one edit.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word` (ignoring case), if within one edit for short words and two for
 * longer ones; a word of one or two letters is too short to guess from.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 2 ? 0 : word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
