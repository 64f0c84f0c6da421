import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'delete',
  summary: 'delete workflows from the Argo Server',
  usage: 'workflow delete <name>… [-n ns] [--force]',
  description: `
Deletes workflows.

  --force: remove finalizers too, so the workflow goes at once
${connectionHelp}`,
  examples: ['workflow delete customer-features-2026-06-17'],
  options: { ...connectionOptions, force: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one workflow name');
    return runCluster('delete', values, io, async (client) => {
      for (const name of positionals) {
        await client.workflows.delete(name, { namespace: values.namespace, force: values.force });
        io.stdout.write(`Workflow '${name}' deleted\n`);
      }
      return ExitCode.Ok;
    });
  },
});
