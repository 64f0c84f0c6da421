/** The edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `given`, when it is close enough to be a likely typo: within 40% of its length in edit
 * distance, counting a name that only differs in its group (`argo/resource-limits` for `policy/resource-limits`) as
 * one edit. Ties go to the earlier candidate.
 */
export function closest(given: string, candidates: readonly string[]): string | undefined {
  const tail = (s: string) => s.slice(s.indexOf('/') + 1);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = Math.min(editDistance(given, candidate), editDistance(tail(given), tail(candidate)) + 1);
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.ceil(given.length * 0.4)) ? best.candidate : undefined;
}
