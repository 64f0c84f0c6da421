/**
 * @packageDocumentation
 * @sluice/local — runs an Argo workflow on this machine with Argo's semantics (DAG and steps, `depends`, `when`,
 * fan-out, parallelism, retries, deadlines, exit handlers, parameter and artifact passing), writes a run
 * directory with an Argo-shaped `status.json` and a self-contained HTML report, and resumes failed runs.
 * See docs/local.md.
 */

export { localCommandAnnotation, localHandlerAnnotation } from './annotations.js';
export { parseDuration } from './duration.js';
export type { BuildStageImageOptions, StageImagePlan } from './engine/container/build-image.js';
export {
  buildStageImage,
  defaultBaseImage,
  generatedDockerfile,
  ImageBuildError,
  stageImagePlan,
} from './engine/container/build-image.js';
export type { ContainerEngineInfo, ContainerEngineKind, EngineName } from './engine/container/discover.js';
export { discoverEngine, EngineUnavailableError } from './engine/container/discover.js';
export { MissingImagesError } from './engine/container/images.js';
export type { LastAttempt, RetryDecision } from './engine/retry.js';
export { decideRetry } from './engine/retry.js';
export type { DependsNode, TaskResult } from './expression/depends.js';
export { dependsTasks, evaluateDepends, parseDepends, taskResults } from './expression/depends.js';
export type { EvaluateOptions, UnknownIdentifiers } from './expression/evaluate.js';
export { evaluateCondition, evaluateExpression } from './expression/evaluate.js';
export { ExpressionError, parseExpression } from './expression/parse.js';
export { substitute, UnresolvedReferenceError } from './expression/substitute.js';
export type { UnrunnableTemplate } from './preflight.js';
export { UnrunnableTemplatesError } from './preflight.js';
export type { ReportInput } from './report/render-report.js';
export { formatDuration, renderReport } from './report/render-report.js';
export { type RetryTime, retryTimes } from './report/retry-time.js';
export type { StageCount } from './report/stage-counts.js';
export { stageCounts } from './report/stage-counts.js';
export type { RunLayout } from './run-dir/layout.js';
export { runLayout } from './run-dir/layout.js';
export { RunDirectoryLockedError } from './run-dir/run-lock.js';
export { defaultRunsDir, runWorkflow } from './run-workflow.js';
export type { HandlerContext, HandlerResult, InProcessHandler, RetryWait, RunOptions, RunResult } from './types.js';
export { WorkflowInputError } from './workflow-set.js';
