import { type ResolvedCheckpoints, resolveCheckpoints } from './checkpoints.js';
import { type ResolvedData, resolveData } from './data-volume.js';
import {
  DEFAULT_ACTIVE_DEADLINE_SECONDS,
  DEFAULT_SCRATCH_SIZE,
  DEFAULT_TERMINATION_GRACE_SECONDS,
  DEFAULT_UID,
} from './defaults.js';
import { assertPinnedImage, PipelineError } from './image.js';
import { pipelineLabels } from './labels.js';
import type { PipelineDefinition, StepDefinition } from './model.js';
import type { EnvironmentOptions, RetryOptions } from './options.js';
import { type ResolvedResources, resolveResources, scaleResources } from './resources.js';
import { retryOptions } from './retry.js';
import { type ResolvedGpu, resolveGpu } from './scheduling.js';

/** One step with every default filled in: what the compilers emit. */
export interface ResolvedStep {
  readonly step: StepDefinition;
  readonly id: string;
  readonly image: string;
  readonly resources: ResolvedResources;
  readonly retries: Required<RetryOptions>;
  readonly activeDeadlineSeconds: number;
  readonly terminationGracePeriodSeconds: number;
  readonly gpus: number;
  readonly secrets: readonly string[];
  readonly parallel: number;
}

/** The pipeline with every default filled in. */
export interface ResolvedPipeline {
  readonly definition: PipelineDefinition;
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly uid: number;
  readonly scratchSize: string;
  readonly checkpoints: ResolvedCheckpoints;
  readonly data: ResolvedData | undefined;
  readonly gpu: ResolvedGpu;
  readonly steps: readonly ResolvedStep[];
}

function positiveInt(where: string, option: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min)
    throw new PipelineError(`${where}: ${option} must be an integer ≥ ${min}, got ${String(value)}`);
  return value;
}

/**
 * Fills in every default of a pipeline definition, applying an environment's overrides (Kustomize overlays), and
 * checks what can be checked: pinned images, quantities, positive deadlines.
 */
export function resolvePipeline(
  definition: PipelineDefinition,
  environment: EnvironmentOptions = {},
): ResolvedPipeline {
  const { name, options } = definition;
  assertPinnedImage(options.image, `pipeline ${name}`);
  const steps = definition.steps.map((step): ResolvedStep => {
    const where = `${name} › ${step.id}`;
    const o = step.options;
    const image = step.train?.image ?? o.image ?? options.image;
    assertPinnedImage(image, where);
    let resources = resolveResources(where, o, options.resources);
    if (environment.resourceScale !== undefined) resources = scaleResources(resources, environment.resourceScale);
    const retries = retryOptions(o.retries ?? options.retries);
    const gpus = step.train ? (step.train.gpus ?? 1) : (o.gpus ?? 0);
    return {
      step,
      id: step.id,
      image,
      resources,
      retries: environment.retries === undefined ? retries : { ...retries, limit: environment.retries },
      activeDeadlineSeconds: positiveInt(
        where,
        'activeDeadlineSeconds',
        step.train?.activeDeadlineSeconds ??
          o.activeDeadlineSeconds ??
          options.activeDeadlineSeconds ??
          DEFAULT_ACTIVE_DEADLINE_SECONDS,
      ),
      terminationGracePeriodSeconds: positiveInt(
        where,
        'terminationGracePeriodSeconds',
        o.terminationGracePeriodSeconds ?? options.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS,
        15,
      ),
      gpus: positiveInt(where, 'gpus', gpus, 0),
      secrets: step.train?.secrets ?? o.secrets ?? [],
      parallel: positiveInt(where, 'parallel', o.parallel ?? 1),
    };
  });
  return {
    definition,
    name,
    namespace: options.namespace,
    serviceAccount: options.serviceAccount ?? `${name}-executor`,
    labels: pipelineLabels(name, options.labels),
    uid: options.runAsUser ?? DEFAULT_UID,
    scratchSize: options.scratchSize ?? DEFAULT_SCRATCH_SIZE,
    checkpoints: resolveCheckpoints(`pipeline ${name}`, options.checkpoints),
    data: resolveData(`pipeline ${name}`, options.data),
    gpu: resolveGpu(options.gpu),
    steps,
  };
}
