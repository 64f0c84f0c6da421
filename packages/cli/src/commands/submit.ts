import type { Workflow } from '@sluice/argo-types';
import { type ArgoClient, defaultNamespace, type SubmittableKind } from '@sluice/client';
import { toJson, toYaml } from '@sluice/sdk';
import { argoVersionHelp, argoVersionOption } from '../argo-version.js';
import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { parseDuration } from '../cluster/duration.js';
import { printLogs, watchToEnd } from '../cluster/follow.js';
import { lintTarget } from '../cluster/lint-target.js';
import { lintAll, readManifests, type SourcedManifest, validateAll } from '../cluster/manifests.js';
import { maybeCreatedHint } from '../cluster/maybe-created.js';
import { formatWorkflow, parseOutput } from '../cluster/output.js';
import {
  type PipelineSubmission,
  pipelineTemplates,
  planPipelineSubmission,
  submitPipeline,
} from '../cluster/pipeline-submit.js';
import { runCluster, ValidationFailure } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const kinds: Record<string, SubmittableKind> = {
  workflowtemplate: 'WorkflowTemplate',
  workflowtemplates: 'WorkflowTemplate',
  wftmpl: 'WorkflowTemplate',
  clusterworkflowtemplate: 'ClusterWorkflowTemplate',
  clusterworkflowtemplates: 'ClusterWorkflowTemplate',
  cwftmpl: 'ClusterWorkflowTemplate',
  cronworkflow: 'CronWorkflow',
  cronworkflows: 'CronWorkflow',
  cwf: 'CronWorkflow',
};

/** The kinds a submit may send. */
const sentKinds = new Set(['Workflow', 'WorkflowTemplate']);

export default defineCommand({
  name: 'submit',
  summary: 'submit workflows to an Argo Server (from YAML, a .ts entry, or --from a template)',
  usage:
    'workflow submit <entry.ts | file.yaml> [-n ns] [-p k=v]… [--name N | --generate-name P] [--watch | --wait] [--log] [--dry-run | --server-dry-run] [--no-apply] [-o name|json|yaml|wide]\n       workflow submit --from workflowtemplate/NAME [-p k=v]…',
  description: `
Submits a run to the Argo Server from one of three sources, checking definitions against the Argo schema and
linting them locally first, so a bad workflow never reaches the server:

A pipeline() entry (.ts), template first: the pipeline's WorkflowTemplate on the server is made equal to the
compiled one (created when missing, updated when it differs, left when equal; stderr says which), then one run is
submitted from it, named <pipeline>-<execution-date>. Submitting the same date again returns the existing run, so a
retried submit (from a laptop or from CI) never starts a second one. -p execution-date=YYYY-MM-DD is required.

A file of Workflows (YAML, JSON or a .ts entry): each Workflow is created; one with a fixed name is submitted
idempotently. --from kind/name: a new Workflow from a template or cron already on the server.

  --from: kind/name to submit from: workflowtemplate/NAME, clusterworkflowtemplate/NAME, cronworkflow/NAME
  --parameter: a parameter, name=value (repeatable)
  --name: the workflow's name (makes the submission idempotent)
  --generate-name: a name prefix; the server adds a random suffix
  --labels: labels to add, a=b,c=d
  --entrypoint: the template to start at
  --serviceaccount: the service account the workflow runs as
  --watch: follow the workflow's progress to the end (exit 1 when it fails)
  --wait: wait for the workflow to finish, printing only the outcome (exit 1 when it fails)
  --timeout: with --watch/--wait, give up after this long (exit 1), e.g. 30m
  --log: stream the workflow's logs until it finishes
  --dry-run: print, in order, the documents that would be sent (the WorkflowTemplate and the submit request of a
             pipeline, the Workflows of a file, the submit request of --from); send nothing
  --no-apply: for a pipeline: submit from the template already on the server; when it differs from the compiled
              one, list the differing fields and stop (exit 2)
  --server-dry-run: let the server validate them without creating anything
  --no-lint: skip the local lint (the schema check still runs)
  --output: name, json, yaml or wide
${argoVersionHelp(true)}
${connectionHelp}

Exit codes: 0 submitted (and succeeded, with --watch/--wait), 1 the workflow failed or the wait timed out,
2 usage or validation error (nothing was sent), 3 server or transport error.`,
  examples: [
    'workflow submit pipeline.ts -p execution-date=2026-06-17 --wait',
    'workflow submit pipeline.ts -p execution-date=2026-06-17 --dry-run',
    'workflow submit workflows/hello.yaml --watch',
    'workflow submit --from workflowtemplate/customer-features -p execution-date=2026-06-17 --name customer-features-2026-06-17',
  ],
  options: {
    ...connectionOptions,
    from: { type: 'string' },
    parameter: { type: 'string', short: 'p', multiple: true },
    name: { type: 'string' },
    'generate-name': { type: 'string' },
    labels: { type: 'string', short: 'l' },
    entrypoint: { type: 'string' },
    serviceaccount: { type: 'string' },
    watch: { type: 'boolean', short: 'w' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    log: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'server-dry-run': { type: 'boolean' },
    'no-lint': { type: 'boolean' },
    'no-apply': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    ...argoVersionOption,
  },
  async run({ values, positionals }, io) {
    const output = parseOutput(values.output);
    const parameters = parseParameters(values.parameter ?? []);
    if (values.watch && values.wait) throw new UsageError('--watch and --wait are exclusive: pick one');
    if (values['dry-run'] && values['server-dry-run'])
      throw new UsageError('--dry-run and --server-dry-run are exclusive');
    if (values.name && values['generate-name']) throw new UsageError('--name and --generate-name are exclusive');
    const timeoutMs = values.timeout === undefined ? undefined : parseDuration('--timeout', values.timeout);
    const follow = async (client: ArgoClient, created: Workflow[]): Promise<ExitCode> => {
      let code: ExitCode = ExitCode.Ok;
      for (const wf of created) {
        const name = wf.metadata.name ?? '';
        const namespace = wf.metadata.namespace;
        const logs = values.log ? printLogs(client, name, io, { namespace, follow: true }) : undefined;
        if (values.watch || values.wait) {
          const result = await watchToEnd(client, name, namespace, io, { timeoutMs, quiet: values.wait });
          await logs;
          if (values.wait) {
            const final = await client.workflows.get(name, { namespace, fields: '-status.nodes' });
            io.stdout.write(`${name} ${final.status?.phase ?? ''}\n`);
          }
          code = Math.max(code, result) as ExitCode;
        } else {
          await logs;
        }
      }
      return code;
    };

    const defaultNs = values.namespace ?? (io.env.ARGO_NAMESPACE || defaultNamespace);
    const printDocuments = (docs: readonly object[]): ExitCode => {
      io.stdout.write(
        output === 'json' ? toJson(docs) : output === 'name' ? docs.map(nameLine).join('') : toYaml(docs),
      );
      return ExitCode.Ok;
    };

    if (values.from !== undefined) {
      if (positionals.length > 0) throw new UsageError('give either a file or --from, not both');
      const slash = values.from.indexOf('/');
      const kind = kinds[values.from.slice(0, slash).toLowerCase()];
      const resource = values.from.slice(slash + 1);
      if (slash < 0 || kind === undefined || resource === '') {
        throw new UsageError(
          `--from "${values.from}" must be kind/name with kind one of workflowtemplate, clusterworkflowtemplate, cronworkflow`,
        );
      }
      const options = {
        namespace: values.namespace,
        parameters: parameters.map(([k, v]) => `${k}=${v}`),
        name: values.name,
        generateName: values['generate-name'],
        labels: values.labels,
        entryPoint: values.entrypoint,
        serviceAccount: values.serviceaccount,
        serverDryRun: values['server-dry-run'],
      };
      if (values['dry-run']) {
        return printDocuments([submitRequest(defaultNs, kind, resource, options)]);
      }
      return runCluster('submit', values, io, async (client) => {
        const wf = await client.workflows.submitFrom(kind, resource, options).catch((error: unknown) => {
          throw options.name === undefined ? maybeCreatedHint(error, options.generateName ?? `${resource}-`) : error;
        });
        io.stdout.write(formatWorkflow(wf, output));
        return values['server-dry-run'] ? ExitCode.Ok : follow(client, [wf]);
      });
    }

    if (positionals.length !== 1) throw new UsageError('give one file to submit (or --from kind/name)');
    const file = positionals[0] ?? '';
    let workflows: Workflow[] = [];
    let pipelineRun: PipelineSubmission | undefined;
    try {
      const manifests = await readManifests(file, io.cwd, io.env);
      const templates = pipelineTemplates(manifests);
      const hasWorkflows = manifests.some((m) => m.doc.kind === 'Workflow');
      if (!hasWorkflows && templates.length > 1) {
        throw new ValidationFailure(
          `${file}: defines ${templates.length} pipelines (${templates.map((t) => t.pipeline).join(', ')}); deploy them (workflow deploy ${file}) and submit one with --from workflowtemplate/NAME`,
        );
      }
      const [template] = templates;
      if (!hasWorkflows && template !== undefined) {
        pipelineRun = planPipelineSubmission(file, template, parameters, values, defaultNs);
      } else {
        workflows = prepare(manifests, file, parameters, values);
      }
      const target = await lintTarget(values, [file], io, values['dry-run'] === true);
      // Only the Argo objects are sent; a pipeline's companion manifests (RBAC, policies) are linted, not sent.
      validateAll(
        manifests.filter((m) => sentKinds.has(String(m.doc.kind))),
        target,
      );
      if (!values['no-lint']) {
        for (const warning of lintAll(manifests, target)) io.stderr.write(`warning: ${warning}\n`);
      }
    } catch (error) {
      if (error instanceof ValidationFailure) {
        io.stderr.write(`workflow submit: ${error.message}\n`);
        return ExitCode.Usage;
      }
      throw error;
    }
    if (pipelineRun !== undefined) {
      const run = pipelineRun;
      if (values['dry-run']) {
        return printDocuments(values['no-apply'] ? [run.request] : [run.template.doc, run.request]);
      }
      return runCluster('submit', values, io, async (client) => {
        const wf = await submitPipeline(client, run, io, values['no-apply'] === true);
        io.stdout.write(formatWorkflow(wf, output));
        return values['server-dry-run'] ? ExitCode.Ok : follow(client, [wf]);
      });
    }
    if (values['no-apply']) throw new UsageError('--no-apply is for pipeline entries (it skips updating the template)');
    if (values['dry-run']) return printDocuments(workflows);
    return runCluster('submit', values, io, async (client) => {
      const created: Workflow[] = [];
      for (const wf of workflows) {
        const result = await client.workflows
          .create(wf, { namespace: values.namespace, serverDryRun: values['server-dry-run'] })
          .catch((error: unknown) => {
            throw wf.metadata?.name ? error : maybeCreatedHint(error, wf.metadata?.generateName);
          });
        created.push(result);
        io.stdout.write(formatWorkflow(result, output));
      }
      return values['server-dry-run'] ? ExitCode.Ok : follow(client, created);
    });
  },
});

/** `name\n` of a document (for `--dry-run -o name`). */
function nameLine(doc: object): string {
  const record = doc as { metadata?: { name?: string; generateName?: string }; resourceName?: string };
  return `${record.metadata?.name ?? record.metadata?.generateName ?? record.resourceName ?? ''}\n`;
}

/** The body `submit --from` sends to `POST /api/v1/workflows/{namespace}/submit`. */
function submitRequest(
  namespace: string,
  kind: SubmittableKind,
  resourceName: string,
  options: {
    parameters: string[];
    name?: string;
    generateName?: string;
    labels?: string;
    entryPoint?: string;
    serviceAccount?: string;
    serverDryRun?: boolean;
  },
): Record<string, unknown> {
  const submitOptions = Object.fromEntries(
    Object.entries({ ...options, parameters: options.parameters.length > 0 ? options.parameters : undefined }).filter(
      ([, v]) => v !== undefined && v !== false && v !== '',
    ),
  );
  return { namespace, resourceKind: kind, resourceName, submitOptions };
}

/** `-p name=value` pairs. */
function parseParameters(pairs: readonly string[]): [string, string][] {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`-p "${pair}" must be name=value`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

/** Picks the Workflows of a file and applies -p, --name, --generate-name, --labels, --entrypoint, --serviceaccount. */
function prepare(
  manifests: SourcedManifest[],
  file: string,
  parameters: [string, string][],
  values: {
    name?: string;
    'generate-name'?: string;
    labels?: string;
    entrypoint?: string;
    serviceaccount?: string;
  },
): Workflow[] {
  const selected = manifests.filter((m) => m.doc.kind === 'Workflow');
  if (selected.length === 0) {
    const found = [...new Set(manifests.map((m) => String(m.doc.kind ?? 'no kind')))].join(', ') || 'nothing';
    throw new ValidationFailure(
      `${file}: no Workflow or pipeline() to submit (found ${found}); deploy templates and crons with \`workflow deploy ${file}\`, then submit with --from workflowtemplate/NAME`,
    );
  }
  if (values.name && selected.length > 1) {
    throw new UsageError(`--name gives one name, but ${file} has ${selected.length} Workflows`);
  }
  return selected.map((m) => {
    const wf = structuredClone(m.doc) as unknown as Workflow;
    wf.metadata ??= {};
    wf.spec ??= {};
    if (values.name) {
      wf.metadata.name = values.name;
      delete wf.metadata.generateName;
    }
    if (values['generate-name']) {
      wf.metadata.generateName = values['generate-name'];
      delete wf.metadata.name;
    }
    if (values.labels) {
      const labels: Record<string, string> = { ...wf.metadata.labels };
      for (const part of values.labels.split(',')) {
        const eq = part.indexOf('=');
        if (eq <= 0) throw new UsageError(`--labels "${values.labels}" must be a=b,c=d`);
        labels[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
      }
      wf.metadata.labels = labels;
    }
    if (values.entrypoint) wf.spec.entrypoint = values.entrypoint;
    if (values.serviceaccount) wf.spec.serviceAccountName = values.serviceaccount;
    const declared = wf.spec.arguments?.parameters ?? [];
    for (const [name, value] of parameters) {
      const parameter = declared.find((p) => p.name === name);
      if (parameter === undefined) {
        const known = declared.map((p) => p.name).join(', ') || 'none';
        throw new ValidationFailure(
          `${file}: workflow "${wf.metadata.name ?? wf.metadata.generateName ?? ''}" declares no parameter "${name}" in spec.arguments.parameters (declared: ${known})`,
        );
      }
      parameter.value = value;
    }
    return wf;
  });
}
