import type { DAGTask, Template } from '@sluice/argo-types';
import { checkCycles, fromDependencies } from './engine/dag-rules.js';
import { dependsTasks, parseDepends } from './expression/depends.js';
import { parseExpression } from './expression/parse.js';

/**
 * Problems in a DAG template that Argo rejects on submit: a `depends`/`dependencies` naming an undefined task, a
 * `depends` that does not parse, and dependency cycles. Tasks whose dependencies hold `{{…}}` are left to the run.
 */
export function dagProblems(t: Template, where: string): string[] {
  const dag = t.dag;
  if (dag === undefined) return [];
  const tasks = new Map<string, DAGTask>(dag.tasks.map((task) => [task.name, task]));
  const deps = new Map<string, string[]>();
  const problems: string[] = [];
  for (const task of dag.tasks) {
    const text = task.depends ?? (task.dependencies ?? []).join(' ');
    if (text.includes('{{')) continue;
    let list: string[];
    try {
      const tree = task.depends ? parseDepends(task.depends) : fromDependencies(task.dependencies ?? [], tasks);
      list = tree ? dependsTasks(tree) : [];
    } catch (error) {
      problems.push(`${where}.tasks.${task.name}.depends: ${(error as Error).message}`);
      continue;
    }
    for (const d of list) {
      if (!tasks.has(d)) {
        const hint = closest(d, [...tasks.keys()]);
        problems.push(
          `${where}.tasks.${task.name} dependency '${d}' not defined${hint ? ` (did you mean '${hint}'?)` : ''}`,
        );
      }
    }
    deps.set(
      task.name,
      list.filter((d) => tasks.has(d)),
    );
  }
  try {
    checkCycles(deps, where);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

const tag = /\{\{\s*=([\s\S]*?)\}\}/g;

/**
 * Every `{{= … }}` expression in a template (any string in it, inline templates included) that does not parse,
 * as `<where>: cannot evaluate expression "…": …`.
 */
export function expressionProblems(value: unknown, where: string): string[] {
  const problems: string[] = [];
  const walk = (v: unknown, at: string) => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return;
      for (const m of v.matchAll(tag)) {
        try {
          parseExpression((m[1] ?? '').trim());
        } catch (error) {
          problems.push(`${at}: ${(error as Error).message}`);
        }
      }
    } else if (Array.isArray(v)) {
      for (const [i, c] of v.entries()) walk(c, `${at}[${i}]`);
    } else if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, `${at}.${k}`);
  };
  walk(value, where);
  return problems;
}

/** The candidate nearest to `name` by edit distance, when it is close enough to be a typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps (mian → main). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}
