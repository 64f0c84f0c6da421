/**
 * The defaults of the pipeline layer, from the seed's practices. Each is overridden by one option (see options.ts).
 */

/** UID/GID of every container (seed: `USER 10001`). */
export const DEFAULT_UID = 10001;
/** CPU request of a stage. */
export const DEFAULT_CPU = '500m';
/** Memory request of a stage. */
export const DEFAULT_MEMORY = '512Mi';
/** Memory limit of a stage without a measured peak. */
export const DEFAULT_MEMORY_LIMIT = '1Gi';
/** Headroom of the memory limit over the measured peak (the seed says 20–30%). */
export const MEMORY_HEADROOM = 1.25;
/** Retries after the first attempt. */
export const DEFAULT_RETRY_LIMIT = 3;
/** First backoff, growth factor and cap. */
export const DEFAULT_BACKOFF = { duration: '30s', factor: 2, cap: '10m' } as const;
/** Deadline of one attempt of a stage, in seconds. */
export const DEFAULT_ACTIVE_DEADLINE_SECONDS = 7200;
/** SIGTERM → SIGKILL, in seconds: the runtime flushes its checkpoint within `SLUICE_GRACE_SECONDS` below it. */
export const DEFAULT_TERMINATION_GRACE_SECONDS = 60;
/** Seconds kept free between the runtime's flush deadline and the grace period's end. */
export const GRACE_MARGIN_SECONDS = 10;
/** Size of the emptyDir mounted at `/tmp` (scratch, outputs) under the read-only root filesystem. */
export const DEFAULT_SCRATCH_SIZE = '10Gi';
/** Size of the checkpoint claim a run owns (checkpoints are small JSON files, one per node and partition). */
export const DEFAULT_CHECKPOINT_SIZE = '1Gi';
/** Access modes of that claim: every pod of a run, on any node, reads and writes it at once. */
export const DEFAULT_CHECKPOINT_ACCESS_MODES = ['ReadWriteMany'] as const;
/** The GPU extended resource. */
export const DEFAULT_GPU_RESOURCE = 'nvidia.com/gpu';
/** The taint on GPU nodes. */
export const DEFAULT_GPU_TAINT = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' } as const;
/** The node label of the GPU pool. */
export const DEFAULT_GPU_NODE_LABEL = { key: 'sluice.dev/accelerator' } as const;
/** Cron defaults (seed: history limits 3 and 1; no overlapping runs). */
export const DEFAULT_SCHEDULE = {
  timezone: 'UTC',
  startingDeadlineSeconds: 3600,
  concurrencyPolicy: 'Forbid',
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 1,
} as const;
/** Where the stage protocol's directories live in a pod. */
export const PATHS = {
  tmp: '/tmp',
  outputs: '/tmp/sluice/outputs',
  artifacts: '/tmp/sluice/artifacts',
  scratch: '/tmp/sluice/scratch',
  checkpoints: '/var/sluice/checkpoints',
  data: '/var/sluice/data',
  secrets: '/var/run/secrets/sluice',
} as const;
/**
 * Label keys put on every object and pod. `workflow deploy --prune` deletes only objects whose `pipeline` label
 * names the pipeline.
 * @example
 * ```ts
 * import { createClient } from '@sluice/client';
 * import { LABELS } from '@sluice/sdk';
 *
 * const selector = `${LABELS.pipeline}=customer-features`;
 * const runs = await createClient({ server: 'https://argo.example.org:2746' }).workflows.list({ labelSelector: selector });
 * ```
 */
export const LABELS = {
  pipeline: 'sluice.dev/pipeline',
  stage: 'sluice.dev/stage',
  role: 'sluice.dev/role',
  managedBy: 'app.kubernetes.io/managed-by',
  partOf: 'app.kubernetes.io/part-of',
} as const;
/**
 * The annotation naming the module a stage runs, relative to the project directory (e.g. `stages/dedupe.ts`): the
 * file that calls `defineStage`. Tools that build or bundle stages read it; `workflow lint` checks the file exists.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, STAGE_MODULE_ANNOTATION } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const modules = etl.toObjects().flatMap((o) => JSON.stringify(o).match(new RegExp(`"${STAGE_MODULE_ANNOTATION}":"[^"]+"`, 'g')) ?? []);
 * ```
 */
export const STAGE_MODULE_ANNOTATION = 'sluice.dev/stage-module';
/**
 * The annotation telling the local runner how to start a stage on the developer's machine.
 * @example
 * ```ts
 * import { container, LOCAL_COMMAND_ANNOTATION } from '@sluice/sdk';
 *
 * const extract = container({
 *   name: 'extract',
 *   metadata: { annotations: { [LOCAL_COMMAND_ANNOTATION]: JSON.stringify(['node', '--import', 'tsx', 'stages/extract.ts']) } },
 *   container: { image: 'registry.example.com/data/etl:1.0.0', command: ['node', '/app/dist/stages/extract.js'] },
 * });
 * ```
 */
export const LOCAL_COMMAND_ANNOTATION = 'sluice.dev/local-command';
