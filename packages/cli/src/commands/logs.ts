import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { printLogs } from '../cluster/follow.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'logs',
  summary: "print a workflow's logs from the Argo Server",
  usage: 'workflow logs <workflow> [pod] [-n ns] [-f] [-c container] [--grep text] [--tail N] [--timestamps]',
  description: `
Prints the logs of a workflow's pods (or of one pod) as "pod: line".

  --follow: keep streaming until the workflow finishes
  --container: the container (default main)
  --grep: only lines containing this text
  --tail: only the last N lines of each pod
  --timestamps: prefix each line with its time
${connectionHelp}`,
  examples: [
    'workflow logs customer-features-2026-06-17 -f',
    'workflow logs customer-features-2026-06-17 --grep ERROR',
  ],
  options: {
    ...connectionOptions,
    follow: { type: 'boolean', short: 'f' },
    container: { type: 'string', short: 'c' },
    grep: { type: 'string' },
    tail: { type: 'string' },
    timestamps: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length < 1 || positionals.length > 2)
      throw new UsageError('give a workflow name and, optionally, a pod');
    const tail = values.tail === undefined ? undefined : Number(values.tail);
    if (tail !== undefined && (!Number.isInteger(tail) || tail < 0))
      throw new UsageError(`--tail must be a whole number, got "${values.tail}"`);
    return runCluster('logs', values, io, async (client) => {
      await printLogs(client, positionals[0] ?? '', io, {
        namespace: values.namespace,
        podName: positionals[1],
        container: values.container,
        follow: values.follow,
        grep: values.grep,
        tailLines: tail,
        timestamps: values.timestamps,
      });
      return ExitCode.Ok;
    });
  },
});
