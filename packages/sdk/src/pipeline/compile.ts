import type { CronWorkflow, Workflow, WorkflowTemplate } from '@sluice/argo-types';
import { networkPolicies } from './companion/network-policy.js';
import { prometheusRule } from './companion/prometheus-rule.js';
import { rbac } from './companion/rbac.js';
import { tenancy } from './companion/tenancy.js';
import { compileCronWorkflow, compileWorkflow, compileWorkflowTemplate } from './compile-workflows.js';
import type { PipelineDefinition } from './model.js';
import type { EnvironmentOptions } from './options.js';
import { resolvePipeline } from './resolve.js';

/** A Kubernetes object as compiled: apiVersion, kind and metadata.name always set. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: {
    readonly name?: string;
    readonly generateName?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
}

/** Everything compiled from one pipeline definition. */
export interface CompiledPipeline {
  /** The DAG, as a WorkflowTemplate. */
  readonly workflowTemplate: WorkflowTemplate & { apiVersion: string; kind: 'WorkflowTemplate' };
  /** The schedule, when the pipeline has one. */
  readonly cronWorkflow: (CronWorkflow & { apiVersion: string; kind: 'CronWorkflow' }) | undefined;
  /** A self-contained one-off run, when an execution date was given. */
  readonly workflow: (Workflow & { apiVersion: string; kind: 'Workflow' }) | undefined;
  /** NetworkPolicies, ServiceAccount, Role, RoleBinding, ResourceQuota, LimitRange, PriorityClass, PrometheusRule. */
  readonly companions: readonly KubernetesObject[];
}

/** Options of {@link compilePipeline}. */
export interface CompilePipelineOptions {
  /** Also compile a one-off Workflow for this date (`YYYY-MM-DD`), named `<pipeline>-<date>`. */
  readonly executionDate?: string;
  /** Apply an environment's overrides (what a Kustomize overlay changes). */
  readonly environment?: EnvironmentOptions;
}

/** Compiles a pipeline definition to its Argo objects and companion manifests. Pure: no I/O. */
export function compilePipeline(
  definition: PipelineDefinition,
  options: CompilePipelineOptions = {},
): CompiledPipeline {
  const env = options.environment ?? {};
  const resolved = resolvePipeline(definition, env);
  const pipelineOptions = definition.options;
  return {
    workflowTemplate: compileWorkflowTemplate(resolved),
    cronWorkflow: compileCronWorkflow(resolved),
    workflow: options.executionDate === undefined ? undefined : compileWorkflow(resolved, options.executionDate),
    companions: [
      ...networkPolicies(resolved),
      ...rbac(resolved),
      ...tenancy(resolved, { ...pipelineOptions.tenancy, ...env.tenancy }),
      prometheusRule(resolved, { ...pipelineOptions.alerts, ...env.alerts }),
    ],
  };
}

/** Every compiled object in apply order: companions first, then the WorkflowTemplate, CronWorkflow and Workflow. */
export function compiledObjects(compiled: CompiledPipeline): KubernetesObject[] {
  const objects: KubernetesObject[] = [...compiled.companions, compiled.workflowTemplate];
  if (compiled.cronWorkflow) objects.push(compiled.cronWorkflow);
  if (compiled.workflow) objects.push(compiled.workflow);
  return objects;
}
