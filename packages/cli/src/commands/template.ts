import { argoVersionHelp, argoVersionOption } from '../argo-version.js';
import { applyOne, loadForApply } from '../cluster/apply.js';
import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'template',
  summary: 'apply WorkflowTemplates and ClusterWorkflowTemplates to the Argo Server',
  usage: 'workflow template apply <file>… [-n ns] [--no-lint]',
  description: `
"template apply" creates each WorkflowTemplate and ClusterWorkflowTemplate of the files (YAML, JSON or a .ts
entry), or updates it when one of that name exists, and prints "kind/name created|updated|unchanged". The files
are checked and linted locally first.

  --no-lint: skip the local lint (the schema check still runs)
${argoVersionHelp(true)}
${connectionHelp}`,
  examples: [
    'workflow template apply templates/customer-features.yaml',
    'workflow template apply pipelines/features.ts -n etl',
  ],
  options: { ...connectionOptions, 'no-lint': { type: 'boolean' }, ...argoVersionOption },
  async run({ values, positionals }, io) {
    const [verb, ...files] = positionals;
    if (verb !== 'apply')
      throw new UsageError(`unknown template sub-command "${verb ?? ''}"; use: template apply <file>…`);
    if (files.length === 0) throw new UsageError('give at least one file');
    const manifests = await loadForApply(
      'template apply',
      files,
      ['WorkflowTemplate', 'ClusterWorkflowTemplate'],
      io,
      values['no-lint'],
      values,
    );
    if (!Array.isArray(manifests)) return manifests;
    return runCluster('template apply', values, io, async (client) => {
      for (const manifest of manifests) await applyOne(client, manifest, values.namespace, io);
      return ExitCode.Ok;
    });
  },
});
