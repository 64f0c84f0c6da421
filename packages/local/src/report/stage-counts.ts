import type { NodeStatus } from '@sluice/argo-types';

/**
 * A data-quality count a stage reported: dead-letter rows or a validation figure.
 * @example
 * ```ts
 * import { type StageCount, stageCounts } from '@sluice/local';
 *
 * const counts: StageCount[] = stageCounts([], new Map());
 * for (const c of counts) console.log(c.node, c.name, c.value);
 * ```
 */
export interface StageCount {
  /** The node that reported it. */
  readonly nodeId: string;
  readonly node: string;
  /** `dead-letter-rows` or `validation-<what>`. */
  readonly name: string;
  readonly value: number;
}

const metricNames =
  /^sluice_(dead_letter_rows|validation_[a-z0-9_]+?)(?:_total)?(?:\{[^}]*\})?\s+([-+0-9.eE]+|NaN)\s*$/;

/** The report name of an output parameter that is a data-quality count, or `undefined` when it is not one. */
function countName(parameter: string): string | undefined {
  if (parameter === 'dead-letter-rows' || parameter === 'dead-letters') return 'dead-letter-rows';
  if (parameter.startsWith('validation-') || parameter === 'valid-rows' || parameter === 'invalid-rows')
    return parameter;
  return undefined;
}

/**
 * The data-quality counts of a run, by the report convention (docs/local.md): output parameters named
 * `dead-letter-rows` (or `dead-letters`), `validation-*`, `valid-rows` or `invalid-rows` with a numeric value, and
 * metric samples `sluice_dead_letter_rows[_total]` / `sluice_validation_*[_total]` in a stage's metrics file.
 * @example
 * ```ts
 * import { stageCounts } from '@sluice/local';
 * import type { NodeStatus } from '@sluice/argo-types';
 *
 * const nodes: NodeStatus[] = [{ id: 'cf-1', name: 'cf.extract', displayName: 'extract', type: 'Pod', phase: 'Succeeded' }];
 * const metrics = new Map([['cf-1', 'job_processed_rows{stage="extract"} 1200\n']]);
 * stageCounts(nodes, metrics);
 * ```
 */
export function stageCounts(nodes: readonly NodeStatus[], metrics: ReadonlyMap<string, string>): StageCount[] {
  const out: StageCount[] = [];
  for (const n of nodes) {
    if (n.type !== 'Pod') continue;
    const node = n.displayName ?? n.name;
    const seen = new Set<string>();
    for (const p of n.outputs?.parameters ?? []) {
      const name = countName(p.name);
      if (name === undefined) continue;
      const value = Number(p.value);
      if (p.value === undefined || p.value.trim() === '' || Number.isNaN(value)) continue;
      out.push({ nodeId: n.id, node, name, value });
      seen.add(name);
    }
    for (const line of (metrics.get(n.id) ?? '').split('\n')) {
      const m = metricNames.exec(line);
      if (!m) continue;
      const name = (m[1] as string).replace(/_/g, '-');
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ nodeId: n.id, node, name, value: Number(m[2]) });
    }
  }
  return out;
}
