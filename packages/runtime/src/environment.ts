import { dirname, join, resolve } from 'node:path';
import { FatalError } from './errors.js';

/**
 * The process environment, as the runtime reads it (see docs/stage-protocol.md).
 * @example
 * ```ts
 * import { defineStage, type Environment, runStage } from '@sluice/runtime';
 *
 * const env: Environment = { SLUICE_PIPELINE: 'customer-features', SLUICE_SCRATCH_DIR: '/tmp/scratch' };
 * const stage = defineStage({ name: 'noop', run() {} });
 * const code = await runStage(stage, { argv: ['--param', 'execution-date=2026-06-17'], env, handleSignals: false });
 * ```
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Everything the runtime takes from the environment, resolved and checked. */
export interface StageEnvironment {
  readonly pipeline: string;
  readonly stage: string;
  readonly workflow: { readonly name: string; readonly uid: string };
  readonly nodeName: string;
  readonly retry: number;
  readonly partition: { readonly index: number; readonly count: number };
  readonly outputsDir: string;
  readonly artifactsDir: string;
  /** `undefined`: the runtime makes a temporary directory and removes it at the end. */
  readonly scratchDir: string | undefined;
  readonly checkpointDir: string;
  readonly secretsDir: string;
  readonly graceSeconds: number;
  readonly pushgatewayUrl: string | undefined;
  readonly metricsFile: string;
  readonly metricsIntervalSeconds: number;
  readonly metricsTimeoutSeconds: number;
}

function text(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Environment, names: readonly string[], fallback: number, min: number): number {
  for (const name of names) {
    const value = text(env, name);
    if (value === undefined) continue;
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new FatalError(`environment variable ${name}="${value}" is invalid: expected an integer ≥ ${min}`);
    return Number(value);
  }
  return fallback;
}

function seconds(env: Environment, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(parsed > 0))
    throw new FatalError(`environment variable ${name}="${value}" is invalid: expected a number of seconds > 0`);
  return parsed;
}

function url(env: Environment, name: string): string | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new FatalError(
      `environment variable ${name}="${value}" is invalid: expected an http(s) URL such as http://pushgateway:9091`,
    );
  }
  return value;
}

/**
 * Reads the stage protocol's environment variables, applying the documented defaults.
 * Throws a {@link FatalError} naming the variable when one is malformed.
 */
export function readEnvironment(env: Environment, stageName: string): StageEnvironment {
  const outputsDir = resolve(text(env, 'SLUICE_OUTPUTS_DIR') ?? '/tmp/sluice/outputs');
  const stage = text(env, 'SLUICE_STAGE') ?? stageName;
  const count = integer(env, ['SLUICE_PARTITION_COUNT'], 1, 1);
  const index = integer(env, ['SLUICE_PARTITION_INDEX', 'JOB_COMPLETION_INDEX'], 0, 0);
  if (index >= count)
    throw new FatalError(
      `partition index ${index} is out of range for SLUICE_PARTITION_COUNT=${count}: expected 0 … ${count - 1}`,
    );
  const scratch = text(env, 'SLUICE_SCRATCH_DIR');
  return {
    pipeline: text(env, 'SLUICE_PIPELINE') ?? 'local',
    stage,
    workflow: {
      name: text(env, 'SLUICE_WORKFLOW_NAME') ?? text(env, 'ARGO_WORKFLOW_NAME') ?? 'local',
      uid: text(env, 'SLUICE_WORKFLOW_UID') ?? text(env, 'ARGO_WORKFLOW_UID') ?? 'local',
    },
    nodeName: text(env, 'SLUICE_NODE_NAME') ?? stage,
    retry: integer(env, ['SLUICE_RETRY'], 0, 0),
    partition: { index, count },
    outputsDir,
    artifactsDir: resolve(text(env, 'SLUICE_ARTIFACTS_DIR') ?? '/tmp/sluice/artifacts'),
    scratchDir: scratch === undefined ? undefined : resolve(scratch),
    checkpointDir: resolve(text(env, 'SLUICE_CHECKPOINT_DIR') ?? '.sluice/checkpoints'),
    secretsDir: resolve(text(env, 'SLUICE_SECRETS_DIR') ?? '/var/run/secrets/sluice'),
    graceSeconds: seconds(env, 'SLUICE_GRACE_SECONDS', 20),
    pushgatewayUrl: url(env, 'PUSHGATEWAY_URL'),
    metricsFile: resolve(text(env, 'SLUICE_METRICS_FILE') ?? join(dirname(outputsDir), 'metrics.prom')),
    metricsIntervalSeconds: seconds(env, 'SLUICE_METRICS_INTERVAL_SECONDS', 30),
    metricsTimeoutSeconds: seconds(env, 'SLUICE_METRICS_TIMEOUT_SECONDS', 2),
  };
}
