import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { formatWorkflow, parseOutput } from '../cluster/output.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'get',
  summary: 'show a workflow on the Argo Server',
  usage: 'workflow get <name> [-n ns] [-o name|json|yaml|wide]',
  description: `
Shows a workflow's status: phase, times, message and parameters; -o wide adds its nodes.

  --output: name, json, yaml or wide
${connectionHelp}`,
  examples: ['workflow get customer-features-2026-06-17', 'workflow get customer-features-2026-06-17 -o json'],
  options: { ...connectionOptions, output: { type: 'string', short: 'o' } },
  async run({ values, positionals }, io) {
    const output = parseOutput(values.output);
    if (positionals.length !== 1) throw new UsageError('give one workflow name');
    const name = positionals[0] ?? '';
    return runCluster('get', values, io, async (client) => {
      const wf = await client.workflows.get(name, { namespace: values.namespace });
      io.stdout.write(formatWorkflow(wf, output));
      return ExitCode.Ok;
    });
  },
});
