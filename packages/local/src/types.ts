import type { WorkflowStatus } from '@sluice/argo-types';
import type { StepPlacement } from './engine/step-engine.js';

/**
 * What an in-process handler gets: the node's resolved inputs and where it runs.
 * @example
 * ```ts
 * import type { HandlerContext, HandlerResult } from '@sluice/local';
 *
 * const echo = (ctx: HandlerContext): HandlerResult => ({ result: `${ctx.template} got ${ctx.parameters.msg ?? ''}` });
 * ```
 */
export interface HandlerContext {
  /** Input parameters by name, after `{{…}}` substitution. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The template name. */
  readonly template: string;
  /** The node name (`<workflow>.<task>…`). */
  readonly nodeName: string;
  /** Retry attempt, 0 for the first (`{{retries}}`). */
  readonly retry: number;
  /** The partition index and count of a fan-out item, when there is one. */
  readonly partition: { readonly index: number; readonly count: number } | undefined;
  /** Aborted on deadline, timeout or when the run stops. */
  readonly signal: AbortSignal;
  /** A directory of the node's own, for scratch files; created only when the node has input artifacts (else `mkdir` it). */
  readonly workDir: string;
}

/**
 * What an in-process handler gives back: output parameters by name and `outputs.result`.
 * @example
 * ```ts
 * import type { HandlerResult, InProcessHandler } from '@sluice/local';
 *
 * const count: InProcessHandler = (): HandlerResult => ({ outputs: { 'row-count': '42' } });
 * ```
 */
export interface HandlerResult {
  readonly outputs?: Readonly<Record<string, string>>;
  readonly result?: string;
}

/**
 * Runs a template inside the runner's process instead of as a child process (no-op and simple stages, tests,
 * benchmarks). Throwing fails the node; an error with a numeric `exitCode` of 2 is fatal, as in the stage protocol.
 * @example
 * ```ts
 * import { type InProcessHandler, runWorkflow } from '@sluice/local';
 *
 * const sleepy: InProcessHandler = async (ctx) => {
 *   await new Promise((resolve) => setTimeout(resolve, 10));
 *   return { result: ctx.nodeName };
 * };
 * await runWorkflow([], { handlers: { sleepy } });
 * ```
 */
export type InProcessHandler = (
  context: HandlerContext,
) => Promise<HandlerResult | undefined> | HandlerResult | undefined;

/**
 * Options of {@link runWorkflow}.
 * @example
 * ```ts
 * import { type RunOptions, runWorkflow } from '@sluice/local';
 *
 * const options: RunOptions = {
 *   parameters: { 'execution-date': '2026-06-17' },
 *   maxParallel: 2,
 *   engine: 'host',
 *   onRetry: (wait) => console.error(`${wait.step}: retry in ${wait.delayMs} ms (${wait.reason})`),
 * };
 * await runWorkflow([], options);
 * ```
 */
export interface RunOptions {
  /** `-p name=value`: overrides of `spec.arguments.parameters`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Most processes (and in-process handlers) at once. Default: the number of CPU cores. */
  readonly maxParallel?: number;
  /** Where run directories are created. Default: `<cwd>/.sluice/runs`. */
  readonly runsDir?: string;
  /** The working directory of stage processes and base of relative paths. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Container images mapped to a local command (`--map-image IMAGE=CMD`), e.g. `{ 'alpine:3.20': 'sh' }`. */
  readonly imageMap?: Readonly<Record<string, string>>;
  /**
   * Where container and script templates run: `host` (default: mapped commands on this machine), or `podman` /
   * `docker` (each template's own image, as a cluster would run it).
   */
  readonly engine?: 'host' | 'podman' | 'docker';
  /** With a container engine, pull images that are not on this machine (never done otherwise). */
  readonly pull?: boolean;
  /** In-process handlers by template name (or by the `sluice.dev/local-handler` annotation's value). */
  readonly handlers?: Readonly<Record<string, InProcessHandler>>;
  /** Resume this earlier run (its id, or its directory): re-run only what did not succeed. */
  readonly resume?: string;
  /** Environment of stage processes; default `process.env`. `PUSHGATEWAY_URL` here makes the run push metrics. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Called on every status change with the live, Argo-shaped status (read it synchronously, do not keep it) and the
   * ids of the nodes that changed (empty when only the workflow's own fields did), so a display need not walk
   * every node on every change.
   */
  readonly onStatus?: (status: WorkflowStatus, changed: readonly string[]) => void;
  /**
   * The most nodes the run may have (default 50,000): a loop that would go past it fails its task before any item
   * is created, with an error naming the loop and the limit.
   */
  readonly maxNodes?: number;
  /**
   * With a container engine: called when a step is about to start in its image, with the engine, the image and
   * its digest (for a live view).
   */
  readonly onPlacement?: (
    node: { readonly id: string; readonly displayName: string },
    placement: StepPlacement,
  ) => void;
  /**
   * Called once the checks passed and the run directory exists, before anything runs: with the run's id (what
   * `resume` takes) and its directory. Not called when the run is refused.
   */
  readonly onStart?: (run: { readonly runId: string; readonly runDir: string }) => void;
  /** Called when a failed step is about to be retried, before the back-off wait (see {@link RetryWait}). */
  readonly onRetry?: (wait: RetryWait) => void;
  /** Keep the retries but drop the back-off waits between them (for the edit-run loop). */
  readonly noBackoff?: boolean;
  /** Stops the run: running nodes are killed and fail, exit handlers still run. */
  readonly signal?: AbortSignal;
  /** Time between SIGTERM and SIGKILL when a node is stopped. Default 2000 ms. */
  readonly killGraceMs?: number;
  /** Write `report.html` at the end (default true). */
  readonly report?: boolean;
}

/**
 * A retry about to happen, after a back-off wait.
 * @example
 * ```ts
 * import type { RetryWait } from '@sluice/local';
 *
 * const describe = (wait: RetryWait) => `${wait.step}: attempt ${wait.attempt + 1} in ${Math.round(wait.delayMs / 1000)} s`;
 * ```
 */
export interface RetryWait {
  /** The step's display name, without the attempt suffix (e.g. `extract`). */
  readonly step: string;
  /** The wait before the next attempt, in ms (0 with `noBackoff` or without a back-off). */
  readonly delayMs: number;
  /** The back-off the retry strategy asked for, in ms (what was skipped when `noBackoff` is set). */
  readonly backoffMs: number;
  /** The number of the next attempt, from 1. */
  readonly attempt: number;
  /** How many attempts the strategy allows (`limit + 1`), when it sets a limit. */
  readonly attempts: number | undefined;
  /** Why the previous attempt failed. */
  readonly reason: string;
}

/**
 * The outcome of {@link runWorkflow}.
 * @example
 * ```ts
 * import { type RunResult, runWorkflow } from '@sluice/local';
 *
 * const run: RunResult = await runWorkflow([], { report: true });
 * if (run.status.phase !== 'Succeeded') console.error(`see ${run.reportPath}`, run.warnings);
 * ```
 */
export interface RunResult {
  /** The run id (`<workflow name>`), the directory name under `runsDir`. */
  readonly runId: string;
  /** The run directory. */
  readonly runDir: string;
  /** The final, Argo-shaped status (also in `status.json`). */
  readonly status: WorkflowStatus;
  /** Path of `report.html`, when written. */
  readonly reportPath: string | undefined;
  /** Problems that did not fail the run (e.g. the Pushgateway could not be reached). */
  readonly warnings: readonly string[];
  /** Where each step ran in a container, by node id: engine, image and digest (empty for host runs). */
  readonly placements: Readonly<Record<string, StepPlacement>>;
}
