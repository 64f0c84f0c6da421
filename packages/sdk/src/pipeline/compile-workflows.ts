import type { CronWorkflow, DAGTask, Template, Workflow, WorkflowSpec, WorkflowTemplate } from '@sluice/argo-types';
import { cronWorkflow, workflow, workflowTemplate } from '../builders/manifest.js';
import { checkpointClaimTemplates } from './checkpoints.js';
import { DEFAULT_SCHEDULE } from './defaults.js';
import { EXIT_HANDLER, exitHandlerTemplate } from './exit-handler.js';
import { PipelineError } from './image.js';
import { indexedJobTemplate } from './indexed-job.js';
import type { Binding } from './model.js';
import { toKebabCase } from './names.js';
import { pytorchJobTemplate } from './pytorch-job.js';
import type { ResolvedPipeline, ResolvedStep } from './resolve.js';
import { stageTemplate } from './stage-template.js';

/** The DAG template's name. */
export const ENTRYPOINT = 'main';

/** The scheduled execution date: the date part of `workflow.scheduledTime`, never "now". */
export const SCHEDULED_DATE = '{{=sprig.trunc(10, workflow.scheduledTime)}}';

/** The Argo value of a binding. */
function bindingValue(binding: Binding): string {
  switch (binding.kind) {
    case 'output':
      return `{{tasks.${binding.task}.outputs.parameters.${binding.output}}}`;
    case 'parameter':
      return `{{workflow.parameters.${binding.parameter}}}`;
    case 'literal':
      return binding.value;
  }
}

function templateOf(pipeline: ResolvedPipeline, step: ResolvedStep): Template {
  if (step.step.train !== undefined) return pytorchJobTemplate(pipeline, step);
  if (step.step.options.as === 'indexed-job') return indexedJobTemplate(pipeline, step);
  return stageTemplate(pipeline, step);
}

function taskOf(step: ResolvedStep): DAGTask {
  const { bindings, after } = step.step;
  const deps = new Set(after);
  for (const binding of Object.values(bindings)) if (binding.kind === 'output') deps.add(binding.task);
  const parameters = [
    { name: 'execution-date', value: '{{workflow.parameters.execution-date}}' },
    ...Object.entries(bindings).map(([name, binding]) => ({ name, value: bindingValue(binding) })),
  ];
  const loop = step.parallel > 1 && step.step.options.as !== 'indexed-job';
  if (loop) parameters.push({ name: 'partition-index', value: '{{item}}' });
  return {
    name: step.id,
    template: step.id,
    ...(deps.size > 0 ? { depends: [...deps].join(' && ') } : {}),
    arguments: { parameters },
    ...(loop ? { withSequence: { count: String(step.parallel) } } : {}),
  };
}

/** The workflow spec shared by the WorkflowTemplate and the one-off Workflow. */
export function workflowSpec(pipeline: ResolvedPipeline): WorkflowSpec {
  const { options } = pipeline.definition;
  if (pipeline.steps.length === 0) throw new PipelineError(`pipeline ${pipeline.name}: add at least one stage`);
  const fanOut = pipeline.steps.filter((s) => s.parallel > 1 && s.step.options.as !== 'indexed-job');
  const parallelism = Math.max(0, ...fanOut.map((s) => s.step.options.parallelism ?? s.parallel));
  const main: Template = {
    name: ENTRYPOINT,
    ...(parallelism > 0 ? { parallelism } : {}),
    dag: { tasks: pipeline.steps.map(taskOf) },
  };
  const exit = options.exitHandler === false ? [] : [exitHandlerTemplate(pipeline)];
  const params = Object.entries(options.parameters ?? {}).map(([key, value]) => ({ name: toKebabCase(key), value }));
  return {
    entrypoint: ENTRYPOINT,
    ...(exit.length > 0 ? { onExit: EXIT_HANDLER } : {}),
    serviceAccountName: pipeline.serviceAccount,
    // Stage containers get no Kubernetes token; Argo's executor uses its own (results only).
    automountServiceAccountToken: false,
    executor: { serviceAccountName: pipeline.serviceAccount },
    podPriorityClassName: pipeline.name,
    podMetadata: { labels: { ...pipeline.labels } },
    workflowMetadata: { labels: { ...pipeline.labels } },
    arguments: { parameters: [{ name: 'execution-date' }, ...params] },
    podGC: { strategy: 'OnPodSuccess' },
    ...checkpointClaimTemplates(pipeline.checkpoints, pipeline.labels),
    templates: [main, ...pipeline.steps.map((s) => templateOf(pipeline, s)), ...exit],
  };
}

function metadata(pipeline: ResolvedPipeline, name: string) {
  return { name, namespace: pipeline.namespace, labels: { ...pipeline.labels } };
}

/** The WorkflowTemplate holding the pipeline's DAG. */
export function compileWorkflowTemplate(
  pipeline: ResolvedPipeline,
): WorkflowTemplate & { apiVersion: string; kind: 'WorkflowTemplate' } {
  // Through the SDK core: its checks (one template per name, …) and its canonical key order apply.
  return workflowTemplate(metadata(pipeline, pipeline.name), workflowSpec(pipeline)).toObject();
}

/** The CronWorkflow running the WorkflowTemplate on the schedule, or `undefined` without a schedule. */
export function compileCronWorkflow(
  pipeline: ResolvedPipeline,
): (CronWorkflow & { apiVersion: string; kind: 'CronWorkflow' }) | undefined {
  const schedule = pipeline.definition.options.schedule;
  if (schedule === undefined) return undefined;
  if (pipeline.name.length > 52)
    throw new PipelineError(`pipeline ${pipeline.name}: a CronWorkflow name must be at most 52 characters`);
  return cronWorkflow(
    metadata(pipeline, pipeline.name),
    {
      schedules: [schedule.cron],
      timezone: schedule.timezone ?? DEFAULT_SCHEDULE.timezone,
      concurrencyPolicy: schedule.concurrencyPolicy ?? DEFAULT_SCHEDULE.concurrencyPolicy,
      startingDeadlineSeconds: schedule.startingDeadlineSeconds ?? DEFAULT_SCHEDULE.startingDeadlineSeconds,
      successfulJobsHistoryLimit: schedule.successfulJobsHistoryLimit ?? DEFAULT_SCHEDULE.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: schedule.failedJobsHistoryLimit ?? DEFAULT_SCHEDULE.failedJobsHistoryLimit,
      workflowMetadata: { labels: { ...pipeline.labels } },
    },
    {
      workflowTemplateRef: { name: pipeline.name },
      arguments: { parameters: [{ name: 'execution-date', value: SCHEDULED_DATE }] },
    },
  ).toObject();
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A self-contained Workflow for one run, named `<pipeline>-<execution-date>` so that running the same date twice
 * is refused by the API server instead of producing duplicate features.
 */
export function compileWorkflow(
  pipeline: ResolvedPipeline,
  executionDate: string,
): Workflow & { apiVersion: string; kind: 'Workflow' } {
  if (!isoDate.test(executionDate) || Number.isNaN(Date.parse(executionDate)))
    throw new PipelineError(`pipeline ${pipeline.name}: executionDate "${executionDate}" is not a date (YYYY-MM-DD)`);
  const spec = workflowSpec(pipeline);
  const parameters = (spec.arguments?.parameters ?? []).map((p) =>
    p.name === 'execution-date' ? { name: p.name, value: executionDate } : p,
  );
  return workflow(metadata(pipeline, `${pipeline.name}-${executionDate}`), {
    ...spec,
    arguments: { parameters },
  }).toObject();
}
