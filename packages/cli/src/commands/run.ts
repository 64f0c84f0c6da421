import path from 'node:path';
import type { WorkflowStatus } from '@sluice/argo-types';
import {
  EngineUnavailableError,
  formatDuration,
  MissingImagesError,
  type RunResult,
  retryTimes,
  runWorkflow,
  UnrunnableTemplatesError,
  WorkflowInputError,
} from '@sluice/local';
import { printable } from '@sluice/runtime';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { loadManifests } from '../load-manifests.js';
import { projectDirOf } from '../stage-modules.js';
import { failedSteps, formatFailures, readableMessage, retryLine } from '../ui/failure-summary.js';
import { type ProgressView, progressView } from '../ui/progress-view.js';

/** `name=value` pairs into a record, naming the flag when one is malformed. */
function pairs(flag: string, list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} ${item}: expected NAME=VALUE`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: "${value}" is not a positive whole number`);
  return n;
}

/** `workflow run --local`: run a workflow on this machine with Argo's semantics. */
export default defineCommand({
  name: 'run',
  summary: 'run a workflow on this machine with Argo’s semantics (--local), with a live view and an HTML report',
  usage:
    'workflow run <entry.ts | file.yaml>… --local [-p name=value]… [--max-parallel N] [--max-nodes N] [--run-dir DIR] [--resume RUN] [--map-image IMAGE=CMD]… [--engine host|podman|docker] [--pull] [--output json]',
  description: `
Runs a workflow on this machine, with no cluster: DAG and steps order, depends and when, fan-out, parallelism,
retries by exit code, deadlines, exit handlers, parameter and artifact passing. Give a TypeScript entry (loaded
without a build step) or YAML files; WorkflowTemplates given alongside resolve templateRef. Before anything runs,
every template is checked: script templates run with the local interpreter their image names (python3, node,
bash, sh); container templates run when their image is mapped (--map-image) or they carry the
sluice.dev/local-command annotation (stages compiled by pipeline() do). With --engine podman or docker, container and
script templates run in their own image instead, as a cluster would run them: command, env, securityContext,
limits, volumeMounts, no network unless a NetworkPolicy given with the workflow opens egress; images must be on
this machine (workflow build makes the stage image) unless --pull is given. The run directory (.sluice/runs/<run-id>)
holds status.json, logs, outputs, metrics, lineage and report.html. Exit code 0 when the workflow succeeds, 1 when
it fails, 2 for bad input or templates that cannot run here.

  --local: run on this machine (required: to run on Argo, use workflow submit)
  --parameter: a workflow parameter, NAME=VALUE (repeatable)
  --max-parallel: most steps running at once (default: the number of CPU cores)
  --max-nodes: most nodes the run may have (default 50000); a loop that would go past it fails its task at once
  --run-dir: where run directories are created (default: .sluice/runs)
  --resume: re-run only what did not succeed in this earlier run (its id), reusing its outputs and checkpoints
  --map-image: run containers of IMAGE with the local command CMD, IMAGE=CMD (repeatable)
  --engine: where container and script templates run: host (default: local commands), podman or docker (their image)
  --pull: with --engine podman|docker, pull images missing on this machine (never done otherwise)
  --output: json for one JSON line per step change and a JSON summary; text otherwise
  --no-backoff: keep the retries but skip the back-off waits between them (for the edit-run loop)

Before each retry a line says when and why: "retrying extract in 30s (attempt 2 of 4, after: Error (exit code 1))".
A failed run ends with each failed step by name: its exit code, the reason, the last 20 lines of its log and the
log's path.
`,
  examples: [
    'workflow run pipeline.ts --local -p execution-date=2026-06-17',
    'workflow run etl.yaml templates.yaml --local --max-parallel 4 --map-image alpine:3.20=sh',
    'workflow run --local --resume customer-features-x7k2p',
    'workflow run pipeline.ts --local --engine podman',
  ],
  options: {
    local: { type: 'boolean' },
    parameter: { type: 'string', short: 'p', multiple: true },
    'max-parallel': { type: 'string' },
    'max-nodes': { type: 'string' },
    'run-dir': { type: 'string' },
    resume: { type: 'string' },
    'map-image': { type: 'string', multiple: true },
    engine: { type: 'string' },
    pull: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    'no-backoff': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (!values.local)
      throw new UsageError('only local runs are supported here: add --local (to run on Argo, use workflow submit)');
    const output = values.output ?? 'text';
    if (output !== 'text' && output !== 'json')
      throw new UsageError(`--output: unknown format "${output}"; use text or json`);
    if (positionals.length === 0 && values.resume === undefined)
      throw new UsageError('give the workflow to run: a .ts entry or YAML files');
    const maxParallel = positiveInt('--max-parallel', values['max-parallel']);
    const maxNodes = positiveInt('--max-nodes', values['max-nodes']);
    const parameters = pairs('-p', values.parameter);
    const imageMap = pairs('--map-image', values['map-image']);
    const engine = values.engine;
    if (engine !== undefined && engine !== 'host' && engine !== 'podman' && engine !== 'docker')
      throw new UsageError(`--engine: unknown engine "${engine}"; use host, podman or docker`);
    if (values.pull && (engine === undefined || engine === 'host'))
      throw new UsageError('--pull needs --engine podman or docker');
    let manifests: unknown[] = [];
    if (positionals.length > 0) {
      const loaded = await loadManifests(positionals, io.cwd, {}, io.env);
      if (loaded.problems.length > 0) {
        for (const p of loaded.problems) io.stderr.write(`${p.source}: ${p.message}\n`);
        return ExitCode.Usage;
      }
      manifests = loaded.manifests.map((m) => m.doc);
    }
    const write = (text: string) => void io.stdout.write(text);
    let view: ProgressView | undefined;
    let workflowName = '';
    const onStatus = (status: WorkflowStatus, changed: readonly string[]) => {
      if (view === undefined) {
        const root = Object.values(status.nodes ?? {})[0];
        workflowName = root?.name ?? 'workflow';
        view = progressView(io.stdout, workflowName, output === 'json' ? 'json' : 'text');
      }
      view.update(status, changed);
    };
    const stop = new AbortController();
    const onSignal = () => {
      if (stop.signal.aborted) process.exit(130);
      stop.abort('Stopped by the user (SIGINT)');
    };
    process.on('SIGINT', onSignal);
    let result: RunResult;
    try {
      result = await runWorkflow(manifests, {
        cwd: stageDirectory(positionals, io.cwd),
        runsDir: path.resolve(io.cwd, values['run-dir'] ?? path.join('.sluice', 'runs')),
        env: io.env,
        parameters,
        imageMap,
        engine,
        pull: values.pull === true,
        maxParallel,
        maxNodes,
        resume: values.resume,
        onStatus,
        onPlacement: (node, placement) => {
          const digest = placement.digest === undefined ? '' : `@${placement.digest.slice(0, 19)}`;
          if (output === 'json') write(`${JSON.stringify({ node: node.displayName, id: node.id, ...placement })}\n`);
          else
            write(
              `  ${node.displayName}: in ${placement.engine} ${placement.image}${digest}${placement.note ? ` (${placement.note})` : ''}\n`,
            );
        },
        // The run id first and last, so that two runs printing to one log can be told apart.
        onStart: ({ runId, runDir }) => {
          if (output === 'text') write(`run ${runId} started: ${path.relative(io.cwd, runDir) || '.'}\n`);
        },
        signal: stop.signal,
        noBackoff: values['no-backoff'] === true,
        onRetry: (wait) => {
          if (output === 'json')
            write(`${JSON.stringify({ time: new Date().toISOString(), type: 'RetryWait', ...wait })}\n`);
          else if (view !== undefined) view.note(retryLine(wait));
          else write(`${retryLine(wait)}\n`);
        },
      });
    } catch (error) {
      if (
        error instanceof UnrunnableTemplatesError ||
        error instanceof WorkflowInputError ||
        error instanceof MissingImagesError ||
        error instanceof EngineUnavailableError
      ) {
        io.stderr.write(`workflow run: ${error.message}\n`);
        return ExitCode.Usage;
      }
      throw error;
    } finally {
      process.off('SIGINT', onSignal);
    }
    view?.finish(result.status);
    for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
    const phase = result.status.phase ?? 'Error';
    const relative = (p: string) => path.relative(io.cwd, p) || '.';
    if (output === 'json') {
      write(
        `${JSON.stringify({
          runId: result.runId,
          runDir: result.runDir,
          phase,
          message: result.status.message,
          report: result.reportPath,
          progress: result.status.progress,
          retries: retryTimes(result.status, Date.now()),
        })}\n`,
      );
    } else {
      if (phase !== 'Succeeded') write(await formatFailures(result.status, result.runDir, io.cwd));
      for (const r of retryTimes(result.status, Date.now()))
        write(
          `retried ${r.step}: ${r.attempts} attempts ran ${formatDuration(r.runningMs / 1000)}, back-off waits ${formatDuration(r.waitingMs / 1000)}\n`,
        );
      // The last word names what failed by step name; a message without failed steps was already printed once
      // by the plain progress lines, so it is repeated only on a terminal.
      const readable = readableMessage(result.status);
      const named = failedSteps(result.status).length > 0 || io.stdout.isTTY === true;
      write(`\nrun ${result.runId} ${phase}${named && readable ? `: ${printable(readable)}` : ''}\n`);
      write(`run directory: ${relative(result.runDir)}\n`);
      if (result.reportPath) write(`report: ${relative(result.reportPath)}\n`);
      if (phase !== 'Succeeded')
        write(
          `re-run what failed: workflow run --local --resume ${result.runId}${values['run-dir'] ? ` --run-dir ${values['run-dir']}` : ''}\n`,
        );
    }
    return phase === 'Succeeded' ? ExitCode.Ok : ExitCode.Failed;
  },
});

/**
 * Where stage processes start. A TypeScript entry belongs to a project: its stages' local commands (`node --import
 * tsx stages/x.ts`) are relative to the project directory (the nearest one above the entry holding a package.json),
 * so they run there whatever directory `workflow run` is called from and whichever sub-folder the entry is in. YAML
 * manifests run in the caller's directory. Run directories stay under the caller's directory either way.
 */
function stageDirectory(positionals: readonly string[], cwd: string): string {
  const entry = positionals.find((p) => /\.[cm]?tsx?$/.test(p));
  return entry === undefined ? cwd : projectDirOf(path.resolve(cwd, entry));
}
