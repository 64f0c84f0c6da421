/** What stands before a name used as a value: the start of a string or of a path segment. */
const BEFORE = `['"\`/]`;
/** What may follow it: the end of the string or segment, a suffix (`-data`), a tag (`:1.4.2`), an extension. */
const AFTER = `['"\`/:.-]`;

/**
 * Replaces the template's name with the project's where it is used as a value — `'minimal'`, `minimal-data`,
 * `…/data/minimal:0.1.0` — and nowhere else, so code such as `dag('main', …)`,
 * `import { dag }` or `t.dag` keeps its meaning when the `dag` template becomes a project named `etl`.
 *
 * @example
 * ```ts
 * renameTemplate("pipeline('minimal', { data: { claimName: 'minimal-data' } })", 'minimal', 'orders');
 * // "pipeline('orders', { data: { claimName: 'orders-data' } })"
 * ```
 */
export function renameTemplate(text: string, from: string, to: string): string {
  if (from === to) return text;
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<=${BEFORE}|^)${escaped}(?=${AFTER}|$)`, 'gm'), to);
}
