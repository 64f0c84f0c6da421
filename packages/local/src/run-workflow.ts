import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import { parseYamlDocuments, toYaml } from '@sluice/sdk';
import { ResumeCache } from './engine/cache.js';
import { ContainerStepEngine } from './engine/container/container-engine.js';
import { discoverEngine } from './engine/container/discover.js';
import { ensureImages, imagesOf, probeStart } from './engine/container/images.js';
import { egressAllowList } from './engine/container/network.js';
import { createPodNetwork } from './engine/container/pod-network.js';
import { trainStandIns } from './engine/container/train-stand-in.js';
import { DaemonScopes } from './engine/daemon.js';
import { Executor } from './engine/executor.js';
import { hostEngine } from './engine/host-engine.js';
import { prepareStages } from './engine/prepare-stages.js';
import { defaultMaxNodes, now, StatusStore } from './engine/status-store.js';
import type { StepPlacement } from './engine/step-engine.js';
import { mergeExpositions, pushMetrics, runMetrics, stageMetrics } from './metrics.js';
import { preflight } from './preflight.js';
import { renderReport } from './report/render-report.js';
import { stageCounts } from './report/stage-counts.js';
import { writeFileAtomic } from './run-dir/atomic.js';
import { confine, PathEscapeError } from './run-dir/confine.js';
import { runLayout } from './run-dir/layout.js';
import { collectLineage } from './run-dir/lineage.js';
import { endOrphans } from './run-dir/process-journal.js';
import { acquireRunLock, type RunLock } from './run-dir/run-lock.js';
import type { RunOptions, RunResult } from './types.js';
import { resolveWorkflowSet, WorkflowInputError } from './workflow-set.js';

/** What `run.json` keeps for `--resume`. */
interface SavedRun {
  readonly name: string;
  /** Kept so that checkpoints (keyed by workflow uid) are found again on resume. */
  readonly uid: string;
  readonly parameters: Record<string, string>;
  readonly imageMap: Record<string, string>;
  /** The stages' working directory, so a resumed run starts them where the first run did. */
  readonly cwd?: string;
  /** Where leaves ran, so a resumed run runs them the same way. */
  readonly engine?: 'host' | 'podman' | 'docker';
}

/**
 * The default run directory root: `<cwd>/.sluice/runs`.
 * @example
 * ```ts
 * import { defaultRunsDir } from '@sluice/local';
 *
 * defaultRunsDir('/home/me/etl'); // '/home/me/etl/.sluice/runs'
 * ```
 */
export function defaultRunsDir(cwd: string): string {
  return path.join(cwd, '.sluice', 'runs');
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 7);
}

/**
 * Creates a new run directory: `wanted`, or `wanted-<random>` when that exists. `mkdir` without `recursive`
 * fails when the directory exists, so two runs started at once never share one.
 */
async function createRunDirectory(wanted: string): Promise<string> {
  await mkdir(path.dirname(wanted), { recursive: true });
  for (let dir = wanted; ; dir = `${wanted}-${randomSuffix()}`) {
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A run directory inside `runsDir`, or an input error (exit code 2) naming the value that would escape it. */
function confined(runsDir: string, what: string, name: string): string {
  try {
    return confine(runsDir, what, [name]);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new WorkflowInputError(error.message);
    throw error;
  }
}

/**
 * Runs a workflow on this machine with Argo's semantics and writes its run directory
 * (`.sluice/runs/<run-id>/`: `status.json`, logs, outputs, `workflow.yaml`, `metrics.prom`, `lineage.jsonl`,
 * `report.html`).
 *
 * Everything the workflow can reach is checked first: if any template cannot run here, nothing runs and an
 * {@link UnrunnableTemplatesError} lists each one with how to map it. Bad input (no workflow, a missing
 * `templateRef`, an unknown `-p`) throws {@link WorkflowInputError}. A workflow that fails does not throw: look at
 * `result.status.phase`.
 *
 * @param manifests plain Argo manifests: a Workflow (or one WorkflowTemplate with an entrypoint) and the
 *   (Cluster)WorkflowTemplates it refers to — what `toObject()` of the builders or `parseYamlDocuments` give.
 *   May be empty with `resume`, to re-run the manifests saved in the run directory.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { runWorkflow } from '@sluice/local';
 * import { parseYamlDocuments } from '@sluice/sdk';
 *
 * const docs = parseYamlDocuments(fs.readFileSync('etl.yaml', 'utf8'), 'etl.yaml');
 * const run = await runWorkflow(docs, { parameters: { day: '2026-06-17' }, maxParallel: 4 });
 * console.log(run.status.phase, run.reportPath);
 * ```
 */
export async function runWorkflow(manifests: readonly unknown[], options: RunOptions = {}): Promise<RunResult> {
  const held: { lock?: RunLock } = {};
  try {
    return await runInDirectory(manifests, options, held);
  } finally {
    held.lock?.release();
  }
}

/** {@link runWorkflow}, taking the run directory's lock into `held` as soon as the directory is known. */
async function runInDirectory(
  manifests: readonly unknown[],
  options: RunOptions,
  held: { lock?: RunLock },
): Promise<RunResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const runsDir = path.resolve(cwd, options.runsDir ?? defaultRunsDir(cwd));
  const env = options.env ?? process.env;
  let saved: SavedRun | undefined;
  let runDir: string | undefined;
  let input = manifests;
  if (options.resume !== undefined) {
    const given =
      existsSync(path.resolve(cwd, options.resume)) && options.resume.includes(path.sep)
        ? path.resolve(cwd, options.resume)
        : path.resolve(runsDir, options.resume);
    runDir = confined(runsDir, `--resume ${options.resume}`, path.relative(runsDir, given));
    const layout = runLayout(runDir);
    try {
      saved = JSON.parse(await readFile(layout.options, 'utf8')) as SavedRun;
    } catch {
      throw new WorkflowInputError(`--resume ${options.resume}: no run there (${layout.options} is missing)`);
    }
    // Before anything of the earlier run is read for reuse: a runner still working there is refused, a dead one's
    // lock is taken over and the step processes it left running are ended.
    held.lock = acquireRunLock(runDir);
    endOrphans(layout.processes, runDir);
    if (input.length === 0) {
      input = parseYamlDocuments(await readFile(layout.workflow, 'utf8'), layout.workflow);
    }
  }
  const parameters = { ...saved?.parameters, ...options.parameters };
  const imageMap = { ...saved?.imageMap, ...options.imageMap };
  const set = resolveWorkflowSet(input, parameters, saved ? { name: saved.name } : {});
  const workDir = saved?.cwd ?? cwd;
  const engineName = options.engine ?? saved?.engine ?? 'host';
  const planOptions = {
    imageMap,
    handlers: options.handlers ?? {},
    env,
    cwd: workDir,
    containers: engineName !== 'host',
  };
  const plans = preflight(set, planOptions);
  const engineInfo = engineName === 'host' ? undefined : await discoverEngine(engineName, env);
  // A train stage whose trainer image is not here runs its local stand-in on the host (its stage is bundled below).
  if (engineInfo !== undefined) await trainStandIns(engineInfo, plans, options.pull === true);
  // Stage modules are bundled once, before anything runs: a stage that cannot be bundled stops the run here.
  const stages = await prepareStages(
    [...plans].filter(([, plan]) => plan.kind !== 'image').map(([t]) => t),
    workDir,
  );
  // Before anything is written: the engine answers, can start a container, and has every image.
  if (engineInfo !== undefined) {
    const images = imagesOf(plans);
    await ensureImages(engineInfo, images, options.pull === true);
    if (images[0] !== undefined) await probeStart(engineInfo, images[0]);
  }
  if (runDir === undefined) {
    runDir = await createRunDirectory(confined(runsDir, `metadata.name "${set.name}"`, set.name));
    held.lock = acquireRunLock(runDir);
  }
  const layout = runLayout(runDir);
  const uid = saved?.uid ?? randomUUID();
  const savedRun: SavedRun = { name: set.name, uid, parameters, imageMap, cwd: workDir, engine: engineName };
  await Promise.all([
    writeFileAtomic(layout.options, `${JSON.stringify(savedRun, null, 2)}\n`),
    writeFileAtomic(layout.workflow, toYaml(set.manifests)),
  ]);
  options.onStart?.({ runId: path.basename(layout.dir), runDir: layout.dir });
  const store = new StatusStore(set.name, layout.status, undefined, options.maxNodes ?? defaultMaxNodes);
  const unsubscribe = options.onStatus ? store.subscribe(options.onStatus) : undefined;
  const cache = await ResumeCache.open(layout.cache, saved !== undefined);
  const stop = new AbortController();
  const onCallerAbort = () => stop.abort(String(options.signal?.reason ?? 'Stopped by the caller'));
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  let deadline: NodeJS.Timeout | undefined;
  if (set.spec.activeDeadlineSeconds !== undefined) {
    deadline = setTimeout(() => stop.abort('Step exceeded its deadline'), set.spec.activeDeadlineSeconds * 1000);
  }
  const placements = new Map<string, StepPlacement>();
  // Daemons in containers reach and are reached over the run's own network (a cluster's pod network).
  const hasDaemons = [...plans.keys()].some((t) => t.daemon === true);
  const podNetwork = engineInfo !== undefined && hasDaemons ? await createPodNetwork(engineInfo, set.name) : undefined;
  const daemons = new DaemonScopes();
  const base = {
    set,
    plans,
    planOptions,
    store,
    layout,
    cache,
    uid,
    cwd: workDir,
    env,
    imageMap,
    engine:
      engineInfo === undefined
        ? hostEngine
        : new ContainerStepEngine(engineInfo, {
            runDir: layout.dir,
            volumes: set.spec.volumes ?? [],
            claimTemplates: (set.spec.volumeClaimTemplates ?? []).flatMap((c) =>
              c.metadata?.name ? [c.metadata.name] : [],
            ),
            secretsDir: env.SLUICE_SECRETS_DIR,
            egress: egressAllowList(input, {
              ...(set.spec.podMetadata?.labels ?? {}),
            }),
            ...(podNetwork === undefined ? {} : { podNetwork: podNetwork.name }),
          }),
    stages,
    maxParallel: Math.max(1, options.maxParallel ?? os.availableParallelism()),
    graceMs: options.killGraceMs ?? 2000,
    globalOutputs: new Map<string, string>(),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    ...(options.noBackoff === undefined ? {} : { noBackoff: options.noBackoff }),
    placements,
    onPlacement: options.onPlacement,
    daemons,
  };
  const executor = new Executor({ ...base, stop: stop.signal });
  const hooks: Promise<NodeStatus>[] = [];
  const hasHooks = Object.keys(set.spec.hooks ?? {}).some((k) => k !== 'exit');
  const unhook = hasHooks ? store.subscribe(() => hooks.push(...executor.checkWorkflowHooks('Running'))) : undefined;
  hooks.push(...executor.checkWorkflowHooks('Running'));
  const main = await executor.runMain();
  if (deadline) clearTimeout(deadline);
  unhook?.();
  let phase: 'Succeeded' | 'Failed' | 'Error' =
    main.phase === 'Succeeded' ? 'Succeeded' : main.phase === 'Error' ? 'Error' : 'Failed';
  let message = stop.signal.aborted ? String(stop.signal.reason) : phase === 'Succeeded' ? undefined : main.message;
  hooks.push(...executor.checkWorkflowHooks(phase));
  const exitHook = set.spec.onExit ?? set.spec.hooks?.exit;
  if (exitHook !== undefined) {
    const failures = (Object.values(store.status.nodes) as NodeStatus[])
      .filter((n) => n.type === 'Pod' && (n.phase === 'Failed' || n.phase === 'Error'))
      .map((n) => ({
        displayName: n.displayName,
        message: n.message,
        templateName: n.templateName,
        phase: n.phase,
        podName: n.id,
        finishedAt: n.finishedAt,
      }));
    const exitStop = new AbortController();
    const onAbort = () => exitStop.abort(String(options.signal?.reason ?? 'Stopped by the caller'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const workflowExtras = new Map([
      ['workflow.status', phase],
      ['workflow.failures', JSON.stringify(failures)],
    ]);
    const exitExecutor = new Executor({ ...base, stop: exitStop.signal, workflowExtras });
    const exitNode = await exitExecutor.runExitHandler(exitHook);
    options.signal?.removeEventListener('abort', onAbort);
    if (exitNode.phase !== 'Succeeded' && phase === 'Succeeded') {
      phase = 'Failed';
      message = `exit handler failed: ${exitNode.message ?? exitNode.phase}`;
    }
  }
  await Promise.all(hooks);
  await daemons.stopAll();
  await podNetwork?.remove();
  options.signal?.removeEventListener('abort', onCallerAbort);
  const pods = (Object.values(store.status.nodes) as NodeStatus[]).filter((n) => n.type === 'Pod');
  const globals = [...base.globalOutputs].filter(([k]) => k.startsWith('workflow.outputs.parameters.'));
  store.setWorkflow({
    ...(globals.length > 0
      ? {
          outputs: {
            parameters: globals.map(([k, value]) => ({ name: k.slice('workflow.outputs.parameters.'.length), value })),
          },
        }
      : {}),
    phase,
    finishedAt: now(),
    progress: `${pods.filter((n) => n.phase === 'Succeeded').length}/${pods.length}`,
    ...(message ? { message } : {}),
  });
  unsubscribe?.();
  await store.flush();
  return finishRun(set.name, layout, store.status, env, options.report ?? true, Object.fromEntries(placements));
}

/** Writes lineage, metrics (and pushes them) and the report of a finished run. */
async function finishRun(
  name: string,
  layout: ReturnType<typeof runLayout>,
  status: WorkflowStatus,
  env: NodeJS.ProcessEnv,
  report: boolean,
  placements: Readonly<Record<string, StepPlacement>>,
): Promise<RunResult> {
  const warnings: string[] = [];
  const nodesDir = path.join(layout.dir, 'nodes');
  const ids = Object.keys(status.nodes ?? {});
  const [stage] = await Promise.all([stageMetrics(nodesDir, ids), collectLineage(nodesDir, layout.lineage)]);
  const text = mergeExpositions([runMetrics(name, status), ...stage.values()]);
  await writeFileAtomic(layout.metrics, text);
  const pushgateway = env.PUSHGATEWAY_URL;
  if (pushgateway) {
    try {
      await pushMetrics(pushgateway, name, text);
    } catch (error) {
      warnings.push(`metrics were not pushed: ${(error as Error).message}`);
    }
  }
  let reportPath: string | undefined;
  if (report) {
    const counts = stageCounts(Object.values(status.nodes ?? {}) as NodeStatus[], stage);
    await writeFileAtomic(
      layout.report,
      renderReport({
        workflow: name,
        status,
        counts,
        generatedAt: now(),
        placements,
      }),
    );
    reportPath = layout.report;
  }
  return {
    runId: path.basename(layout.dir),
    runDir: layout.dir,
    status: structuredClone(status),
    reportPath,
    warnings,
    placements,
  };
}
