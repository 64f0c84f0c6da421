import type { Workflow, WorkflowTemplate } from '@sluice/argo-types';
import type { ArgoClient } from '@sluice/client';
import { didYouMean, LABELS } from '@sluice/sdk';
import type { CommandIO } from '../command.js';
import { applyManifest, changesFor, existingOf, namespaceOf } from './apply.js';
import { formatChanges } from './diff.js';
import { nameOf, type SourcedManifest } from './manifests.js';
import { ValidationFailure } from './run-cluster.js';

/** The parameter a pipeline's runs are keyed by: one run per date, named `<pipeline>-<date>`. */
export const DATE_PARAMETER = 'execution-date';

/** A pipeline entry's WorkflowTemplate, found among the manifests of a `.ts` entry. */
export interface PipelineTemplate {
  /** The pipeline's name (its `sluice.dev/pipeline` label). */
  readonly pipeline: string;
  /** The compiled WorkflowTemplate. */
  readonly doc: Record<string, unknown>;
}

/** The WorkflowTemplates a `pipeline()` entry compiled to (those carrying the pipeline label). */
export function pipelineTemplates(manifests: readonly SourcedManifest[]): PipelineTemplate[] {
  return manifests.flatMap(({ doc, fromPipeline }) => {
    if (!fromPipeline || doc.kind !== 'WorkflowTemplate') return [];
    const labels = ((doc.metadata ?? {}) as { labels?: Record<string, string> }).labels ?? {};
    const pipeline = labels[LABELS.pipeline];
    return pipeline === undefined ? [] : [{ pipeline, doc }];
  });
}

/** What `submit` sends for a pipeline: the template (unless `--no-apply`), then a submission from it. */
export interface PipelineSubmission {
  readonly template: PipelineTemplate;
  /** The namespace of the template and the run. */
  readonly namespace: string;
  /** The body of `POST /api/v1/workflows/{namespace}/submit`, as the Argo Server takes it. */
  readonly request: {
    namespace: string;
    resourceKind: 'WorkflowTemplate';
    resourceName: string;
    submitOptions: SubmitOptions;
  };
}

/** Argo's `submitOptions`, as far as `submit` sets them. */
export interface SubmitOptions {
  readonly parameters: string[];
  readonly name?: string;
  readonly generateName?: string;
  readonly labels?: string;
  readonly entryPoint?: string;
  readonly serviceAccount?: string;
  readonly serverDryRun?: boolean;
}

/** The flags of `submit` that shape a pipeline run. */
export interface PipelineRunFlags {
  readonly namespace?: string;
  readonly name?: string;
  readonly 'generate-name'?: string;
  readonly labels?: string;
  readonly entrypoint?: string;
  readonly serviceaccount?: string;
  readonly 'server-dry-run'?: boolean;
}

/**
 * Plans the run of a pipeline entry: checks the `-p` names against the template's parameters (with a did-you-mean),
 * requires `-p execution-date=YYYY-MM-DD`, and names the run `<pipeline>-<date>` unless `--name` or
 * `--generate-name` says otherwise. Throws a {@link ValidationFailure} naming the fix.
 */
export function planPipelineSubmission(
  file: string,
  template: PipelineTemplate,
  parameters: readonly [string, string][],
  flags: PipelineRunFlags,
  defaultNamespace: string,
): PipelineSubmission {
  const spec = (template.doc.spec ?? {}) as WorkflowTemplate['spec'];
  const declared = (spec.arguments?.parameters ?? []).map((p) => p.name);
  for (const [name] of parameters) {
    if (!declared.includes(name)) {
      throw new ValidationFailure(
        `${file}: pipeline "${template.pipeline}" has no parameter "${name}"${didYouMean(name, declared, 'its parameters')}`,
      );
    }
  }
  const date = parameters.find(([name]) => name === DATE_PARAMETER)?.[1];
  if (date === undefined) {
    throw new ValidationFailure(
      `${file}: a run of pipeline "${template.pipeline}" needs its date: add -p ${DATE_PARAMETER}=YYYY-MM-DD (the run is named ${template.pipeline}-<date>)`,
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new ValidationFailure(`${file}: -p ${DATE_PARAMETER}="${date}" is not a date; write it as YYYY-MM-DD`);
  }
  const namespace = namespaceOf(template.doc, flags.namespace) ?? defaultNamespace;
  const generateName = flags['generate-name'];
  const name = generateName === undefined ? (flags.name ?? `${template.pipeline}-${date}`) : undefined;
  const submitOptions: SubmitOptions = {
    parameters: parameters.map(([k, v]) => `${k}=${v}`),
    ...(name === undefined ? { generateName: generateName ?? '' } : { name }),
    ...(flags.labels ? { labels: flags.labels } : {}),
    ...(flags.entrypoint ? { entryPoint: flags.entrypoint } : {}),
    ...(flags.serviceaccount ? { serviceAccount: flags.serviceaccount } : {}),
    ...(flags['server-dry-run'] ? { serverDryRun: true } : {}),
  };
  return {
    template,
    namespace,
    request: {
      namespace,
      resourceKind: 'WorkflowTemplate',
      resourceName: nameOf(template.doc),
      submitOptions,
    },
  };
}

/**
 * Template first: makes the server's WorkflowTemplate equal the compiled one (prints `workflowtemplate/NAME
 * created|updated|unchanged` on stderr), or with `noApply` checks that it already is (a {@link ValidationFailure}
 * with the differing fields otherwise), then submits one run from it. A run of that name that exists with the same
 * template and parameters is returned as is, so a retried submit creates nothing new.
 */
export async function submitPipeline(
  client: ArgoClient,
  submission: PipelineSubmission,
  io: CommandIO,
  noApply: boolean,
): Promise<Workflow> {
  const { template, namespace, request } = submission;
  const templateName = `workflowtemplate/${request.resourceName}`;
  if (noApply) {
    const existing = await existingOf(client, template.doc, namespace);
    if (existing === undefined) {
      throw new ValidationFailure(
        `${templateName} is not on the server (namespace ${namespace}); deploy it first (workflow deploy <entry>) or submit without --no-apply`,
      );
    }
    const changes = changesFor(existing, template.doc);
    if (changes.length > 0) {
      throw new ValidationFailure(
        `${templateName} on the server differs from the compiled pipeline in ${changes.length} field(s):\n${formatChanges(changes)}deploy it (workflow deploy <entry>) or submit without --no-apply`,
      );
    }
  } else if (!request.submitOptions.serverDryRun) {
    const action = await applyManifest(client, template.doc, namespace);
    io.stderr.write(`${templateName} ${action}\n`);
  }
  return client.workflows.submitFrom('WorkflowTemplate', request.resourceName, {
    namespace,
    ...request.submitOptions,
  });
}
