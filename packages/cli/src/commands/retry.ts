import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { eachWorkflow, parameterPairs } from '../cluster/lifecycle.js';
import { parseOutput } from '../cluster/output.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';

export default defineCommand({
  name: 'retry',
  summary: 'retry failed workflows on the Argo Server, in place',
  usage:
    'workflow retry <name>… [-n ns] [--restart-successful --node-field-selector S] [-p k=v]… [--watch | --wait] [-o …]',
  description: `
Retries Failed or Error workflows: failed steps run again, succeeded ones are kept unless asked otherwise.

  --restart-successful: also re-run succeeded steps that --node-field-selector picks
  --node-field-selector: which nodes to restart, e.g. templateName=load
  --parameter: override a parameter, name=value (repeatable)
  --watch: follow the retried workflow to its end (exit 1 when it fails)
  --wait: wait for it quietly
  --output: name, json, yaml or wide
${connectionHelp}`,
  examples: ['workflow retry customer-features-2026-06-17 --watch'],
  options: {
    ...connectionOptions,
    'restart-successful': { type: 'boolean' },
    'node-field-selector': { type: 'string' },
    parameter: { type: 'string', short: 'p', multiple: true },
    watch: { type: 'boolean', short: 'w' },
    wait: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one workflow name');
    const output = parseOutput(values.output);
    const parameters = parameterPairs(values.parameter);
    return runCluster('retry', values, io, (client) =>
      eachWorkflow(client, positionals, io, { ...values, output }, (name) =>
        client.workflows.retry(name, {
          namespace: values.namespace,
          restartSuccessful: values['restart-successful'],
          nodeFieldSelector: values['node-field-selector'],
          parameters,
        }),
      ),
    );
  },
});
