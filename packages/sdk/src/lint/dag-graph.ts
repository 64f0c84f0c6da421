import { type Json, list, objects, str } from './json.js';

/** How a task depends on another: plainly, or through an items-based result (`.AnySucceeded`, `.AllFailed`). */
export type DependencyType = 'task' | 'items';

/** The task results a `depends` expression may name. */
export const TASK_RESULTS: readonly string[] = [
  'Succeeded',
  'Failed',
  'Errored',
  'Skipped',
  'Omitted',
  'Daemoned',
  'AnySucceeded',
  'AllFailed',
];

const DEPENDS_TOKEN = /([a-zA-Z0-9][-a-zA-Z0-9]*?)\.([A-Z][a-zA-Z]+)|([a-zA-Z0-9][-a-zA-Z0-9]*)/g;

/** The `name.Result` pairs of a `depends` expression, in order. */
export function taskResults(depends: string): { task: string; result: string }[] {
  const found: { task: string; result: string }[] = [];
  for (const m of depends.matchAll(DEPENDS_TOKEN)) {
    if (m[1] !== undefined && m[2] !== undefined) found.push({ task: m[1], result: m[2] });
  }
  return found;
}

/** The tasks a task depends on, from `depends` (task names and `name.Result` terms) or `dependencies`. */
export function taskDependencies(task: Json): Map<string, DependencyType> {
  const deps = new Map<string, DependencyType>();
  const depends = str(task.depends);
  if (depends === '') {
    for (const d of list(task.dependencies)) if (typeof d === 'string') deps.set(d, 'task');
    return deps;
  }
  for (const m of depends.matchAll(DEPENDS_TOKEN)) {
    if (m[1] !== undefined && m[2] !== undefined) {
      if (m[2] === 'AnySucceeded' || m[2] === 'AllFailed') deps.set(m[1], 'items');
      else if (!deps.has(m[1])) deps.set(m[1], 'task');
    } else if (m[3] !== undefined) {
      deps.set(m[3], 'task');
    }
  }
  return deps;
}

/** A DAG template's tasks with their dependencies, for the DAG rules and the variable scope. */
export class DagGraph {
  /** Tasks by name (the last of a repeated name wins, as in Argo's map). */
  readonly tasks = new Map<string, Json>();
  /** Dependencies by task name. */
  readonly dependencies = new Map<string, Map<string, DependencyType>>();

  /** Reads the tasks of a `dag` template body. */
  constructor(dag: Json) {
    for (const task of objects(dag.tasks)) {
      const name = str(task.name);
      this.tasks.set(name, task);
      this.dependencies.set(name, taskDependencies(task));
    }
  }

  /** The names a task depends on, sorted (Argo iterates a Go map; sorting makes reports deterministic). */
  dependsOn(name: string): string[] {
    return [...(this.dependencies.get(name)?.keys() ?? [])].sort();
  }

  /** Every task reachable through dependencies (the ancestors), nearest first, without repeats. */
  ancestry(name: string): string[] {
    const seen = new Set<string>();
    const queue = this.dependsOn(name);
    while (queue.length > 0) {
      const next = queue.shift();
      if (next === undefined || seen.has(next) || !this.tasks.has(next)) continue;
      seen.add(next);
      queue.push(...this.dependsOn(next));
    }
    return [...seen];
  }

  /** The first dependency cycle, found the way Argo's `verifyNoCycles` walks, as `a->b->a`; undefined when none. */
  firstCycle(): string | undefined {
    const visited = new Set<string>();
    const walk = (name: string, path: string[]): string | undefined => {
      if (visited.has(name)) return undefined;
      for (const dep of this.dependsOn(name)) {
        if (path.includes(dep)) return `${path.join('->')}->${dep}`;
        if (!this.tasks.has(dep)) continue;
        const found = walk(dep, [...path, dep]);
        if (found !== undefined) return found;
      }
      visited.add(name);
      return undefined;
    };
    for (const name of this.tasks.keys()) {
      const found = walk(name, []);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}
