import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import { writeFileAtomic, writeFileAtomicSync } from '../run-dir/atomic.js';

/** Node phases, as Argo spells them. */
export type NodePhase = 'Pending' | 'Running' | 'Succeeded' | 'Skipped' | 'Failed' | 'Error' | 'Omitted';

/** Node types, as Argo spells them. */
export type NodeType = 'Pod' | 'DAG' | 'Steps' | 'StepGroup' | 'TaskGroup' | 'Retry' | 'Skipped' | 'Suspend';

const finished = new Set(['Succeeded', 'Skipped', 'Failed', 'Error', 'Omitted']);

/** Whether a node phase is final. */
export function isFinished(phase: string | undefined): boolean {
  return phase !== undefined && finished.has(phase);
}

/** 32-bit FNV-1a, as Argo uses for node ids (`<workflow>-<hash of node name>`). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Called on every change with the live status and the ids of the nodes that changed (none: the workflow itself). */
export type StatusListener = (status: WorkflowStatus, changed: readonly string[]) => void;

/** The default of `--max-nodes`: far above any fan-out that runs well on one machine, far below one that exhausts it. */
export const defaultMaxNodes = 50_000;

/** A run would have more nodes than `--max-nodes` allows. */
export class NodeLimitError extends Error {
  override readonly name = 'NodeLimitError';
  constructor(
    readonly maxNodes: number,
    where: string,
    wanted?: number,
  ) {
    super(
      `${where}: ${wanted === undefined ? 'one more node' : `${wanted} items`} would take the run past --max-nodes ${maxNodes}: ` +
        'raise --max-nodes (maxNodes) if this machine can hold it, or split the fan-out',
    );
  }
}

/**
 * The run's Argo-shaped `WorkflowStatus`, kept in memory, persisted atomically to `status.json` (at most every
 * `intervalMs`) and announced to listeners on every change.
 */
export class StatusStore {
  readonly status: WorkflowStatus & { nodes: Record<string, NodeStatus> };
  readonly #listeners = new Set<StatusListener>();
  #count = 0;
  readonly #childSets = new Map<string, Set<string>>();
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly workflowName: string,
    private readonly file: string,
    private readonly intervalMs = 250,
    /** The most nodes this run may have ({@link NodeLimitError} beyond). */
    readonly maxNodes = Number.POSITIVE_INFINITY,
  ) {
    this.status = { phase: 'Running', startedAt: now(), nodes: {} };
  }

  /** The id of the node with this name: the workflow name for the root node, as in Argo. */
  nodeId(name: string): string {
    return name === this.workflowName ? name : `${this.workflowName}-${fnv1a(name)}`;
  }

  /** Adds a node (or replaces one of the same name, as `--resume` does) and links it under its parents. */
  add(node: Omit<NodeStatus, 'id'>, parents: readonly string[]): NodeStatus {
    const id = this.nodeId(node.name);
    if (this.status.nodes[id] === undefined) {
      if (this.#count >= this.maxNodes) throw new NodeLimitError(this.maxNodes, node.name);
      this.#count++;
    }
    const full: NodeStatus = { id, ...node };
    this.status.nodes[id] = full;
    for (const p of parents) this.link(p, id);
    this.changed(id, ...parents);
    return full;
  }

  /** Adds `child` to `parent.children` once. */
  link(parent: string, child: string): void {
    const node = this.status.nodes[parent];
    if (node === undefined) return;
    // In place, with a set beside the list: a fan-out of n children would otherwise cost O(n) per child.
    let known = this.#childSets.get(parent);
    if (known === undefined) {
      known = new Set(node.children ?? []);
      this.#childSets.set(parent, known);
    }
    if (known.has(child)) return;
    known.add(child);
    node.children ??= [];
    node.children.push(child);
  }

  /** Changes fields of a node. */
  update(id: string, patch: Partial<NodeStatus>): NodeStatus {
    const node = this.status.nodes[id];
    if (node === undefined) throw new Error(`internal: no node ${id}`);
    Object.assign(node, patch);
    this.changed(id);
    return node;
  }

  /** A node by id. */
  get(id: string): NodeStatus | undefined {
    return this.status.nodes[id];
  }

  /** Changes workflow-level fields. */
  setWorkflow(patch: Partial<WorkflowStatus>): void {
    Object.assign(this.status, patch);
    this.changed();
  }

  /** Calls `fn` on every change, with the live status (read it, do not keep it). */
  /** How many more nodes this run may add. */
  room(): number {
    return this.maxNodes - this.#count;
  }

  subscribe(fn: StatusListener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** The nodes the next node hangs from, when it follows this one (Argo's outbound nodes). */
  outbound(id: string): string[] {
    const node = this.status.nodes[id];
    if (node === undefined) return [];
    const children = node.children ?? [];
    switch (node.type) {
      case 'Retry': {
        const last = children[children.length - 1];
        return last === undefined ? [id] : this.outbound(last);
      }
      case 'TaskGroup':
      case 'StepGroup': {
        const out = children.flatMap((c) => this.outbound(c));
        return out.length > 0 ? out : [id];
      }
      case 'DAG':
      case 'Steps':
        return node.outboundNodes && node.outboundNodes.length > 0 ? [...node.outboundNodes] : [id];
      default:
        return [id];
    }
  }

  private changed(...ids: string[]): void {
    for (const l of this.#listeners) l(this.status, ids);
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.flush();
      }, this.intervalMs);
      this.#timer.unref();
    }
  }

  /** Writes `status.json` now (after any write in progress). */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const text = `${JSON.stringify(this.status, null, 2)}\n`;
    this.#writing = this.#writing.then(() => writeFileAtomic(this.file, text));
    return this.#writing;
  }

  /** Writes `status.json` synchronously (process exit). */
  flushSync(): void {
    writeFileAtomicSync(this.file, `${JSON.stringify(this.status, null, 2)}\n`);
  }
}

/** The current time in Argo's format (RFC 3339, seconds precision is Argo's; we keep milliseconds). */
export function now(): string {
  return new Date().toISOString();
}
