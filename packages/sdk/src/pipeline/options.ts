/**
 * The options of `pipeline()` and of its stage methods. Every default that the seed's practices call for is
 * listed here with the one option that overrides it (see docs/pipeline.md for the table).
 */

/**
 * When and how the pipeline runs on a schedule (compiled to a `CronWorkflow`).
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type ScheduleOptions } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const nightly: ScheduleOptions = { cron: '0 2 * * *', timezone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' };
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data', schedule: nightly })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * ```
 */
export interface ScheduleOptions {
  /** A 5-field cron expression or an `@daily`-style macro. */
  readonly cron: string;
  /** IANA time zone of the schedule. Default `'UTC'`. */
  readonly timezone?: string;
  /** Seconds after a missed schedule during which the run may still start. Default `3600`. */
  readonly startingDeadlineSeconds?: number;
  /** What to do when the previous run is still going. Default `'Forbid'`. */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** Completed runs kept. Default `3`. */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed runs kept. Default `1`. */
  readonly failedJobsHistoryLimit?: number;
}

/**
 * The retry policy of a stage.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type RetryOptions } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const patient: RetryOptions = { limit: 5, backoff: '1m', factor: 2, maxBackoff: '30m' };
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract, { retries: patient })
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default `3`. `0` turns retries off. */
  readonly limit?: number;
  /** Also retry pod disruptions (eviction, spot preemption, "pod deleted"). Default `true`. */
  readonly disruptions?: boolean;
  /** First backoff. Default `'30s'`. */
  readonly backoff?: string;
  /** Backoff growth factor. Default `2`. */
  readonly factor?: number;
  /** Longest backoff. Default `'10m'`. */
  readonly maxBackoff?: string;
}

/**
 * One egress allow-list entry: `'<name>:<port>'` allows TCP to the pods labelled
 * `app.kubernetes.io/name: <name>` in the namespace, `'<cidr>:<port>'` (e.g. `'10.20.0.0/16:5432'`) allows TCP to
 * that address block.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { type EgressRule, pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const warehouse: EgressRule = 'postgres.data.svc:5432';
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract, { egress: [warehouse], secrets: ['pg-credentials'] })
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * ```
 */
export type EgressRule = `${string}:${number}`;

/**
 * Container resources. Requests and limits are always both set.
 * @example
 * ```ts
 * import type { ResourceOptions } from '@sluice/sdk';
 *
 * // Requests 1 CPU and 2Gi; the memory limit is the peak plus headroom.
 * const heavy: ResourceOptions = { cpu: '1', memory: '2Gi', memoryPeak: '6Gi' };
 * ```
 */
export interface ResourceOptions {
  /** CPU request. Default `'500m'`. */
  readonly cpu?: string;
  /** CPU limit. Default: twice the request. */
  readonly cpuLimit?: string;
  /** Memory request. Default `'512Mi'`, or `memoryPeak` when that is given. */
  readonly memory?: string;
  /** Measured memory peak: the limit is set 25% above it (the seed's 20–30% headroom). */
  readonly memoryPeak?: string;
  /** Memory limit, overriding the one derived from `memoryPeak`. Default: `memoryPeak` + 25%, else `'1Gi'`. */
  readonly memoryLimit?: string;
}

/**
 * Options every stage method takes.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type StageOptions } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const options: StageOptions = { memoryPeak: '512Mi', retries: 2, activeDeadlineSeconds: 1800, secrets: ['pg-credentials'] };
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract, options)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * ```
 */
export interface StageOptions<Id extends string = string> extends ResourceOptions {
  /** The DAG task and template name. Default: the role (`extract`, `transform`, …) or the stage name. */
  readonly id?: Id;
  /** The stage image, overriding the pipeline's. */
  readonly image?: string;
  /** Secrets mounted read-only at `/var/run/secrets/sluice/<secret>/<key>`. Never environment variables. */
  readonly secrets?: readonly string[];
  /** Egress allowed for this stage's pods (beyond DNS and the Kubernetes API), compiled to a NetworkPolicy. */
  readonly egress?: readonly EgressRule[];
  /** Retry policy, or a number of retries. Default: the pipeline's. */
  readonly retries?: number | RetryOptions;
  /** Deadline of one attempt. Default: the pipeline's (`7200`). */
  readonly activeDeadlineSeconds?: number;
  /** Time between SIGTERM and SIGKILL for the checkpoint flush. Default: the pipeline's (`60`). */
  readonly terminationGracePeriodSeconds?: number;
  /** NVIDIA GPUs for this stage. Default `0`: the pod never tolerates the GPU taint. */
  readonly gpus?: number;
}

/**
 * Options of `.transform()`: a stage fanned out over partitions.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type TransformOptions } from '@sluice/sdk';
 *
 * const features = defineStage({ name: 'build-features', run() {} });
 * const fanOut: TransformOptions = { parallel: 16, as: 'indexed-job', maxFailedIndexes: 1, memoryPeak: '6Gi' };
 * const p = pipeline('features', { image: 'registry.example.com/data/features:1.0.0', namespace: 'data' }).transform(features, fanOut);
 * ```
 */
export interface TransformOptions<Id extends string = string> extends StageOptions<Id> {
  /** Number of partitions. Default `1` (no fan-out). */
  readonly parallel?: number;
  /** Partitions running at once. Default: all of them. */
  readonly parallelism?: number;
  /** `'loop'` (an Argo loop, the default) or `'indexed-job'` (a batch/v1 Indexed Job created by Argo). */
  readonly as?: 'loop' | 'indexed-job';
  /** Indexed Job only: retries of one index. Default: the retry limit (3). */
  readonly backoffLimitPerIndex?: number;
  /** Indexed Job only: failed indexes tolerated before the Job fails. Default `0`. */
  readonly maxFailedIndexes?: number;
}

/**
 * Options of `.train()`: a Kubeflow `PyTorchJob` created after load succeeded.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type TrainOptions } from '@sluice/sdk';
 *
 * const features = defineStage({ name: 'build-features', run() {} });
 * const train: TrainOptions = {
 *   image: 'registry.example.com/ml/trainer:2.3.0',
 *   command: ['python', '-m', 'trainer'],
 *   gpus: 1,
 *   workers: 2,
 *   hyperparameters: { epochs: 10, lr: 0.001 },
 * };
 * const publish = defineStage({ name: 'publish-features', run() {} });
 * const p = pipeline('churn', { image: 'registry.example.com/ml/churn:1.0.0', namespace: 'ml' })
 *   .transform(features)
 *   .validate(defineStage({ name: 'check-features', run() {} }))
 *   .load(publish)
 *   .train(train);
 * ```
 */
export interface TrainOptions<Id extends string = string> {
  /** The DAG task and template name. Default `'train'`. */
  readonly id?: Id;
  /** The trainer image (tag or digest required). */
  readonly image: string;
  /** The trainer command, e.g. `['torchrun', 'train.py']`. */
  readonly command: readonly string[];
  /** GPUs per replica. Default `1`. */
  readonly gpus?: number;
  /** Worker replicas besides the master. Default `1`. */
  readonly workers?: number;
  /** Training hyper-parameters, passed as `--<kebab-key>=<value>` and recorded in lineage. */
  readonly hyperparameters?: Readonly<Record<string, string | number | boolean>>;
  /** CPU request per replica. Default `'4'`. */
  readonly cpu?: string;
  /** Memory request per replica. Default `'16Gi'`; the limit is set 25% above. */
  readonly memory?: string;
  /** Deadline of the training job. Default `86400`. */
  readonly activeDeadlineSeconds?: number;
  /** Retries of the Job's pods (PyTorchJob `runPolicy.backoffLimit`). Default `2`. */
  readonly backoffLimit?: number;
  /** Secrets mounted read-only into every replica. */
  readonly secrets?: readonly string[];
}

/**
 * Where GPU stages go and how CPU stages stay away.
 * @example
 * ```ts
 * import type { GpuOptions, PipelineOptions } from '@sluice/sdk';
 *
 * const amd: GpuOptions = { resource: 'amd.com/gpu', taint: { key: 'amd.com/gpu', effect: 'NoSchedule' } };
 * const options: PipelineOptions = { image: 'registry.example.com/ml/churn:1.0.0', namespace: 'ml', gpu: amd };
 * ```
 */
export interface GpuOptions {
  /** The extended resource name. Default `'nvidia.com/gpu'`. */
  readonly resource?: string;
  /** The taint on GPU nodes, tolerated by GPU stages only. Default `nvidia.com/gpu=present:NoSchedule`. */
  readonly taint?: {
    readonly key: string;
    readonly value?: string;
    readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
  };
  /** The node label of the GPU pool, required by GPU stages' node affinity. Default `sluice.dev/accelerator` exists. */
  readonly nodeLabel?: { readonly key: string; readonly values?: readonly string[] };
}

/**
 * Alert thresholds of the PrometheusRule (the seed's three alerts).
 * @example
 * ```ts
 * import type { AlertOptions, PipelineOptions } from '@sluice/sdk';
 *
 * const alerts: AlertOptions = { minProcessedRows: 1000, p99DurationSeconds: 1800 };
 * const options: PipelineOptions = { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data', alerts };
 * ```
 */
export interface AlertOptions {
  /** `job_processed_rows` below this fires `ProcessedRowsBelowExpected`. Default `1`. */
  readonly minProcessedRows?: number;
  /** p99 of a run's duration in seconds; `1.5 ×` this fires `DurationAboveBaseline`. Default `3600`. */
  readonly p99DurationSeconds?: number;
}

/**
 * Namespace guard rails: ResourceQuota, LimitRange and PriorityClass.
 * @example
 * ```ts
 * import type { PipelineOptions, TenancyOptions } from '@sluice/sdk';
 *
 * const quota: TenancyOptions = { cpu: '32', memory: '128Gi', pods: 50, priority: 100 };
 * const options: PipelineOptions = { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data', tenancy: quota };
 * ```
 */
export interface TenancyOptions {
  /** Quota on CPU requests (limits are twice as much). Default: twice the pipeline's peak, at least `'8'`. */
  readonly cpu?: string;
  /** Quota on memory requests (limits likewise). Default: twice the pipeline's peak, at least `'32Gi'`. */
  readonly memory?: string;
  /** Quota on GPUs. Default: what training needs. */
  readonly gpus?: number;
  /** Pods at once. Default `100`. */
  readonly pods?: number;
  /** PriorityClass value of the pipeline's pods. Default `100000`. */
  readonly priority?: number;
}

/**
 * What an overlay changes relative to the base (the base is production).
 * @example
 * ```ts
 * import type { EnvironmentOptions, PipelineOptions } from '@sluice/sdk';
 *
 * const staging: EnvironmentOptions = { resourceScale: 0.5, retries: 1 };
 * const options: PipelineOptions = {
 *   image: 'registry.example.com/data/etl:1.0.0',
 *   namespace: 'data',
 *   environments: { staging, production: { resourceScale: 1 } },
 * };
 * ```
 */
export interface EnvironmentOptions {
  /** Multiplies every stage's requests and limits. */
  readonly resourceScale?: number;
  /** Retry limit of every stage. */
  readonly retries?: number;
  /** Alert thresholds. */
  readonly alerts?: AlertOptions;
  /** Quota and priority. */
  readonly tenancy?: TenancyOptions;
}

/**
 * Options of {@link pipeline}.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type PipelineOptions } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const options: PipelineOptions<{ lakeRoot: string }> = {
 *   image: 'registry.example.com/data/etl:1.0.0',
 *   namespace: 'data',
 *   labels: { team: 'data-platform' },
 *   schedule: { cron: '0 3 * * *' },
 *   parameters: { lakeRoot: '/var/sluice/data/lake' },
 * };
 * const etl = pipeline('etl', options).extract(extract).load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * ```
 */
export interface PipelineOptions<Params extends Readonly<Record<string, string>> = Readonly<Record<string, string>>> {
  /** The default image of every stage (tag or digest required, never `latest`). */
  readonly image: string;
  /** The namespace of every object. */
  readonly namespace: string;
  /** The ServiceAccount the workflow's pods run as. Default `<pipeline>-executor` (created with least privilege). */
  readonly serviceAccount?: string;
  /** Labels on every object and pod, e.g. `{ team: 'growth-ml', costCenter: 'cc-142' }` (camelCase keys become kebab-case). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Run on a schedule: adds a CronWorkflow. */
  readonly schedule?: ScheduleOptions;
  /** Pipeline parameters with their default values; `executionDate` is always there. */
  readonly parameters?: Params;
  /** Default resources of every stage. */
  readonly resources?: ResourceOptions;
  /** Default retry policy of every stage. */
  readonly retries?: number | RetryOptions;
  /** Default deadline of one attempt of a stage. Default `7200`. */
  readonly activeDeadlineSeconds?: number;
  /** Default grace period for the checkpoint flush. Default `60` (the runtime flushes within it). */
  readonly terminationGracePeriodSeconds?: number;
  /** UID and GID of every container. Default `10001`. */
  readonly runAsUser?: number;
  /** Size limit of the emptyDir scratch mounted at `/tmp`. Default `'10Gi'`. */
  readonly scratchSize?: string;
  /**
   * Where `SLUICE_CHECKPOINT_DIR` lives. Default: a `ReadWriteMany` claim of `1Gi` that each run owns
   * (`volumeClaimTemplates`; kept when the run fails, deleted when it succeeds) in the default StorageClass.
   * See {@link CheckpointOptions}.
   */
  readonly checkpoints?: CheckpointOptions;
  /**
   * The shared data root: an existing ReadWriteMany claim mounted in every stage pod (Jobs and PyTorchJobs
   * included), where stages write the files the next stages read. Without it, files a stage writes never reach
   * another pod. See {@link DataOptions}.
   */
  readonly data?: DataOptions;
  /** The Prometheus Pushgateway the stages and the exit handler push to. */
  readonly pushgatewayUrl?: string;
  /** Image of the exit handler that pushes the final status. Default: the pipeline image. */
  readonly exitHandler?: false | { readonly image?: string };
  /** GPU scheduling. */
  readonly gpu?: GpuOptions;
  /** How a stage process is started: in the image (`node dist/stages/<stage>.js` in `/app`) and locally. */
  readonly entrypoints?: EntrypointOptions;
  /** Alert thresholds. */
  readonly alerts?: AlertOptions;
  /** Quota, limit range and priority. */
  readonly tenancy?: TenancyOptions;
  /** Kustomize overlays: `staging` defaults to half the resources and 1 retry; `production` is the base. */
  readonly environments?: Readonly<Record<string, EnvironmentOptions>>;
}

/**
 * Checkpoint storage that survives pod restarts:
 * - `{ storageClass, size, accessModes }`: the run's own claim (the default, all three optional). The StorageClass
 *   must offer `ReadWriteMany` (NFS, CephFS, EFS, Filestore, Azure Files…) because parallel pods of one run land on
 *   different nodes; `['ReadWriteOnce']` works only when every pod of the run is on one node.
 * - `{ claimName }`: an existing claim (ReadWriteMany) shared by every run; created and cleaned by you.
 * - `false`: an emptyDir per pod. A retried attempt starts over: for stages that never call `ctx.checkpoint`.
 * @example
 * ```ts
 * import type { CheckpointOptions, PipelineOptions } from '@sluice/sdk';
 *
 * const checkpoints: CheckpointOptions = { storageClass: 'efs-sc', size: '2Gi' };
 * const options: PipelineOptions = { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data', checkpoints };
 * ```
 */
export type CheckpointOptions =
  | false
  | { readonly claimName: string }
  | {
      /** StorageClass of the claim. Default: the cluster's default class. */
      readonly storageClass?: string;
      /** Requested size. Default `'1Gi'`. */
      readonly size?: string;
      /** Access modes. Default `['ReadWriteMany']`. */
      readonly accessModes?: readonly ('ReadWriteMany' | 'ReadWriteOnce' | 'ReadWriteOncePod')[];
    };

/**
 * Shared storage for the data moving between stages (docs/pipeline.md, "Data between stages").
 * @example
 * ```ts
 * import type { DataOptions, PipelineOptions } from '@sluice/sdk';
 *
 * const data: DataOptions = { claimName: 'customer-features-data' }; // mounted at /var/sluice/data
 * const options: PipelineOptions = {
 *   image: 'registry.example.com/ml/customer-features:1.4.2',
 *   namespace: 'ml',
 *   data,
 *   parameters: { lakeRoot: '/var/sluice/data/lake' },
 * };
 * ```
 */
export interface DataOptions {
  /** An existing PersistentVolumeClaim (ReadWriteMany: the pods of a run are on different nodes). */
  readonly claimName: string;
  /** Where it is mounted. Default `'/var/sluice/data'`. */
  readonly mountPath?: string;
}

/**
 * How a stage's process is started, given the stage name.
 * @example
 * ```ts
 * import type { EntrypointOptions, PipelineOptions } from '@sluice/sdk';
 *
 * // Stages bundled into one file each by the project's own build:
 * const entrypoints: EntrypointOptions = {
 *   container: (stage) => ['node', `/app/bundle/${stage}.mjs`],
 *   local: (stage) => ['node', '--import', 'tsx', `stages/${stage}.ts`],
 * };
 * const options: PipelineOptions = { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data', entrypoints };
 * ```
 */
export interface EntrypointOptions {
  /** In the container. Default `['node', '--import', '@sluice/runtime/start-guard', '/app/dist/stages/<stage>.js']`. */
  readonly container?: (stage: string) => readonly string[];
  /**
   * On the developer's machine, run from the project directory. Default
   * `['node', '--import', 'tsx', 'stages/<stage>.ts']`: needs `tsx` as a devDependency of the project.
   */
  readonly local?: (stage: string) => readonly string[];
}
