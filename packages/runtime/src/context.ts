import type { CheckpointStore } from './checkpoint.js';
import type { Logger } from './logger.js';
import type { StageMetrics } from './metrics.js';

/**
 * Which slice of a fan-out this process handles: `index` in `0 … count - 1`.
 * @example
 * ```ts
 * import type { Partition } from '@sluice/runtime';
 *
 * // The customer ids this process handles in a fan-out over `partition.count` pods.
 * function myShare(ids: readonly number[], partition: Partition): number[] {
 *   return ids.filter((id) => id % partition.count === partition.index);
 * }
 * ```
 */
export interface Partition {
  /** This partition, from `SLUICE_PARTITION_INDEX` or an Indexed Job's `JOB_COMPLETION_INDEX`. */
  readonly index: number;
  /** How many partitions the fan-out has, from `SLUICE_PARTITION_COUNT`. */
  readonly count: number;
}

/**
 * The directories a stage reads and writes. All are absolute paths.
 * @example
 * ```ts
 * import path from 'node:path';
 * import type { StagePaths } from '@sluice/runtime';
 *
 * const modelFile = (paths: StagePaths) => path.join(paths.artifactsOut, 'model', 'model.onnx');
 * ```
 */
export interface StagePaths {
  /** Where output parameters are written (`SLUICE_OUTPUTS_DIR`); the runtime writes them, not the stage. */
  readonly outputs: string;
  /** Input artifacts, one entry per artifact name (`$SLUICE_ARTIFACTS_DIR/inputs`). */
  readonly artifactsIn: string;
  /** Output artifacts, one entry per artifact name (`$SLUICE_ARTIFACTS_DIR/outputs`). */
  readonly artifactsOut: string;
  /** Scratch space for temporary files (`SLUICE_SCRATCH_DIR`); the root filesystem may be read-only. */
  readonly scratch: string;
  /** The directory this process's checkpoint lives in (under `SLUICE_CHECKPOINT_DIR`). */
  readonly checkpoint: string;
}

/**
 * What `run(ctx)` receives: validated parameters, the run's identity, paths, a logger, secrets, checkpoints,
 * metrics and an AbortSignal that fires on SIGTERM. There is deliberately no "now": pipeline logic works from
 * {@link StageContext.executionDate}, so a re-run of a date produces the same result.
 *
 * @typeParam P - the parsed parameters (the `params` schema's output type).
 * @example
 * ```ts
 * import type { StageContext } from '@sluice/runtime';
 *
 * async function readSource(ctx: StageContext<{ table: string }>): Promise<string> {
 *   const password = await ctx.secret('warehouse', 'password');
 *   ctx.log.info('reading', { table: ctx.params.table, date: ctx.executionDate, retry: ctx.retry });
 *   return `${ctx.params.table}@${ctx.executionDate} (${password.length} character password)`;
 * }
 * ```
 */
export interface StageContext<P> {
  /** The parameters, validated and typed by the stage's `params` schema (camelCase keys). */
  readonly params: P;
  /** The logical date this run processes, `YYYY-MM-DD`, from the required `--param execution-date=…`. */
  readonly executionDate: string;
  /** The pipeline name (`SLUICE_PIPELINE`). */
  readonly pipeline: string;
  /** The stage name (`SLUICE_STAGE`, else the stage's own `name`). */
  readonly stage: string;
  /** The workflow run this process belongs to. */
  readonly workflow: { readonly name: string; readonly uid: string };
  /** The Argo node name of this step, without a retry suffix (`SLUICE_NODE_NAME`). */
  readonly nodeName: string;
  /** The retry attempt, 0 for the first (`SLUICE_RETRY`). */
  readonly retry: number;
  /** This process's slice of a fan-out. */
  readonly partition: Partition;
  /** Directories for outputs, artifacts, scratch space and the checkpoint. */
  readonly paths: StagePaths;
  /** Structured JSON logger writing one line per entry to stderr; secret values are redacted. */
  readonly log: Logger;
  /**
   * Reads a secret from its read-only mounted file `$SLUICE_SECRETS_DIR/<name>/<key>` (never from the
   * environment). The value is redacted from every later log line.
   */
  secret(name: string, key: string): Promise<string>;
  /** Aborted on SIGTERM (preemption, node drain): stop, save a checkpoint, return or throw. */
  readonly signal: AbortSignal;
  /** The checkpoint of this workflow + node + partition, which a retried attempt resumes from. */
  readonly checkpoint: CheckpointStore;
  /** Built-in and user metrics, pushed to the Pushgateway (or written to a file) periodically and at the end. */
  readonly metrics: StageMetrics;
}
