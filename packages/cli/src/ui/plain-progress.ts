import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import { printable } from '@sluice/runtime';
import { formatElapsed } from './dag-view.js';

/** One change, as `--output json` prints it. */
export interface ProgressEvent {
  readonly time: string;
  /** `workflow` for the workflow itself, else the node's display name. */
  readonly node: string;
  readonly id: string;
  readonly type: string;
  readonly phase: string;
  readonly retry?: number;
  readonly message?: string;
  readonly elapsedMs?: number;
}

/**
 * Reports a workflow's progress as lines, for logs and pipes that cannot redraw: one line per phase change of the
 * workflow and of each step (Pod and Suspend nodes), as text or as JSON lines.
 */
export class PlainProgress {
  readonly #seen = new Map<string, string>();
  /** Attempt index of each child of a Retry node. */
  readonly #retryOf = new Map<string, number>();
  #phase = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly workflow: string,
    private readonly format: 'text' | 'json',
  ) {}

  /**
   * Prints what changed since the previous status. With `changed` (the ids of the nodes that changed, as the local
   * runner gives them) only those are looked at, so a run of n nodes costs O(n) in all, not O(n) per change.
   */
  update(status: WorkflowStatus, changed?: readonly string[]): void {
    const all = status.nodes ?? {};
    const nodes = (changed === undefined ? Object.values(all) : changed.map((id) => all[id])).filter(
      (n): n is NodeStatus => n !== undefined,
    );
    for (const n of nodes) {
      if (n.type !== 'Retry') continue;
      for (const [i, c] of (n.children ?? []).entries()) this.#retryOf.set(c, i);
    }
    const retryOf = this.#retryOf;
    for (const n of nodes) {
      if (n.type !== 'Pod' && n.type !== 'Suspend' && n.type !== 'Skipped') continue;
      const phase = n.phase ?? 'Pending';
      // Waiting is not news: a step is reported when it starts and when it ends.
      if (phase === 'Pending' || this.#seen.get(n.id) === phase) continue;
      // A leaf entrypoint is the workflow's root node: its end is the workflow line below, not a second line.
      if (n.name === this.workflow && phase !== 'Running') continue;
      this.#seen.set(n.id, phase);
      const elapsedMs = n.startedAt && n.finishedAt ? Date.parse(n.finishedAt) - Date.parse(n.startedAt) : undefined;
      this.emit({
        time: new Date().toISOString(),
        node: n.displayName ?? n.name,
        id: n.id,
        type: n.type,
        phase,
        ...(retryOf.has(n.id) ? { retry: retryOf.get(n.id) } : {}),
        ...(n.message ? { message: printable(n.message) } : {}),
        ...(elapsedMs !== undefined ? { elapsedMs } : {}),
      });
    }
    const phase = status.phase ?? '';
    if (phase !== this.#phase && phase !== 'Running') {
      this.#phase = phase;
      const elapsedMs =
        status.startedAt && status.finishedAt
          ? Date.parse(status.finishedAt) - Date.parse(status.startedAt)
          : undefined;
      this.emit({
        time: new Date().toISOString(),
        node: 'workflow',
        id: this.workflow,
        type: 'Workflow',
        phase,
        ...(status.message ? { message: printable(status.message) } : {}),
        ...(elapsedMs !== undefined ? { elapsedMs } : {}),
      });
    }
  }

  private emit(e: ProgressEvent): void {
    if (this.format === 'json') {
      this.write(`${JSON.stringify(e)}\n`);
      return;
    }
    const name = e.node === 'workflow' ? this.workflow : `  ${e.node}`;
    const extra = [e.elapsedMs !== undefined ? formatElapsed(e.elapsedMs) : '', e.message ?? '']
      .filter(Boolean)
      .join('  ');
    this.write(`${name}: ${e.phase}${extra ? `  ${extra}` : ''}\n`);
  }
}
