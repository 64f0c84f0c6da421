import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { eachWorkflow } from '../cluster/lifecycle.js';
import { parseOutput } from '../cluster/output.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';

export default defineCommand({
  name: 'terminate',
  summary: 'terminate workflows at once, without exit handlers',
  usage: 'workflow terminate <name>… [-n ns] [-o …]',
  description: `
Terminates workflows immediately: running steps are killed and exit handlers do not run (use stop to run them).

  --output: name, json, yaml or wide
${connectionHelp}`,
  examples: ['workflow terminate customer-features-2026-06-17'],
  options: { ...connectionOptions, output: { type: 'string', short: 'o' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one workflow name');
    const output = parseOutput(values.output);
    return runCluster('terminate', values, io, (client) =>
      eachWorkflow(client, positionals, io, { output }, (name) =>
        client.workflows.terminate(name, { namespace: values.namespace }),
      ),
    );
  },
});
