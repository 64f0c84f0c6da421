import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { CheckpointFile, checkpointFile } from './checkpoint.js';
import type { StageContext } from './context.js';
import type { ObjectSchema, Stage } from './define-stage.js';
import { type Environment, readEnvironment, type StageEnvironment } from './environment.js';
import { exitCodeFor, FatalError, RetriableError, StageExitCode } from './errors.js';
import { createLogger, type Logger, processRedactor, type Redactor } from './logger.js';
import { StageMetricsRegistry } from './metrics.js';
import { removeOutputs, validateOutputs, writeOutputs } from './outputs.js';
import { parseParamArgs, parseStageParams } from './params.js';
import { createSecretReader } from './secrets.js';
import { writeTerminationMessage } from './termination-message.js';

/**
 * Options of {@link runStage}; every field defaults to the real process.
 * @example
 * ```ts
 * import { defineStage, runStage, type RunStageOptions } from '@sluice/runtime';
 *
 * const lines: string[] = [];
 * const options: RunStageOptions = {
 *   argv: ['--param', 'execution-date=2026-06-17'],
 *   env: { SLUICE_SCRATCH_DIR: '/tmp/scratch' },
 *   handleSignals: false,
 *   writeLog: (line) => lines.push(line),
 * };
 * const code = await runStage(defineStage({ name: 'noop', run() {} }), options);
 * ```
 */
export interface RunStageOptions {
  /** Command-line arguments after the script (`--param k=v …`). Default: `process.argv.slice(2)`. */
  readonly argv?: readonly string[];
  /** Environment variables. Default: `process.env`. */
  readonly env?: Environment;
  /** Listen for SIGTERM and SIGINT (preemption, Ctrl-C). Default: true. */
  readonly handleSignals?: boolean;
  /** Where log lines go. Default: stderr. */
  readonly writeLog?: (line: string) => void;
}

type Outcome = { kind: 'done'; value: unknown } | { kind: 'failed'; error: unknown } | { kind: 'terminated' };

const sleep = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, ms)).unref());

/** Waits for `promise` until `deadline` (epoch ms); never rejects. */
async function until(promise: Promise<unknown>, deadline: number): Promise<void> {
  await Promise.race([promise.catch(() => undefined), sleep(deadline - Date.now())]);
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.name, message: error.message, stack: error.stack };
  return { error: typeof error, message: String(error) };
}

/** Credentials inside a URL (`http://user:pass@host`) are secrets too: no warning may print them. */
function registerUrlCredentials(url: string, redactor: Redactor): void {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') redactor.add(decodeURIComponent(parsed.password));
    if (parsed.username !== '' && parsed.password !== '') redactor.add(`${parsed.username}:${parsed.password}`);
  } catch {
    // readEnvironment has already rejected a URL that does not parse.
  }
}

/**
 * Logs a failure the way its class asks (known errors by message, anything unexpected with its stack) and writes
 * its message as the container's termination message.
 */
async function logFailure(
  log: Logger,
  error: unknown,
  code: StageExitCode,
  env: Environment,
  redactor: Redactor,
): Promise<void> {
  let message: string;
  if (error instanceof FatalError || error instanceof RetriableError) {
    message = error.message;
    log.error(message, { error: error.name, exitCode: code });
  } else {
    message = `unexpected exception: ${error instanceof Error ? error.message : String(error)}`;
    log.error(message, { ...describe(error), exitCode: code });
  }
  await writeTerminationMessage(env, redactor, message);
}

/**
 * Runs a stage as the stage protocol describes (docs/stage-protocol.md) and resolves with the exit code; the
 * process entry calls it and exits with that code. It parses `--param`s and the environment, runs the stage with
 * its context, writes validated outputs atomically, maintains the checkpoint and delivers metrics, and on SIGTERM
 * aborts `ctx.signal` and flushes the checkpoint and metrics within `SLUICE_GRACE_SECONDS`.
 * @example
 * ```ts
 * import { defineStage, runStage } from '@sluice/runtime';
 *
 * const stage = defineStage({ name: 'hello', run: (ctx) => ctx.log.info('hello', { date: ctx.executionDate }) });
 * process.exitCode = await runStage(stage, { argv: ['--param', 'execution-date=2026-06-17'] });
 * ```
 */
export async function runStage<P extends ObjectSchema, O extends ObjectSchema>(
  stage: Stage<string, P, O>,
  options: RunStageOptions = {},
): Promise<StageExitCode> {
  const startedAt = Date.now();
  const env = options.env ?? process.env;
  const redactor = processRedactor();
  let log = createLogger({ stage: stage.name }, redactor, options.writeLog);

  let config: StageEnvironment;
  let params: z.output<P>;
  let executionDate: string;
  try {
    config = readEnvironment(env, stage.name);
    ({ params, executionDate } = parseStageParams(
      stage.name,
      stage.params,
      parseParamArgs(options.argv ?? process.argv.slice(2)),
    ));
  } catch (error) {
    const code = exitCodeFor(error);
    await logFailure(log, error, code, env, redactor);
    return code;
  }

  log = createLogger(
    { stage: config.stage, executionDate, partition: config.partition.index, retry: config.retry },
    redactor,
    options.writeLog,
  );
  const checkpointPath = checkpointFile(config.checkpointDir, config.workflow, config.nodeName, config.partition.index);
  const checkpoint = new CheckpointFile(
    checkpointPath,
    { stage: config.stage, executionDate, partition: config.partition },
    log,
  );
  if (config.pushgatewayUrl !== undefined) registerUrlCredentials(config.pushgatewayUrl, redactor);
  const metrics = new StageMetricsRegistry(
    {
      pipeline: config.pipeline,
      stage: config.stage,
      partition: String(config.partition.index),
      execution_date: executionDate,
    },
    config.retry,
    { pushgatewayUrl: config.pushgatewayUrl, file: config.metricsFile, timeoutMs: config.metricsTimeoutSeconds * 1000 },
    log,
    startedAt,
    redactor,
  );

  const ownScratch = config.scratchDir === undefined;
  let scratch = config.scratchDir ?? '';
  const controller = new AbortController();
  let terminate: (signal: NodeJS.Signals) => void = () => undefined;
  const terminated = new Promise<NodeJS.Signals>((resolve) => {
    terminate = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => terminate(signal);
  const handleSignals = options.handleSignals ?? true;
  let timer: NodeJS.Timeout | undefined;

  try {
    try {
      await removeOutputs(config.outputsDir, stage.outputNames);
      if (ownScratch) scratch = await mkdtemp(join(tmpdir(), `sluice-${config.stage}-`));
      else await mkdir(scratch, { recursive: true });
      await mkdir(join(config.artifactsDir, 'outputs'), { recursive: true }).catch(() => undefined);
    } catch (error) {
      const wrapped = new RetriableError(
        `stage ${config.stage}: could not prepare its directories: ${error instanceof Error ? error.message : String(error)}`,
      );
      await logFailure(log, wrapped, StageExitCode.Retriable, env, redactor);
      return StageExitCode.Retriable;
    }

    const ctx: StageContext<z.output<P>> = Object.freeze({
      params,
      executionDate,
      pipeline: config.pipeline,
      stage: config.stage,
      workflow: Object.freeze({ ...config.workflow }),
      nodeName: config.nodeName,
      retry: config.retry,
      partition: Object.freeze({ ...config.partition }),
      paths: Object.freeze({
        outputs: config.outputsDir,
        artifactsIn: join(config.artifactsDir, 'inputs'),
        artifactsOut: join(config.artifactsDir, 'outputs'),
        scratch,
        checkpoint: dirname(checkpointPath),
      }),
      log,
      secret: createSecretReader(config.secretsDir, redactor),
      signal: controller.signal,
      checkpoint,
      metrics,
    });

    if (handleSignals) {
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }
    timer = setInterval(() => void metrics.deliver(), config.metricsIntervalSeconds * 1000);
    timer.unref();
    log.info('stage started', { workflow: config.workflow.name, node: config.nodeName });

    const running: Promise<Outcome> = Promise.resolve()
      .then(() => stage.run(ctx))
      .then(
        (value): Outcome => ({ kind: 'done', value }),
        (error: unknown): Outcome => ({ kind: 'failed', error }),
      );
    let outcome = await Promise.race([running, terminated.then((): Outcome => ({ kind: 'terminated' }))]);
    clearInterval(timer);

    if (outcome.kind === 'terminated') {
      const signal = await terminated;
      const deadline = Date.now() + config.graceSeconds * 1000;
      const reserve = Math.min(config.metricsTimeoutSeconds * 1000 + 500, (config.graceSeconds * 1000) / 2);
      log.warn(`received ${signal}: stopping, flushing the checkpoint and metrics within ${config.graceSeconds} s`);
      controller.abort(new RetriableError(`stage ${config.stage} was stopped by ${signal}`));
      // Give run() until the reserve to notice the abort and save; a run that still succeeds is a success.
      const settled = await Promise.race([running, sleep(deadline - reserve - Date.now())]);
      await until(checkpoint.flush(), deadline);
      if (settled !== 'timeout' && settled.kind === 'done') {
        outcome = settled;
      } else {
        await until(metrics.deliver({ success: false }), deadline);
        log.warn(`stopped by ${signal}; exiting 1 so the retry resumes from the checkpoint`, {
          checkpoint: checkpointPath,
          ms: Date.now() - startedAt,
        });
        return StageExitCode.Retriable;
      }
    }

    if (outcome.kind === 'failed') {
      const code = exitCodeFor(outcome.error);
      await logFailure(log, outcome.error, code, env, redactor);
      await checkpoint.flush();
      await metrics.deliver({ success: false });
      return code;
    }

    try {
      const outputs = validateOutputs(config.stage, stage.outputs, outcome.value);
      await writeOutputs(config.outputsDir, outputs as Record<string, unknown>);
      await checkpoint.clear();
    } catch (error) {
      const code = exitCodeFor(error);
      await logFailure(log, error, code, env, redactor);
      await metrics.deliver({ success: false });
      return code;
    }
    await metrics.deliver({ success: true });
    log.info('stage succeeded', { ms: Date.now() - startedAt });
    return StageExitCode.Success;
  } finally {
    if (timer) clearInterval(timer);
    if (handleSignals) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
    if (ownScratch && scratch) await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}
