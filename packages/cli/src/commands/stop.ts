import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { eachWorkflow } from '../cluster/lifecycle.js';
import { parseOutput } from '../cluster/output.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';

export default defineCommand({
  name: 'stop',
  summary: 'stop workflows; their exit handlers still run',
  usage: 'workflow stop <name>… [-n ns] [--message text] [--node-field-selector S] [-o …]',
  description: `
Stops workflows: running steps are stopped and no new ones start, but exit handlers run (use terminate to skip
them).

  --message: why, recorded on the workflow
  --node-field-selector: stop only the nodes it picks
  --output: name, json, yaml or wide
${connectionHelp}`,
  examples: ['workflow stop customer-features-2026-06-17 --message "bad input partition"'],
  options: {
    ...connectionOptions,
    message: { type: 'string' },
    'node-field-selector': { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one workflow name');
    const output = parseOutput(values.output);
    return runCluster('stop', values, io, (client) =>
      eachWorkflow(client, positionals, io, { output }, (name) =>
        client.workflows.stop(name, {
          namespace: values.namespace,
          message: values.message,
          nodeFieldSelector: values['node-field-selector'],
        }),
      ),
    );
  },
});
