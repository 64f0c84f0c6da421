import type { EnvVar, Parameter, Template } from '@sluice/argo-types';
import { dataMounts } from './data-volume.js';
import { GRACE_MARGIN_SECONDS, LOCAL_COMMAND_ANNOTATION, PATHS, STAGE_MODULE_ANNOTATION } from './defaults.js';
import { PipelineError } from './image.js';
import { stageLabels } from './labels.js';
import type { StageLike } from './model.js';
import { toKebabCase } from './names.js';
import { sharedVolumes } from './pod-storage.js';
import type { ResolvedPipeline, ResolvedStep } from './resolve.js';
import { resourceRequirements } from './resources.js';
import { retryStrategy } from './retry.js';
import { cpuAffinity, gpuAffinity, gpuToleration } from './scheduling.js';
import { containerSecurityContext, podSecurityContext, stageVolumeMounts, stageVolumes } from './security.js';

/** The kebab-case input parameters of a stage template: `execution-date` first, then the bound parameters. */
export function stageInputNames(step: ResolvedStep): string[] {
  return ['execution-date', ...Object.keys(step.step.bindings)];
}

/** `--param name={{inputs.parameters.name}}` for every input. */
export function stageArgs(step: ResolvedStep): string[] {
  return stageInputNames(step).flatMap((name) => ['--param', `${name}={{inputs.parameters.${name}}}`]);
}

/**
 * The module a stage runs, relative to the project directory: the file that called `defineStage`, else (a stage
 * object made by hand) `stages/<name>.ts`.
 */
export function stageModule(stage: StageLike): string {
  return stage.source?.path ?? `stages/${stage.name}.ts`;
}

/**
 * The default local start: Node loading `tsx` from the project (`--import` resolves from the working directory, the
 * project directory), so it needs `tsx` as a devDependency of the project but not on `PATH` nor `pnpm exec`.
 */
export function defaultLocalCommand(module: string): string[] {
  return ['node', '--import', 'tsx', module];
}

/**
 * How the image starts Node for a stage: with `@sluice/runtime/start-guard` preloaded, so a module Node cannot load
 * (a missing file, a syntax error) exits 2, never retried, naming the stage, instead of crash-looping on exit 1.
 * Resolved from the image's working directory, `/app`.
 */
const IMAGE_NODE = ['node', '--import', '@sluice/runtime/start-guard'] as const;

/** Stage modules the default image layout can start: a file directly in `stages/` (built to `dist/stages/`). */
const imageLayout = /^stages\/([^/]+)\.(?:ts|mts|js|mjs)$/;

/**
 * The stage process's command in the image and on a developer's machine, derived from where the stage is defined.
 * The image runs `/app/dist/stages/<file>.js` (with the start guard preloaded), what building `stages/*.ts` into `dist/stages/` gives; a stage
 * defined anywhere else is a {@link PipelineError} naming the stage, its file and the fix, unless
 * `entrypoints` says how to start it.
 */
export function stageCommands(pipeline: ResolvedPipeline, stage: StageLike): { container: string[]; local: string[] } {
  const entry = pipeline.definition.options.entrypoints;
  const module = stageModule(stage);
  const built = imageLayout.exec(module)?.[1];
  if (built === undefined && (entry?.container === undefined || entry.local === undefined)) {
    throw new PipelineError(
      `pipeline ${pipeline.name}: stage "${stage.name}" is defined in ${stage.source?.file ?? module}, which the image layout cannot start (it runs dist/stages/<file>.js, built from stages/*.ts); move the defineStage call to stages/<file>.ts, one stage per file as its default export, or set entrypoints.container and entrypoints.local`,
    );
  }
  return {
    container: [...(entry?.container?.(stage.name) ?? [...IMAGE_NODE, `/app/dist/stages/${built}.js`])],
    local: [...(entry?.local?.(stage.name) ?? defaultLocalCommand(module))],
  };
}

/** The stage protocol's environment (docs/stage-protocol.md), as Argo sets it. */
export function stageEnv(pipeline: ResolvedPipeline, step: ResolvedStep, partitionIndex?: string): EnvVar[] {
  const env: EnvVar[] = [
    { name: 'SLUICE_PIPELINE', value: pipeline.name },
    { name: 'SLUICE_STAGE', value: step.step.stage?.name ?? step.id },
    { name: 'SLUICE_WORKFLOW_NAME', value: '{{workflow.name}}' },
    { name: 'SLUICE_WORKFLOW_UID', value: '{{workflow.uid}}' },
    // The node, not the pod: a retry runs in a new pod and must find the same checkpoint (the runtime drops `(N)`).
    { name: 'SLUICE_NODE_NAME', value: '{{node.name}}' },
    { name: 'SLUICE_OUTPUTS_DIR', value: PATHS.outputs },
    { name: 'SLUICE_ARTIFACTS_DIR', value: PATHS.artifacts },
    { name: 'SLUICE_SCRATCH_DIR', value: PATHS.scratch },
    { name: 'SLUICE_CHECKPOINT_DIR', value: PATHS.checkpoints },
    { name: 'SLUICE_SECRETS_DIR', value: PATHS.secrets },
    { name: 'SLUICE_GRACE_SECONDS', value: String(step.terminationGracePeriodSeconds - GRACE_MARGIN_SECONDS) },
  ];
  if (step.retries.limit > 0) env.push({ name: 'SLUICE_RETRY', value: '{{retries}}' });
  if (step.parallel > 1) {
    if (partitionIndex !== undefined) env.push({ name: 'SLUICE_PARTITION_INDEX', value: partitionIndex });
    env.push({ name: 'SLUICE_PARTITION_COUNT', value: String(step.parallel) });
  }
  const pushgateway = pipeline.definition.options.pushgatewayUrl;
  if (pushgateway !== undefined) env.push({ name: 'PUSHGATEWAY_URL', value: pushgateway });
  return env;
}

/** Node placement: GPU stages tolerate the GPU taint and require the GPU pool; CPU stages avoid it. */
export function placement(pipeline: ResolvedPipeline, gpus: number): Pick<Template, 'tolerations' | 'affinity'> {
  return gpus > 0
    ? { tolerations: [gpuToleration(pipeline.gpu)], affinity: gpuAffinity(pipeline.gpu) }
    : { affinity: cpuAffinity(pipeline.gpu) };
}

/**
 * The container template of a stage: typed inputs, outputs read from `$SLUICE_OUTPUTS_DIR`, the retry strategy,
 * deadlines, PSS-restricted security, read-only secret volumes, requests and limits, labels, and the local command.
 */
export function stageTemplate(pipeline: ResolvedPipeline, step: ResolvedStep): Template {
  const stage = step.step.stage;
  if (stage === undefined) throw new TypeError(`stageTemplate: step ${step.id} has no stage`);
  const commands = stageCommands(pipeline, stage);
  const args = stageArgs(step);
  const inputs: Parameter[] = stageInputNames(step).map((name) => ({ name }));
  if (step.parallel > 1) inputs.push({ name: 'partition-index' });
  const outputs = Object.keys(stage.outputs?.shape ?? {}).map((key) => {
    const name = toKebabCase(key);
    return { name, valueFrom: { path: `${PATHS.outputs}/${name}` } };
  });
  const retry = retryStrategy(step.retries);
  return {
    name: step.id,
    metadata: {
      labels: stageLabels(pipeline.labels, step.id, step.step.role),
      annotations: {
        [LOCAL_COMMAND_ANNOTATION]: JSON.stringify([...commands.local, ...args]),
        [STAGE_MODULE_ANNOTATION]: stageModule(stage),
      },
    },
    inputs: { parameters: inputs },
    ...(outputs.length > 0 ? { outputs: { parameters: outputs } } : {}),
    ...(retry === undefined ? {} : { retryStrategy: retry }),
    activeDeadlineSeconds: step.activeDeadlineSeconds,
    podSpecPatch: JSON.stringify({ terminationGracePeriodSeconds: step.terminationGracePeriodSeconds }),
    securityContext: podSecurityContext(pipeline.uid),
    ...placement(pipeline, step.gpus),
    volumes: stageVolumes(pipeline.scratchSize, step.secrets, sharedVolumes(pipeline)),
    container: {
      image: step.image,
      command: commands.container,
      args,
      env: stageEnv(pipeline, step, step.parallel > 1 ? '{{inputs.parameters.partition-index}}' : undefined),
      resources: resourceRequirements(step.resources, step.gpus, pipeline.gpu.resource),
      securityContext: containerSecurityContext(pipeline.uid),
      volumeMounts: stageVolumeMounts(step.secrets, dataMounts(pipeline.data)),
    },
  };
}
