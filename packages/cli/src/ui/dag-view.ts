import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import { printable } from '@sluice/runtime';
import pc from 'picocolors';

/** Options of {@link renderDagView}. */
export interface DagViewOptions {
  /** The workflow's name, shown in the header. */
  readonly workflow: string;
  /** The time elapsed times are measured to (ms since the epoch). */
  readonly now: number;
  /** Colour the output (a terminal). */
  readonly color?: boolean;
  /** Most lines to draw; long runs collapse finished nodes into a count. Default: no limit. */
  readonly maxLines?: number;
  /** Terminal width; longer lines are cut. */
  readonly width?: number;
}

const icons: Readonly<Record<string, string>> = {
  Succeeded: '✔',
  Failed: '✖',
  Error: '✖',
  Running: '●',
  Pending: '○',
  Skipped: '⊘',
  Omitted: '⊘',
};

function paint(phase: string, text: string, color: boolean): string {
  if (!color) return text;
  if (phase === 'Succeeded') return pc.green(text);
  if (phase === 'Failed' || phase === 'Error') return pc.red(text);
  if (phase === 'Running') return pc.cyan(text);
  return pc.dim(text);
}

/** `0.8s`, `12s`, `4m05s`, `1h02m`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)}s`;
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function elapsed(node: { startedAt?: string; finishedAt?: string }, now: number): string {
  if (!node.startedAt) return '';
  return formatElapsed((node.finishedAt ? Date.parse(node.finishedAt) : now) - Date.parse(node.startedAt));
}

/**
 * The display tree of an Argo `WorkflowStatus`: each node under the Retry / TaskGroup / StepGroup node that lists
 * it as a child, else under its boundary (the DAG or Steps node it belongs to; without a `boundaryID`, the DAG or
 * Steps node that lists it as a child). Retry attempts are folded into their Retry node.
 */
export function displayTree(nodes: Readonly<Record<string, NodeStatus>>): {
  roots: NodeStatus[];
  children: Map<string, NodeStatus[]>;
} {
  const grouping = new Map<string, string>();
  const attempts = new Set<string>();
  // A status without boundary ids (an older or trimmed server answer) still nests a DAG's tasks under it.
  const listedBy = new Map<string, string>();
  for (const n of Object.values(nodes)) {
    if (n.type === 'DAG' || n.type === 'Steps') for (const c of n.children ?? []) listedBy.set(c, n.id);
    if (n.type !== 'Retry' && n.type !== 'TaskGroup' && n.type !== 'StepGroup') continue;
    for (const c of n.children ?? []) {
      grouping.set(c, n.id);
      if (n.type === 'Retry') attempts.add(c);
    }
  }
  const children = new Map<string, NodeStatus[]>();
  const roots: NodeStatus[] = [];
  for (const n of Object.values(nodes)) {
    if (attempts.has(n.id)) continue;
    const boundary = n.boundaryID ?? listedBy.get(n.id);
    const parent = grouping.get(n.id) ?? (boundary !== undefined && nodes[boundary] ? boundary : undefined);
    if (parent === undefined || parent === n.id) roots.push(n);
    else children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const order = (a: NodeStatus, b: NodeStatus) =>
    (Date.parse(a.startedAt ?? '') || Number.MAX_SAFE_INTEGER) -
      (Date.parse(b.startedAt ?? '') || Number.MAX_SAFE_INTEGER) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  roots.sort(order);
  for (const list of children.values()) list.sort(order);
  return { roots, children };
}

/**
 * Renders the live view of a workflow — local or on a cluster, from its Argo-shaped status — as lines: a header
 * (name, phase, elapsed, steps done) and the node tree, each node with its state, retries and elapsed time.
 *
 * @example
 * ```text
 * etl  Running  12s  3/5 steps
 * ● etl                       Running     12s
 *   ✔ extract                 Succeeded   2.1s
 *   ● transform               Running     9.8s   retry 1
 *   ○ load                    Pending
 * ```
 */
export function renderDagView(status: WorkflowStatus, options: DagViewOptions): string[] {
  const nodes = (status.nodes ?? {}) as Record<string, NodeStatus>;
  const color = options.color ?? false;
  const all = Object.values(nodes);
  const pods = all.filter((n) => n.type === 'Pod');
  const done = pods.filter((n) => n.phase === 'Succeeded').length;
  const phase = status.phase ?? 'Pending';
  const header = `${options.workflow}  ${paint(phase, phase, color)}  ${elapsed(status, options.now)}  ${done}/${pods.length} steps${
    status.message && phase !== 'Running' ? `  ${printable(status.message)}` : ''
  }`;
  const { roots, children } = displayTree(nodes);
  const lines: { depth: number; node: NodeStatus }[] = [];
  const walk = (n: NodeStatus, depth: number) => {
    lines.push({ depth, node: n });
    for (const c of children.get(n.id) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  let shown = lines;
  let hidden = 0;
  const max = options.maxLines;
  if (max !== undefined && lines.length + 1 > max) {
    // Keep what matters on a long run: running, failed and pending nodes first, finished ones as a count.
    const rank = (n: NodeStatus) =>
      n.phase === 'Running' ? 0 : n.phase === 'Failed' || n.phase === 'Error' ? 1 : n.phase === 'Pending' ? 2 : 3;
    const keep = new Set(
      [...lines]
        .sort((a, b) => rank(a.node) - rank(b.node))
        .slice(0, Math.max(0, max - 2))
        .map((l) => l.node.id),
    );
    shown = lines.filter((l) => keep.has(l.node.id));
    hidden = lines.length - shown.length;
  }
  const nameWidth = Math.min(
    48,
    Math.max(12, ...shown.map((l) => l.depth * 2 + 2 + (l.node.displayName ?? l.node.name).length)),
  );
  const out = [header];
  for (const { depth, node } of shown) {
    const p = node.phase ?? 'Pending';
    const label = `${'  '.repeat(depth)}${icons[p] ?? '·'} ${node.displayName ?? node.name}`;
    const retries =
      node.type === 'Retry' && (node.children?.length ?? 0) > 1 ? `retry ${(node.children?.length ?? 1) - 1}` : '';
    const message =
      (p === 'Failed' || p === 'Error') && node.type !== 'DAG' && node.type !== 'Steps'
        ? printable(node.message ?? '')
        : '';
    let line = `${label.padEnd(nameWidth)}  ${p.padEnd(10)}  ${elapsed(node, options.now).padStart(6)}${retries ? `  ${retries}` : ''}${message ? `  ${message}` : ''}`;
    if (options.width !== undefined && line.length > options.width)
      line = `${line.slice(0, Math.max(1, options.width - 1))}…`;
    out.push(paint(p, line, color));
  }
  if (hidden > 0) out.push(color ? pc.dim(`… ${hidden} more nodes finished`) : `… ${hidden} more nodes finished`);
  return out;
}
