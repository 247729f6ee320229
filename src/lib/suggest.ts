/** Levenshtein distance, small and allocation-light; inputs are short identifiers. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest candidate to `word`, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lowerWord = word.toLowerCase();
  // "saturday" for "sat", "prod" for "production": a clear prefix beats edit distance.
  const prefixed = list.filter((c) => c.length >= 3 && lowerWord.length >= 3 && (lowerWord.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(lowerWord)));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of list) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** "did you mean x?" or a short list of what is allowed. */
export function suggestion(word: string, candidates: readonly string[], noun = 'value'): string {
  const near = closest(word, candidates);
  if (near) return `did you mean "${near}"?`;
  if (candidates.length === 0) return `no ${noun}s are declared`;
  const shown = candidates.slice(0, 8).map((c) => `"${c}"`).join(', ');
  return `known ${noun}s: ${shown}${candidates.length > 8 ? `, … (${candidates.length} in all)` : ''}`;
}
