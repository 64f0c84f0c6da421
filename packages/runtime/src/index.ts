/**
 * @packageDocumentation
 * What runs inside a stage's container: typed context, exit codes that drive retries, checkpoints,
 * Pushgateway metrics and outputs. See docs/stage-protocol.md for how a stage is started and hands back results.
 */

export { writeFileAtomic } from './atomic-write.js';
export { bundleSourcesComment } from './bundle-sources.js';
export type { CheckpointStore } from './checkpoint.js';
export type { Partition, StageContext, StagePaths } from './context.js';
export {
  defineStage,
  isStage,
  type ObjectSchema,
  type RunResult,
  type Stage,
  type StageDefinition,
  type StageOutputName,
  type StageOutputs,
  type StageParamName,
  type StageParams,
  type StageParamsInput,
} from './define-stage.js';
export type { Environment } from './environment.js';
export { exitCodeFor, FatalError, RetriableError, StageExitCode } from './errors.js';
export type { LogFields, Logger } from './logger.js';
export type { StageCounter, StageGauge, StageMetrics } from './metrics.js';
export { EXECUTION_DATE_PARAM, type KebabCase, toCamelCase, toKebabCase } from './names.js';
export { type PrintableOptions, printable } from './printable.js';
export { pushToGateway } from './pushgateway-push.js';
export { type RunStageOptions, runStage } from './run-stage.js';
export { type StageSource, stageSource } from './stage-source.js';
