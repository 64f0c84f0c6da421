/**
 * @packageDocumentation
 * Typed builders for every Argo Workflows object and the ML `pipeline()` layer, the compiler to CRDs,
 * YAML in and out, and the linter.
 */

export type { DagOptions, DagTaskOptions } from './builders/dag.js';
export { DagDraft, dag } from './builders/dag.js';
export { after, DependsExpr } from './builders/depends.js';
export { expr } from './builders/expression.js';
export { isManifestBuilder, isTemplateBuilder } from './builders/guards.js';
export { StepHandle, TaskHandle } from './builders/handles.js';
export type { HookFields } from './builders/hook.js';
export { Hook, hook } from './builders/hook.js';
export type {
  ClaimedVolume,
  EmptyDirOptions,
  MountedVolume,
  RequestAndLimit,
  ResourcesOptions,
  SecretVolumeOptions,
  VolumeOptions,
} from './builders/kubernetes.js';
export { emptyDir, env, resources, secretVolume, volume } from './builders/kubernetes.js';
export { KubernetesObjectBuilder, kubernetesObject } from './builders/kubernetes-object.js';
export type { LeafOptions, TemplateBody, TemplateOptions } from './builders/leaf-templates.js';
export { container, containerSet, data, http, plugin, resource, script, suspend } from './builders/leaf-templates.js';
export type {
  AnyManifestBuilder,
  CronFields,
  ManifestObject,
  TargetOptions,
  TemplateInput,
  WorkflowSpecFields,
  WorkflowSpecInput,
} from './builders/manifest.js';
export {
  CronWorkflowBuilder,
  clusterWorkflowTemplate,
  cronWorkflow,
  ManifestBuilder,
  WorkflowBuilder,
  workflow,
  workflowTemplate,
} from './builders/manifest.js';
export type {
  AnyTemplateBuilder,
  ArgsField,
  ExtraArguments,
  HookSpec,
  NoArgumentsTemplate,
  NodeHooks,
  NodeRest,
  NodeSpec,
  RunInputs,
  RunOutputs,
  RunTarget,
  UntypedArguments,
} from './builders/node.js';
export type { SelfTarget } from './builders/self-target.js';
export type { StepOptions, StepsOptions } from './builders/steps.js';
export { StepGroup, StepsDraft, steps } from './builders/steps.js';
export { fromTemplate, TemplateBuilder } from './builders/template.js';
export type { FieldsWithIo, OutputsIo, OwnOutputRefs, TemplateIo } from './builders/template-io.js';
export type { TemplateHolder } from './builders/template-ref.js';
export { InlineTarget, inline, TemplateRefTarget, templateRef } from './builders/template-ref.js';
export type {
  ScriptArgument,
  ScriptContainerFields,
  ScriptFunction,
  ScriptInputKinds,
  ScriptInputSchema,
  ScriptInputs,
  ScriptKindFor,
  ScriptOutputs,
  ScriptValueKind,
  TsScriptOptions,
} from './builders/ts-script.js';
export {
  DEFAULT_MAX_BUNDLE_BYTES,
  ScriptBundleTooLargeError,
  tsScript,
} from './builders/ts-script.js';
export type * from './builders/types.js';
export { argoVariables, item, lastRetry, workflowParameter } from './builders/variables.js';
export type { WorkflowParameterValue } from './builders/workflow-arguments.js';
export { WorkflowArguments, workflowArguments } from './builders/workflow-arguments.js';
export { ArgoVersionError, type ForArgoVersionOptions, forArgoVersion } from './compile/argo-version.js';
export { fromJson, fromObjects, fromYaml } from './compile/from-yaml.js';
export type { Serializable } from './compile/serialize.js';
export { toJson, toYaml } from './compile/serialize.js';
export type {
  LintConfig,
  LintContext,
  LintDocument,
  LintFormat,
  LintIssue,
  LintOptions,
  LintReport,
  LintReportOptions,
  LintResult,
  LintRule,
  LintRuleId,
  LintSeverity,
  Resolution,
  RuleFinding,
  SluiceConfig,
  TemplateEntry,
  ValidationMode,
  WorkflowDefaults,
} from './lint/index.js';
export {
  argoRules,
  cronScheduleProblem,
  defineConfig,
  formatLintReport,
  isPipelineDocument,
  LINT_RULE_IDS,
  LINTED_KINDS,
  lint,
  policyRules,
  SluiceConfigError,
  timezoneProblem,
  validateConfig,
  withWorkflowDefaults,
} from './lint/index.js';
// Policy rules with options (the rule list itself is policyRules).
export { DEFAULT_REQUIRED_LABELS, requiredLabels } from './lint/rules/policy/index.js';
export { type ManifestExtension, manifestFileName } from './manifest-file-name.js';
export { hint as didYouMean } from './model/did-you-mean.js';
export { compareKeys, LEADING_KEYS, TRAILING_KEYS } from './model/key-order.js';
export { argoName } from './model/names.js';
// The ML pipeline() layer (see docs/pipeline.md).
export type {
  AlertOptions,
  BindingFunction,
  Bindings,
  CheckOrder,
  CheckpointOptions,
  CheckWired,
  CompiledPipeline,
  CompilePipelineOptions,
  DataOptions,
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
  StageArgs,
  StageLike,
  StageOptions,
  StepDefinition,
  TenancyOptions,
  TrainArgs,
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
  kustomizeObjectsLayout,
  LABELS,
  LOCAL_COMMAND_ANNOTATION,
  Pipeline,
  PipelineError,
  pipeline,
  STAGE_MODULE_ANNOTATION,
} from './pipeline/index.js';
export { emitYaml, emitYamlDocuments } from './yaml/emit.js';
export {
  checkDocumentShape,
  DEFAULT_INPUT_LIMITS,
  decodeUtf8,
  INPUT_LIMIT_VARIABLES,
  InputLimitError,
  type InputLimits,
  inputLimits,
  parseJsonText,
} from './yaml/input-limits.js';
export { ManifestParseError, type ParseOptions, parseYamlDocuments } from './yaml/parse.js';
