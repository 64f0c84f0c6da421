import type { DAGTask, NodeStatus, WorkflowStep } from '@sluice/argo-types';
import type { DependsNode } from '../expression/depends.js';
import { isFinished } from './status-store.js';

/** Whether a phase is Failed or Error. */
export function failedOrError(phase: string | undefined): boolean {
  return phase === 'Failed' || phase === 'Error';
}

/** Argo aggregates a looped step's results as JSON, parsing each result that is a JSON map. */
export function asMap(result: string): unknown {
  if (!result.trimStart().startsWith('{')) return result;
  try {
    const parsed: unknown = JSON.parse(result);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : result;
  } catch {
    return result;
  }
}

/** Whether a task's or step's `continueOn` covers a node that ended in `phase`. */
export function continuesOn(call: WorkflowStep | DAGTask, phase: string | undefined): boolean {
  return (
    (phase === 'Failed' && call.continueOn?.failed === true) || (phase === 'Error' && call.continueOn?.error === true)
  );
}

/** Argo's translation of `dependencies` into `depends`, honouring each dependency's `continueOn`. */
export function fromDependencies(
  list: readonly string[],
  tasks: ReadonlyMap<string, DAGTask>,
): DependsNode | undefined {
  let tree: DependsNode | undefined;
  for (const name of list) {
    const task = tasks.get(name);
    let node: DependsNode = {
      kind: 'or',
      left: {
        kind: 'or',
        left: { kind: 'ref', task: name, result: 'Succeeded' },
        right: { kind: 'ref', task: name, result: 'Skipped' },
      },
      right: { kind: 'ref', task: name, result: 'Daemoned' },
    };
    if (task?.continueOn?.failed)
      node = { kind: 'or', left: node, right: { kind: 'ref', task: name, result: 'Failed' } };
    if (task?.continueOn?.error)
      node = { kind: 'or', left: node, right: { kind: 'ref', task: name, result: 'Errored' } };
    tree = tree === undefined ? node : { kind: 'and', left: tree, right: node };
  }
  return tree;
}

/**
 * Throws Argo's error for a dependency cycle among DAG tasks.
 *
 * @throws {Error} `templates.<t>.tasks dependency cycle detected: A->B->A`.
 */
export function checkCycles(deps: ReadonlyMap<string, readonly string[]>, where: string): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (n: string) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(n)), n].join('->');
      throw new Error(`${where}.tasks dependency cycle detected: ${cycle}`);
    }
    state.set(n, 'visiting');
    path.push(n);
    for (const d of deps.get(n) ?? []) visit(d);
    path.pop();
    state.set(n, 'done');
  };
  for (const n of deps.keys()) visit(n);
}

/**
 * Argo's assessment of a finished DAG: walk the graph from the DAG node along `children`, carrying each branch's
 * phase (an Omitted node inherits the phase of the branch it is on, a failure taking precedence); the DAG fails
 * when a target task's branch failed or errored, unless that task has `continueOn` for it.
 */
export function assessDag(
  get: (id: string) => NodeStatus | undefined,
  dagId: string,
  targets: readonly { name: string; task: DAGTask | undefined; node: NodeStatus | undefined }[],
): 'Succeeded' | 'Failed' | 'Error' {
  const targetPhase = new Map<string, string>();
  for (const t of targets) if (t.node) targetPhase.set(t.node.id, '');
  const queue: [string, string][] = (get(dagId)?.children ?? []).map((c) => [c, 'Succeeded']);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const [id, inherited] = queue.shift() as [string, string];
    const key = `${id}|${inherited}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const n = get(id);
    if (n === undefined) continue;
    const branch = n.phase !== 'Omitted' && isFinished(n.phase) ? String(n.phase) : inherited;
    const previous = targetPhase.get(id);
    if (previous !== undefined && !failedOrError(previous)) targetPhase.set(id, branch);
    const next = n.type === 'Retry' ? (get((n.children ?? []).at(-1) ?? '')?.children ?? []) : (n.children ?? []);
    for (const c of next) queue.push([c, branch]);
  }
  for (const t of targets) {
    if (t.node === undefined || t.task === undefined) continue;
    const branch = targetPhase.get(t.node.id) ?? '';
    if (failedOrError(branch) && !continuesOn(t.task, branch)) return branch === 'Error' ? 'Error' : 'Failed';
  }
  return 'Succeeded';
}
