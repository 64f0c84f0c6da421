import path from 'node:path';

/** A name from the workflow (or the command line) that would put a file outside the directory it belongs in. */
export class PathEscapeError extends Error {
  override readonly name = 'PathEscapeError';
}

/**
 * The one place that turns names from a workflow into paths under a run directory: `root` joined with `parts`,
 * refused when the result is not strictly inside `root` (`..`, an absolute path, an empty name).
 *
 * @param what names the value in the error, e.g. `output artifact "model" of node x`.
 * @throws {PathEscapeError} naming the value and the directory it must stay in.
 *
 * @example
 * ```ts
 * confine('/runs/r1', 'Input artifacts', ['artifacts', 'n1', 'model']); // '/runs/r1/artifacts/n1/model'
 * ```
 */
export function confine(root: string, what: string, parts: readonly string[]): string {
  const base = path.resolve(root);
  const full = path.resolve(base, ...parts);
  const relative = path.relative(base, full);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    throw new PathEscapeError(
      `${what} (${JSON.stringify(parts.join('/'))}) would be written outside ${base}: use a plain name without '..' or '/'`,
    );
  return full;
}
