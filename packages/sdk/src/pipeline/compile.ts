import type { ArgoVersion, CronWorkflow, Workflow, WorkflowTemplate } from '@sluice/argo-types';
import { forArgoVersion } from '../compile/argo-version.js';
import { networkPolicies } from './companion/network-policy.js';
import { prometheusRule } from './companion/prometheus-rule.js';
import { rbac } from './companion/rbac.js';
import { tenancy } from './companion/tenancy.js';
import { compileCronWorkflow, compileWorkflow, compileWorkflowTemplate } from './compile-workflows.js';
import type { PipelineDefinition } from './model.js';
import type { EnvironmentOptions } from './options.js';
import { resolvePipeline } from './resolve.js';

/**
 * A Kubernetes object as compiled: apiVersion, kind and metadata.name always set.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { type KubernetesObject, pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const objects: KubernetesObject[] = etl.toObjects();
 * for (const o of objects) console.log(`${o.kind}/${o.metadata?.name}`);
 * ```
 */
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

/**
 * Everything compiled from one pipeline definition.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { type CompiledPipeline, compilePipeline, pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const compiled: CompiledPipeline = compilePipeline(etl.definition);
 * console.log(compiled.workflowTemplate.metadata.name, compiled.cronWorkflow === undefined);
 * ```
 */
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

/**
 * Options of {@link compilePipeline}.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { type CompilePipelineOptions, pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const options: CompilePipelineOptions = { executionDate: '2026-06-17', argoVersion: '3.7' };
 * const compiled = etl.compile(options); // compiled.workflow runs that one date
 * ```
 */
export interface CompilePipelineOptions {
  /** Also compile a one-off Workflow for this date (`YYYY-MM-DD`), named `<pipeline>-<date>`. */
  readonly executionDate?: string;
  /** Apply an environment's overrides (what a Kustomize overlay changes). */
  readonly environment?: EnvironmentOptions;
  /**
   * The Argo release to compile for (default: the newest): the Argo objects take the form it reads (a 3.5
   * CronWorkflow gets `schedule`), and a feature it lacks fails the build with a sentence naming the release. Its
   * schema must be loaded (`await loadArgoSchema(version)`; the CLI does it).
   */
  readonly argoVersion?: ArgoVersion;
}

/** Whether a release's retry backoff has `cap` (the longest single wait): from 3.7 on. */
function backoffCapIn(version: ArgoVersion): boolean {
  return !['3.5', '3.6'].includes(version);
}

/** Whether the definition itself asks for a backoff cap (`maxBackoff`), rather than taking the default. */
function declaresMaxBackoff(definition: PipelineDefinition): boolean {
  return [definition.options.retries, ...definition.steps.map((s) => s.options.retries)].some(
    (r) => typeof r === 'object' && r.maxBackoff !== undefined,
  );
}

/**
 * The object without `retryStrategy.backoff.cap` in its templates: the default cap is left out for releases that
 * do not have the field (their backoff then grows without a per-wait ceiling, bounded by the retry limit).
 */
function withoutBackoffCap<T extends object>(object: T): T {
  const copy = structuredClone(object) as {
    spec?: { templates?: { retryStrategy?: { backoff?: { cap?: unknown } } }[] };
  };
  for (const template of copy.spec?.templates ?? []) delete template.retryStrategy?.backoff?.cap;
  return copy as T;
}

/**
 * Compiles a pipeline definition to its Argo objects and companion manifests. Pure: no I/O.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { compilePipeline, pipeline, toYaml } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const { workflowTemplate, cronWorkflow, companions } = compilePipeline(etl.definition);
 * console.log(toYaml([workflowTemplate, ...companions]));
 * ```
 */
export function compilePipeline(
  definition: PipelineDefinition,
  options: CompilePipelineOptions = {},
): CompiledPipeline {
  const env = options.environment ?? {};
  const resolved = resolvePipeline(definition, env);
  const pipelineOptions = definition.options;
  const version = options.argoVersion;
  const dropCap = version !== undefined && !backoffCapIn(version) && !declaresMaxBackoff(definition);
  const target = <T extends object>(object: T): T =>
    version === undefined ? object : forArgoVersion(dropCap ? withoutBackoffCap(object) : object, version);
  const cron = compileCronWorkflow(resolved);
  return {
    workflowTemplate: target(compileWorkflowTemplate(resolved)),
    cronWorkflow: cron === undefined ? undefined : target(cron),
    workflow:
      options.executionDate === undefined ? undefined : target(compileWorkflow(resolved, options.executionDate)),
    companions: [
      ...networkPolicies(resolved),
      ...rbac(resolved),
      ...tenancy(resolved, { ...pipelineOptions.tenancy, ...env.tenancy }),
      prometheusRule(resolved, { ...pipelineOptions.alerts, ...env.alerts }),
    ],
  };
}

/**
 * Every compiled object in apply order: companions first, then the WorkflowTemplate, CronWorkflow and Workflow.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { compiledObjects, compilePipeline, pipeline, toYaml } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const yaml = toYaml(compiledObjects(compilePipeline(etl.definition)));
 * ```
 */
export function compiledObjects(compiled: CompiledPipeline): KubernetesObject[] {
  const objects: KubernetesObject[] = [...compiled.companions, compiled.workflowTemplate];
  if (compiled.cronWorkflow) objects.push(compiled.cronWorkflow);
  if (compiled.workflow) objects.push(compiled.workflow);
  return objects;
}
