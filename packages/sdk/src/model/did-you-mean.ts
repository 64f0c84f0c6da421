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

/** At most this many candidates are listed when none is close to what was given. */
const LISTED = 6;

/**
 * A hint to append to a message about an unknown name: `; did you mean "step"?` when a candidate is close (and shares a character with it), else
 * `; <what>: a, b, c` when there are few enough to list, else `''`. Candidates are de-duplicated and the empty
 * name ignored.
 * @example
 * ```ts
 * import { didYouMean } from '@sluice/sdk';
 *
 * didYouMean('stepp', ['main', 'step'], 'defined templates'); // '; did you mean "step"?'
 * didYouMean('x', ['main', 'step'], 'defined templates'); // '; defined templates: main, step'
 * ```
 */
export function hint(given: string, candidates: readonly string[], what: string): string {
  const names = [...new Set(candidates)].filter((c) => c !== '' && c !== given);
  const near = closest(given, names);
  // A one-letter name is "close" to every other one-letter name: suggest only what shares something with it.
  if (near !== undefined && editDistance(given, near) < given.length) return `; did you mean "${near}"?`;
  if (names.length > 0 && names.length <= LISTED) return `; ${what}: ${names.join(', ')}`;
  return '';
}
