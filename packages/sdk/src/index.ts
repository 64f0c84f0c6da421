/**
 * @packageDocumentation
 * Typed builders for every Argo Workflows object and the ML `pipeline()` layer, the compiler to CRDs,
 * YAML in and out, and the linter.
 */

export { ManifestParseError, parseYamlDocuments } from './yaml/parse.js';
export type {
  LintContext,
  LintDocument,
  LintFormat,
  LintIssue,
  LintOptions,
  LintReport,
  LintReportOptions,
  LintResult,
  LintRule,
  LintSeverity,
  Resolution,
  RuleFinding,
  TemplateEntry,
  ValidationMode,
} from './lint/index.js';
export {
  argoRules,
  cronScheduleProblem,
  defaultRules,
  formatLintReport,
  LINTED_KINDS,
  lint,
  policyRules,
  timezoneProblem,
} from './lint/index.js';
// The ML pipeline() layer (see docs/pipeline.md).
export type {
  AlertOptions,
  Bindings,
  CheckWired,
  CompiledPipeline,
  CompilePipelineOptions,
  EgressRule,
  EntrypointOptions,
  EnvironmentOptions,
  GpuOptions,
  KubernetesObject,
  LayoutFile,
  OutputRef,
  Phase,
  PipelineDefinition,
  PipelineOptions,
  ResourceOptions,
  RetryOptions,
  ScheduleOptions,
  StageLike,
  StageOptions,
  StepDefinition,
  TenancyOptions,
  TrainOptions,
  TransformOptions,
  Upstream,
  UpstreamRefs,
  WiringError,
} from './pipeline/index.js';
export {
  compiledObjects,
  compilePipeline,
  DEFAULT_ENVIRONMENTS,
  DISRUPTIONS,
  EXIT_CODE_1_ONLY,
  INDEXED_JOB_POD_FAILURE_POLICY,
  imageProblem,
  isPipeline,
  kustomizeLayout,
  LOCAL_COMMAND_ANNOTATION,
  Pipeline,
  PipelineError,
  pipeline,
} from './pipeline/index.js';
