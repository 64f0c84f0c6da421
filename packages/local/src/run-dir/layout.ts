import path from 'node:path';
import { confine } from './confine.js';

/**
 * The files of a run directory `.sluice/runs/<run-id>/`.
 * @example
 * ```ts
 * import { type RunLayout, runLayout } from '@sluice/local';
 *
 * const layout: RunLayout = runLayout('.sluice/runs/customer-features-2026-06-17');
 * console.log(layout.status, layout.report);
 * ```
 */
export interface RunLayout {
  /** The run directory itself. */
  readonly dir: string;
  /** Argo-shaped `WorkflowStatus`, rewritten atomically as the run progresses. */
  readonly status: string;
  /** The manifests that were run (`workflow.yaml`). */
  readonly workflow: string;
  /** Successful leaf outputs keyed by template and inputs, one JSON line per success, read by `--resume`. */
  readonly cache: string;
  /** The process groups of the steps started on this machine (one JSON line each), ended again by `--resume`. */
  readonly processes: string;
  /** Prometheus text metrics of the run and of its stages. */
  readonly metrics: string;
  /** OpenLineage events collected from the stages (JSON lines). */
  readonly lineage: string;
  /** The self-contained HTML report. */
  readonly report: string;
  /** Run options needed by `--resume` (parameters, image map). */
  readonly options: string;
  /** A node's working directory (its container paths are mapped under `fs/`). */
  nodeDir(nodeId: string): string;
  /** A node's log (stdout and stderr). */
  nodeLog(nodeId: string): string;
  /** Where a node's output artifact is kept. */
  artifact(nodeId: string, name: string): string;
  /** Checkpoints of a node, stable across retries and `--resume` (keyed by node name). */
  checkpoints(key: string): string;
}

/**
 * Lays out a run directory.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { runLayout } from '@sluice/local';
 *
 * const status = JSON.parse(fs.readFileSync(runLayout('.sluice/runs/nightly').status, 'utf8'));
 * ```
 */
export function runLayout(dir: string): RunLayout {
  return {
    dir,
    status: path.join(dir, 'status.json'),
    workflow: path.join(dir, 'workflow.yaml'),
    cache: path.join(dir, 'cache.jsonl'),
    processes: path.join(dir, 'processes.jsonl'),
    metrics: path.join(dir, 'metrics.prom'),
    lineage: path.join(dir, 'lineage.jsonl'),
    report: path.join(dir, 'report.html'),
    options: path.join(dir, 'run.json'),
    // Node ids, artifact names and checkpoint keys come from the workflow: each stays inside the run directory.
    nodeDir: (id) => confine(dir, `node ${id}`, ['nodes', id]),
    nodeLog: (id) => confine(dir, `log of node ${id}`, ['logs', `${id}.log`]),
    artifact: (id, name) => confine(dir, `output artifact "${name}" of node ${id}`, ['artifacts', id, name]),
    checkpoints: (key) => confine(dir, `checkpoints of ${key}`, ['checkpoints', key]),
  };
}
