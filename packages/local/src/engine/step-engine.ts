import type { Template } from '@sluice/argo-types';
import type { LeafPlan } from '../preflight.js';
import type { PreparedStages } from './prepare-stages.js';
import type { ProcessResult } from './process.js';

/**
 * One process of a leaf node, as the runner asks an engine to run it: the substituted template, where the node's
 * files live on this machine, and the stage protocol's variables. Paths the template declares (artifact paths,
 * `valueFrom.path`, `/tmp/sluice`) live under {@link StepLaunch.fsRoot}: `<fsRoot>/<container path>`.
 */
export interface StepLaunch {
  /** The template with every `{{…}}` substituted. */
  readonly template: Template;
  /** How preflight planned it (never `handler` or `suspend`: those do not start a process). */
  readonly plan: LeafPlan;
  readonly nodeId: string;
  /** The node's own directory in the run directory. */
  readonly nodeDir: string;
  /** Where the template's container paths are kept on this machine. */
  readonly fsRoot: string;
  /** Maps a text's container paths to their place under `fsRoot` (the host engine rewrites commands with it). */
  readonly map: (text: string) => string;
  /** The stage protocol's variables (`SLUICE_*`, `JOB_COMPLETION_INDEX`), with paths on this machine. */
  readonly protocol: Readonly<Record<string, string>>;
  /** The script template's source, already written to a file (mapped), for script templates. */
  readonly scriptFile: string | undefined;
  /** Where the process writes its termination message, on this machine. */
  readonly terminationLog: string;
  /** stdout and stderr are appended here as they come. */
  readonly logFile: string;
  /** The working directory of the run (the host engine's `cwd`). */
  readonly cwd: string;
  /** The runner's own environment. */
  readonly env: NodeJS.ProcessEnv;
  /** `--map-image` entries. */
  readonly imageMap: Readonly<Record<string, string>>;
  /** The run's stage modules, bundled before it started (the host engine starts `node --import tsx` stages from them). */
  readonly stages?: PreparedStages;
  /** Time between the polite stop and the forced one. */
  readonly graceMs: number;
  /** Called with the pid of a process group started on this machine, so a later `--resume` can end it. */
  readonly onProcessStart?: (pid: number) => void;
}

/** A process an engine started. */
export interface StartedStep {
  /** Settles when the process has ended (its output is in the log file by then). */
  readonly exited: Promise<ProcessResult>;
  /** Stops it: SIGTERM, then SIGKILL after the grace period; `reason` becomes the node's message. */
  stop(reason: string): void;
  /**
   * Copies what the process wrote at its declared output paths to `<fsRoot>/<path>`, where the runner reads
   * outputs from, once it has exited. Missing paths are left missing.
   */
  collect(paths: readonly string[]): Promise<void>;
  /** Frees what the engine kept for the process (a stopped container); called once, after `collect`. */
  dispose(): Promise<void>;
  /**
   * Settles once the process runs, with the address other pods of the run reach it at (Argo's pod IP, for a
   * daemon's `{{steps.X.ip}}`), or undefined when it ended before it ran. Without it, the process is on this
   * machine's network: `127.0.0.1`.
   */
  address?(): Promise<string | undefined>;
}

/** Where a step ran, for the run report and the live view: the engine, the image and its digest. */
export interface StepPlacement {
  readonly engine: string;
  readonly image: string;
  /** The image's content digest (`sha256:…`), when the engine knows it. */
  readonly digest: string | undefined;
  /** What differs from a cluster, e.g. GPUs requested that this machine does not have. */
  readonly note?: string;
}

/**
 * Where a leaf's process runs: on this machine, or in a container engine. The scheduler only sees this seam;
 * a new engine is a new implementation of it.
 *
 * @example
 * ```ts
 * const step = await engine.start(launch);
 * const ended = await step.exited;
 * await step.collect(['/tmp/out.txt']);
 * await step.dispose();
 * ```
 */
export interface StepEngine {
  /** `host`, `podman` or `docker`: shown in the run report. */
  readonly name: string;
  /** Starts one process of a leaf; rejects when it cannot be started (the message says why). */
  start(launch: StepLaunch): Promise<StartedStep>;
  /** Where a template runs on this engine (engine, image, digest); undefined for this machine's processes. */
  placement?(template: Template): Promise<StepPlacement | undefined>;
}
