/**
 * The ML `pipeline()` layer: a typed ETL-to-ML builder whose defaults are the seed's practices, its compiler to Argo
 * objects and companion manifests, and the Kustomize layout.
 */

export type { CompiledPipeline, CompilePipelineOptions, KubernetesObject } from './compile.js';
export { compiledObjects, compilePipeline } from './compile.js';
export { LABELS, LOCAL_COMMAND_ANNOTATION, STAGE_MODULE_ANNOTATION } from './defaults.js';
export { imageProblem, PipelineError } from './image.js';
export { INDEXED_JOB_POD_FAILURE_POLICY } from './indexed-job.js';
export { isPipeline } from './is-pipeline.js';
export type { LayoutFile } from './kustomize.js';
export { DEFAULT_ENVIRONMENTS, kustomizeLayout, kustomizeObjectsLayout } from './kustomize.js';
export type { OutputRef, PipelineDefinition, StageLike, StepDefinition } from './model.js';
export type * from './options.js';
export type {
  BindingFunction,
  Bindings,
  CheckOrder,
  CheckWired,
  Phase,
  StageArgs,
  TrainArgs,
  Upstream,
  UpstreamRefs,
  WiringError,
} from './pipeline-builder.js';
export { Pipeline, pipeline } from './pipeline-builder.js';
export { DISRUPTIONS, EXIT_CODE_1_ONLY } from './retry.js';
