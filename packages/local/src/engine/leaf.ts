import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Outputs, Template } from '@sluice/argo-types';
import { exists } from '../file-exists.js';
import type { LeafPlan } from '../preflight.js';
import type { RunLayout } from '../run-dir/layout.js';
import { recordProcess } from '../run-dir/process-journal.js';
import { archiveChoice, archivesLogs, storeArtifact, storeLog } from './artifact-archive.js';
import { checkProbe, waitUntilReady } from './daemon.js';
import { acquireAll, Limiter } from './limiter.js';
import type { PreparedStages } from './prepare-stages.js';
import type { ProcessResult } from './process.js';
import type { StepEngine, StepLaunch } from './step-engine.js';
import { readTerminationMessage } from './termination-message.js';

/** The outcome of one attempt of a leaf node. */
export interface AttemptResult {
  /** `Running` only for a daemon that became ready (see {@link AttemptInput.onDaemoned}). */
  readonly phase: 'Succeeded' | 'Failed' | 'Error' | 'Running';
  readonly exitCode: number;
  readonly message: string | undefined;
  readonly outputs: Outputs | undefined;
  /** The runner caused it (the command could not be started): not retried. */
  readonly internal?: boolean;
}

/** Everything one attempt needs. */
export interface AttemptInput {
  /** The template with every `{{…}}` substituted. */
  readonly template: Template;
  readonly plan: LeafPlan;
  readonly nodeId: string;
  readonly nodeName: string;
  /** Stable across retries and resumes: the checkpoint directory key. */
  readonly checkpointKey: string;
  readonly retry: number;
  readonly partition: { readonly index: number; readonly count: number } | undefined;
  /** Input parameters by name. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Input artifacts by name. */
  readonly artifacts: Readonly<Record<string, InputArtifact>>;
  /** The workflow's name, uid and `spec.archiveLogs`. */
  readonly workflow: { readonly name: string; readonly uid: string; readonly archiveLogs?: boolean };
  readonly layout: RunLayout;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly imageMap: Readonly<Record<string, string>>;
  /** Where the process runs. */
  readonly engine: StepEngine;
  /** The run's stage modules, bundled before it started: a `node --import tsx x.ts` command starts the bundle. */
  readonly stages?: PreparedStages;
  /** Held while a process (or handler) runs: the run's `maxParallel` and the workflow's `parallelism`. */
  readonly slots: readonly (Limiter | undefined)[];
  readonly signal: AbortSignal;
  readonly graceMs: number;
  /** Called when the work actually starts (after waiting for a slot). */
  readonly onRunning: () => void;
  /**
   * For a `daemon: true` template: told once the daemon is ready (its readiness probe passed, or it runs); the
   * attempt then returns phase `Running` and the daemon keeps running until `stop`.
   */
  readonly onDaemoned?: (daemon: ReadyDaemon) => void;
}

/** A daemon that became ready. */
export interface ReadyDaemon {
  /** Where other pods of the run reach it (`{{steps.X.ip}}`). */
  readonly ip: string;
  /** Stops it; `reason` is recorded as the way it ended. */
  stop(reason: string): void;
  /** Settles when it has ended (stopped, or by itself) and its container was freed. */
  readonly ended: Promise<ProcessResult>;
}

/** An input artifact: a local file or directory (an upstream output) to copy in, or raw data. */
export type InputArtifact = { readonly from: string } | { readonly raw: string };

/** Container paths that a node's files are mapped under, besides the ones it declares. */
const protocolRoot = '/tmp/sluice';

/**
 * Maps a node's container paths onto its own directory: every absolute path it declares (input and output
 * artifact paths, output parameter `valueFrom.path`) and the stage protocol's `/tmp/sluice` become
 * `<node dir>/fs/<path>`, and occurrences of them in the command, arguments, script source and environment
 * are rewritten — so parallel nodes never share `/tmp` files.
 */
export function pathMapper(template: Template, fsRoot: string): (text: string) => string {
  const declared = new Set<string>([protocolRoot]);
  for (const a of template.inputs?.artifacts ?? []) if (a.path?.startsWith('/')) declared.add(a.path);
  for (const a of template.outputs?.artifacts ?? []) if (a.path?.startsWith('/')) declared.add(a.path);
  for (const p of template.outputs?.parameters ?? []) {
    const file = p.valueFrom?.path;
    if (file?.startsWith('/')) declared.add(file);
  }
  // One pass, longest path first, whole path segments only: `/tmp/sluice` maps, `/tmp/sluice-other` does not.
  const sorted = [...declared].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\w.-])(${sorted.map(escapeRegex).join('|')})(?![\\w.-])`, 'g');
  return (text) => text.replace(pattern, (p) => path.join(fsRoot, p));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs one attempt of a leaf template and collects its outputs. */
export async function runAttempt(input: AttemptInput): Promise<AttemptResult> {
  const t = input.template;
  const nodeDir = input.layout.nodeDir(input.nodeId);
  const fsRoot = path.join(nodeDir, 'fs');
  const map = pathMapper(t, fsRoot);
  const outputsDir = map(`${protocolRoot}/outputs`);
  const artifactsDir = map(`${protocolRoot}/artifacts`);
  const scratch = path.join(nodeDir, 'scratch');
  if (input.plan.kind !== 'handler' || (t.inputs?.artifacts?.length ?? 0) > 0) {
    await Promise.all([
      mkdir(outputsDir, { recursive: true }),
      mkdir(scratch, { recursive: true }),
      mkdir(path.dirname(input.layout.nodeLog(input.nodeId)), { recursive: true }),
    ]);
  }
  for (const a of t.inputs?.artifacts ?? []) {
    const given = input.artifacts[a.name];
    if (given === undefined) continue;
    const to = a.path ? map(a.path) : path.join(artifactsDir, 'inputs', a.name);
    await mkdir(path.dirname(to), { recursive: true });
    if ('raw' in given) await writeFile(to, given.raw);
    else {
      try {
        await cp(given.from, to, { recursive: true });
      } catch {
        return {
          phase: 'Error',
          exitCode: -1,
          message: `input artifact '${a.name}': ${given.from} does not exist`,
          outputs: undefined,
        };
      }
    }
  }
  if (input.plan.kind === 'handler') {
    const release = await acquireAll(input.slots);
    try {
      input.onRunning();
      return await runHandler(input, input.plan.handler, nodeDir);
    } finally {
      release();
    }
  }
  const protocol: Record<string, string> = {
    SLUICE_WORKFLOW_NAME: input.workflow.name,
    SLUICE_WORKFLOW_UID: input.workflow.uid,
    SLUICE_NODE_NAME: input.nodeName,
    SLUICE_RETRY: String(input.retry),
    SLUICE_OUTPUTS_DIR: outputsDir,
    SLUICE_ARTIFACTS_DIR: artifactsDir,
    SLUICE_SCRATCH_DIR: scratch,
    SLUICE_CHECKPOINT_DIR: input.layout.checkpoints(input.checkpointKey),
    SLUICE_METRICS_FILE: path.join(nodeDir, 'metrics.prom'),
    SLUICE_LINEAGE_DIR: path.join(nodeDir, 'lineage'),
  };
  if (input.partition) {
    protocol.SLUICE_PARTITION_INDEX = String(input.partition.index);
    protocol.SLUICE_PARTITION_COUNT = String(input.partition.count);
  }
  await mkdir(protocol.SLUICE_CHECKPOINT_DIR as string, { recursive: true });
  let scriptFile: string | undefined;
  if (input.plan.kind === 'script') {
    scriptFile = path.join(nodeDir, 'script');
    await writeFile(scriptFile, map(t.script?.source ?? ''), { mode: 0o700 });
  }
  const logFile = input.layout.nodeLog(input.nodeId);
  const partitions =
    input.plan.kind === 'indexed-job'
      ? Array.from({ length: input.plan.completions }, (_, i) => ({
          index: i,
          count: input.plan.kind === 'indexed-job' ? input.plan.completions : 1,
        }))
      : [undefined];
  // An Indexed Job runs at most its own `parallelism` partitions at once, within the run's limits.
  const jobSlots = input.plan.kind === 'indexed-job' ? [new Limiter(Math.max(1, input.plan.parallelism))] : [];
  let stdout = '';
  let daemonIp: string | undefined;
  let failure: AttemptResult | undefined;
  let started = false;
  let startError: Error | undefined;
  await Promise.all(
    partitions.map(async (partition) => {
      const release = await acquireAll([...jobSlots, ...input.slots]);
      try {
        if (failure !== undefined || startError !== undefined) return;
        if (input.signal.aborted) {
          failure = { phase: 'Failed', exitCode: -1, message: String(input.signal.reason), outputs: undefined };
          return;
        }
        if (!started) {
          started = true;
          input.onRunning();
        }
        const terminationLog = path.join(nodeDir, partition ? `termination-log-${partition.index}` : 'termination-log');
        await rm(terminationLog, { force: true });
        const penv: Record<string, string> = partition
          ? {
              ...protocol,
              JOB_COMPLETION_INDEX: String(partition.index),
              SLUICE_PARTITION_INDEX: String(partition.index),
              SLUICE_PARTITION_COUNT: String(partition.count),
            }
          : { ...protocol };
        penv.SLUICE_TERMINATION_LOG = terminationLog;
        let outcome: ProcessResult | { readonly daemonIp: string };
        try {
          outcome = await runStarted(
            input.engine,
            {
              template: t,
              plan: input.plan,
              nodeId: input.nodeId,
              nodeDir,
              fsRoot,
              map,
              protocol: penv,
              scriptFile,
              terminationLog,
              logFile,
              cwd: input.cwd,
              env: input.env,
              imageMap: input.imageMap,
              stages: input.stages,
              graceMs: input.graceMs,
              onProcessStart: (pid) => recordProcess(input.layout.processes, pid),
            },
            input.signal,
            outputPaths(t),
            t.daemon === true && partition === undefined ? input.onDaemoned : undefined,
          );
        } catch (error) {
          startError ??= error as Error;
          return;
        }
        if ('daemonIp' in outcome) {
          daemonIp = outcome.daemonIp;
          return;
        }
        const result = outcome;
        stdout += result.stdout;
        if (result.spawnError !== undefined)
          failure ??= { phase: 'Error', exitCode: -1, message: result.spawnError, outputs: undefined, internal: true };
        else if (result.startupError !== undefined) {
          // The program never loaded: exit 2 (fatal, as in the stage protocol) and never retried.
          failure ??= {
            phase: 'Failed',
            exitCode: 2,
            message: `stage ${input.template.name ?? input.nodeName} could not start (fatal, not retried): ${result.startupError}`,
            outputs: { exitCode: '2' },
            internal: true,
          };
        } else if (result.killedBecause !== undefined) {
          failure ??= {
            phase: 'Failed',
            exitCode: result.exitCode,
            message: result.killedBecause,
            outputs: { exitCode: String(result.exitCode) },
          };
        } else if (result.exitCode !== 0) {
          const where = partition ? ` in partition ${partition.index}` : '';
          const reason = await readTerminationMessage(terminationLog);
          failure ??= {
            phase: 'Failed',
            exitCode: result.exitCode,
            message: `Error (exit code ${result.exitCode})${where}${reason === '' ? '' : `: ${reason}`}`,
            outputs: { exitCode: String(result.exitCode) },
          };
        }
      } finally {
        release();
      }
    }),
  );
  if (startError !== undefined) throw startError;
  if (daemonIp !== undefined) return { phase: 'Running', exitCode: 0, message: undefined, outputs: undefined };
  if (failure?.phase === 'Failed') {
    // As Argo's wait container does, a failed step still reports what it can: result, exit code, and the output
    // parameters that were written or have a default (for exit hooks and `continueOn`).
    return { ...failure, outputs: await partialOutputs(input, map, stdout.trimEnd(), failure.exitCode) };
  }
  if (failure !== undefined) return failure;
  return collectOutputs(input, map, stdout.trimEnd(), 0);
}

/**
 * Where a node's outputs are kept in the run's local artifact repository: Argo's default key
 * `<workflow name>/<pod name>` under `<run dir>/artifact-repository`.
 */
function repositoryKey(input: AttemptInput): string {
  return path.join(input.layout.dir, 'artifact-repository', input.workflow.name, input.nodeId);
}

/** The container paths a template's outputs are read from. */
function outputPaths(t: Template): string[] {
  const paths = [
    ...(t.outputs?.parameters ?? []).flatMap((p) => (p.valueFrom?.path ? [p.valueFrom.path] : [])),
    ...(t.outputs?.artifacts ?? []).flatMap((a) => (a.path ? [a.path] : [])),
  ];
  return [...new Set(paths)];
}

/**
 * Starts a process on the engine, stops it when `signal` aborts, waits for it to end, collects the files at the
 * output paths, and frees it. A daemon (`onDaemoned` given) is handed over once ready instead: it goes on running,
 * and this returns its address.
 */
async function runStarted(
  engine: StepEngine,
  launch: StepLaunch,
  signal: AbortSignal,
  paths: readonly string[],
  onDaemoned: ((daemon: ReadyDaemon) => void) | undefined,
): Promise<ProcessResult | { readonly daemonIp: string }> {
  if (onDaemoned !== undefined) checkProbe(launch.template);
  const step = await engine.start(launch);
  const stop = () => step.stop(String(signal.reason ?? 'stopped'));
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  const finish = async (): Promise<ProcessResult> => {
    try {
      const result = await step.exited;
      await step.collect(paths);
      return result;
    } finally {
      signal.removeEventListener('abort', stop);
      await step.dispose();
    }
  };
  if (onDaemoned !== undefined) {
    let ip: string | undefined;
    try {
      ip = step.address === undefined ? '127.0.0.1' : await step.address();
    } catch (error) {
      step.stop((error as Error).message);
      await finish();
      throw error;
    }
    // Ended before it ran: an ordinary attempt that failed or succeeded.
    if (ip === undefined) return finish();
    const readiness = await waitUntilReady(launch.template, ip, step.exited);
    if (readiness.ready) {
      onDaemoned({ ip, stop: (reason) => step.stop(reason), ended: finish() });
      return { daemonIp: ip };
    }
  }
  return finish();
}

async function partialOutputs(
  input: AttemptInput,
  map: (s: string) => string,
  result: string,
  exitCode: number,
): Promise<Outputs> {
  const parameters: { name: string; value: string }[] = [];
  for (const p of input.template.outputs?.parameters ?? []) {
    let value = p.value;
    if (value === undefined && p.valueFrom?.path !== undefined) {
      value = await readFile(map(p.valueFrom.path), 'utf8').then(
        (text) => text.replace(/\n+$/, ''),
        () => undefined,
      );
    }
    value ??= p.valueFrom?.default;
    if (value !== undefined) parameters.push({ name: p.name, value });
  }
  return { exitCode: String(exitCode), result, ...(parameters.length > 0 ? { parameters } : {}) };
}

async function runHandler(
  input: AttemptInput,
  handler: import('../types.js').InProcessHandler,
  workDir: string,
): Promise<AttemptResult> {
  try {
    const result = await handler({
      parameters: input.parameters,
      template: input.template.name ?? '',
      nodeName: input.nodeName,
      retry: input.retry,
      partition: input.partition,
      signal: input.signal,
      workDir,
    });
    const parameters = (input.template.outputs?.parameters ?? []).map((p) => {
      const value = result?.outputs?.[p.name] ?? p.value ?? p.valueFrom?.default;
      if (value === undefined) throw new Error(`in-process handler gave no output parameter "${p.name}"`);
      return { name: p.name, value };
    });
    const outputs: Outputs = {
      exitCode: '0',
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(result?.result !== undefined ? { result: result.result } : {}),
    };
    return { phase: 'Succeeded', exitCode: 0, message: undefined, outputs };
  } catch (error) {
    const code = (error as { exitCode?: unknown }).exitCode;
    const exitCode = typeof code === 'number' ? code : 1;
    return {
      phase: 'Failed',
      exitCode,
      message: `${(error as Error).message} (exit code ${exitCode})`,
      outputs: { exitCode: String(exitCode) },
    };
  }
}

async function collectOutputs(
  input: AttemptInput,
  map: (s: string) => string,
  result: string,
  exitCode: number,
): Promise<AttemptResult> {
  const t = input.template;
  const parameters: { name: string; value: string }[] = [];
  try {
    for (const p of t.outputs?.parameters ?? []) {
      if (p.value !== undefined) {
        parameters.push({ name: p.name, value: p.value });
        continue;
      }
      const file = p.valueFrom?.path;
      if (file === undefined) {
        if (p.valueFrom?.default !== undefined) parameters.push({ name: p.name, value: p.valueFrom.default });
        continue;
      }
      try {
        parameters.push({ name: p.name, value: (await readFile(map(file), 'utf8')).replace(/\n+$/, '') });
      } catch {
        if (p.valueFrom?.default === undefined) {
          throw new Error(`failed to read output parameter '${p.name}' from ${file}: no such file`);
        }
        parameters.push({ name: p.name, value: p.valueFrom.default });
      }
    }
    const artifacts: { name: string; path: string }[] = [];
    for (const a of t.outputs?.artifacts ?? []) {
      const from = a.path ? map(a.path) : undefined;
      if (from === undefined || !(await exists(from))) {
        if (a.optional) continue;
        throw new Error(`output artifact '${a.name}': ${a.path ?? '(no path)'} was not written`);
      }
      const to = input.layout.artifact(input.nodeId, a.name);
      await mkdir(path.dirname(to), { recursive: true });
      await cp(from, to, { recursive: true });
      await storeArtifact(repositoryKey(input), a.name, from, archiveChoice(t, a));
      artifacts.push({ name: a.name, path: to });
    }
    if (archivesLogs(t, input.workflow.archiveLogs) && (await exists(input.layout.nodeLog(input.nodeId)))) {
      artifacts.push({
        name: 'main-logs',
        path: await storeLog(repositoryKey(input), input.layout.nodeLog(input.nodeId)),
      });
    }
    const outputs: Outputs = {
      exitCode: String(exitCode),
      result,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(artifacts.length > 0 ? { artifacts } : {}),
    };
    return { phase: 'Succeeded', exitCode, message: undefined, outputs };
  } catch (error) {
    return { phase: 'Error', exitCode, message: (error as Error).message, outputs: { exitCode: String(exitCode) } };
  }
}
