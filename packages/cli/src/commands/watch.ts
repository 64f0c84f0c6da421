import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { parseDuration } from '../cluster/duration.js';
import { watchToEnd } from '../cluster/follow.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';

export default defineCommand({
  name: 'watch',
  summary: 'follow a workflow on the Argo Server until it finishes',
  usage: 'workflow watch <name> [-n ns] [--timeout 1h]',
  description: `
Follows a workflow's progress as the server streams it, with the same view as a local run: on a terminal the live
DAG (each node with its state, retries and elapsed time), otherwise one line per phase change of each step and of
the workflow. Reconnects when the stream drops. Exits 0 when the workflow succeeds, 1 when it fails or errors.

  --timeout: give up after this long (exit 1)
${connectionHelp}`,
  examples: ['workflow watch customer-features-2026-06-17'],
  options: { ...connectionOptions, timeout: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give one workflow name');
    const timeoutMs = values.timeout === undefined ? undefined : parseDuration('--timeout', values.timeout);
    return runCluster('watch', values, io, (client) =>
      watchToEnd(client, positionals[0] ?? '', values.namespace, io, { timeoutMs }),
    );
  },
});
