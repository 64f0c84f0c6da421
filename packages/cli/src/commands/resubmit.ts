import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { eachWorkflow, parameterPairs } from '../cluster/lifecycle.js';
import { parseOutput } from '../cluster/output.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';

export default defineCommand({
  name: 'resubmit',
  summary: 'submit copies of workflows as new workflows',
  usage: 'workflow resubmit <name>… [-n ns] [--memoized] [-p k=v]… [--watch | --wait] [-o …]',
  description: `
Submits a copy of each workflow as a new workflow (a new name), optionally reusing the results of steps that
succeeded.

  --memoized: reuse the outputs of succeeded steps
  --parameter: override a parameter, name=value (repeatable)
  --watch: follow the new workflow to its end (exit 1 when it fails)
  --wait: wait for it quietly
  --output: name, json, yaml or wide
${connectionHelp}`,
  examples: ['workflow resubmit customer-features-2026-06-17 --memoized -o name'],
  options: {
    ...connectionOptions,
    memoized: { type: 'boolean' },
    parameter: { type: 'string', short: 'p', multiple: true },
    watch: { type: 'boolean', short: 'w' },
    wait: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one workflow name');
    const output = parseOutput(values.output);
    const parameters = parameterPairs(values.parameter);
    return runCluster('resubmit', values, io, (client) =>
      eachWorkflow(client, positionals, io, { ...values, output }, (name) =>
        client.workflows.resubmit(name, { namespace: values.namespace, memoized: values.memoized, parameters }),
      ),
    );
  },
});
