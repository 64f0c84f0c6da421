import type { ApplyAction, ArgoClient } from '@sluice/client';
import { LABELS } from '@sluice/sdk';
import { type AppliedKind, apiFor, applyManifest, changesFor, existingOf, namespaceOf } from '../cluster/apply.js';
import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { formatChanges } from '../cluster/diff.js';
import { lintAll, nameOf, readManifests, type SourcedManifest, validateAll } from '../cluster/manifests.js';
import { runCluster, ValidationFailure } from '../cluster/run-cluster.js';
import { type CommandIO, defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

/** The kinds the Argo Server stores, in the order they are applied (templates before the crons that use them). */
const deployedKinds: readonly AppliedKind[] = ['ClusterWorkflowTemplate', 'WorkflowTemplate', 'CronWorkflow'];

export default defineCommand({
  name: 'deploy',
  summary: 'create or update the WorkflowTemplates and CronWorkflows of an entry on the Argo Server (--diff, --prune)',
  usage: 'workflow deploy <entry.ts | file.yaml>… [-n ns] [--diff] [--prune] [--no-lint]',
  description: `
Makes the Argo Server hold what the files define: each WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow
is created when missing, updated when its labels, annotations or spec differ, and left alone when equal; each is
printed as "kind/name created|updated|unchanged". Deploying twice changes nothing the second time. Definitions are
checked against the Argo schema and linted locally first. Workflows are runs, not deployed: submit them with
"workflow submit".

What the Argo Server cannot store (a pipeline's NetworkPolicies, RBAC, quotas, PrometheusRule) is named on stderr
with the command that applies it: "workflow compile <entry> --out deploy/" then "kubectl apply -k" on an overlay.

  --diff: print what deploying would change, field by field ("+" new, "~" changed, "-" removed); change nothing
  --prune: also delete the templates and crons on the server that carry the pipeline's label (sluice.dev/pipeline)
           but that the entry no longer defines; nothing else is ever deleted
  --no-lint: skip the local lint (the schema check still runs)
${connectionHelp}

Exit codes: 0 deployed (or diffed), 2 usage or validation error (nothing was sent), 3 server or transport error.`,
  examples: [
    'workflow deploy pipeline.ts',
    'workflow deploy pipeline.ts --diff',
    'workflow deploy pipeline.ts --prune -n ml-data-pipelines',
  ],
  options: {
    ...connectionOptions,
    diff: { type: 'boolean' },
    prune: { type: 'boolean' },
    'no-lint': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one file to deploy');
    let wanted: SourcedManifest[];
    try {
      const manifests = (await Promise.all(positionals.map((f) => readManifests(f, io.cwd, io.env)))).flat();
      wanted = deployedKinds.flatMap((kind) => manifests.filter((m) => m.doc.kind === kind));
      if (wanted.length === 0) {
        throw new ValidationFailure(
          `${positionals.join(', ')}: nothing to deploy (no ${deployedKinds.join(', ')}); a file of Workflows is submitted with "workflow submit"`,
        );
      }
      validateAll(wanted);
      if (!values['no-lint']) for (const warning of lintAll(manifests)) io.stderr.write(`warning: ${warning}\n`);
      reportOthers(manifests, positionals, io);
    } catch (error) {
      if (error instanceof ValidationFailure) {
        io.stderr.write(`workflow deploy: ${error.message}\n`);
        return ExitCode.Usage;
      }
      throw error;
    }
    const pipelines = [...new Set(wanted.map((m) => labelsOf(m.doc)[LABELS.pipeline]).filter((p) => p !== undefined))];
    if (values.prune && pipelines.length === 0) {
      throw new UsageError(`--prune deletes only objects labelled ${LABELS.pipeline}, and no object here carries it`);
    }
    return runCluster('deploy', values, io, async (client) => {
      for (const { doc } of wanted) {
        const id = `${String(doc.kind).toLowerCase()}/${nameOf(doc)}`;
        if (values.diff) {
          const existing = await existingOf(client, doc, values.namespace);
          if (existing === undefined) io.stdout.write(`${id} would be created\n`);
          else {
            const changes = changesFor(existing, doc);
            io.stdout.write(
              changes.length === 0 ? `${id} unchanged\n` : `${id} would be updated:\n${formatChanges(changes)}`,
            );
          }
        } else {
          const action: ApplyAction = await applyManifest(client, doc, values.namespace);
          io.stdout.write(`${id} ${action}\n`);
        }
      }
      if (values.prune) await prune(client, wanted, pipelines, values.namespace, values.diff === true, io);
      return ExitCode.Ok;
    });
  },
});

/** Deletes (or with `dryRun` names) what carries a deployed pipeline's label but is no longer defined. */
async function prune(
  client: ArgoClient,
  wanted: readonly SourcedManifest[],
  pipelines: readonly string[],
  namespace: string | undefined,
  dryRun: boolean,
  io: CommandIO,
): Promise<void> {
  const keep = new Set(
    wanted.map(({ doc }) => `${String(doc.kind)}/${namespaceOf(doc, namespace) ?? ''}/${nameOf(doc)}`),
  );
  for (const kind of deployedKinds) {
    const namespaces = new Set(wanted.map(({ doc }) => namespaceOf({ ...doc, kind }, namespace)));
    for (const ns of namespaces) {
      const api = apiFor(client, kind);
      for (const pipeline of pipelines) {
        const list = await api.list({ namespace: ns, labelSelector: `${LABELS.pipeline}=${pipeline}` });
        for (const item of (list.items ?? []) as Record<string, unknown>[]) {
          const name = nameOf(item);
          // The selector is the server's filter; the label is checked again so nothing unlabelled is ever deleted.
          if (labelsOf(item)[LABELS.pipeline] !== pipeline || keep.has(`${kind}/${ns ?? ''}/${name}`)) continue;
          const id = `${kind.toLowerCase()}/${name}`;
          if (dryRun) io.stdout.write(`${id} would be deleted (pipeline ${pipeline} no longer defines it)\n`);
          else {
            await api.delete(name, { namespace: ns });
            io.stdout.write(`${id} deleted\n`);
          }
        }
      }
    }
  }
}

/** Names what the Argo Server cannot apply, with the command that applies it. */
function reportOthers(manifests: readonly SourcedManifest[], files: readonly string[], io: CommandIO): void {
  const others = manifests.filter(
    (m) => m.doc.kind !== 'Workflow' && !deployedKinds.includes(m.doc.kind as AppliedKind),
  );
  if (others.length === 0) return;
  const names = others.map(({ doc }) => `${String(doc.kind).toLowerCase()}/${nameOf(doc)}`).join(', ');
  const fromPipeline = others.some((m) => m.fromPipeline);
  const how = fromPipeline
    ? `workflow compile ${files.join(' ')} --out deploy/ && kubectl apply -k deploy/overlays/production (or deploy/base, or your GitOps tool)`
    : `kubectl apply -f ${files.join(' -f ')}`;
  io.stderr.write(`not applied (the Argo Server stores only Argo kinds): ${names}\n  apply them with: ${how}\n`);
}

function labelsOf(doc: Record<string, unknown>): Record<string, string | undefined> {
  return ((doc.metadata ?? {}) as { labels?: Record<string, string> }).labels ?? {};
}
