import { WaitTimeoutError } from '@sluice/client';
import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { parseDuration } from '../cluster/duration.js';
import { exitCodeOfPhase } from '../cluster/follow.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'wait',
  summary: 'wait for workflows on the Argo Server to finish',
  usage: 'workflow wait <name>… [-n ns] [--timeout 30m]',
  description: `
Waits until each workflow finishes and prints "<name> <phase>". Exits 0 when all succeeded, 1 when any failed or
errored or the timeout passed first.

  --timeout: give up after this long, e.g. 90 (seconds), 30m, 2h
${connectionHelp}`,
  examples: ['workflow wait customer-features-2026-06-17 --timeout 2h'],
  options: { ...connectionOptions, timeout: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one workflow name');
    const timeoutMs = values.timeout === undefined ? undefined : parseDuration('--timeout', values.timeout);
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    return runCluster('wait', values, io, async (client) => {
      let code: ExitCode = ExitCode.Ok;
      for (const name of positionals) {
        const left = deadline === undefined ? undefined : Math.max(1, deadline - Date.now());
        const done = await client.workflows
          .wait(name, { namespace: values.namespace, timeoutMs: left })
          .catch((error) => {
            // Report the --timeout the user gave, not what was left of it for this workflow.
            if (error instanceof WaitTimeoutError && timeoutMs !== undefined) {
              throw new WaitTimeoutError(error.workflow, timeoutMs, error.lastPhase);
            }
            throw error;
          });
        io.stdout.write(`${name} ${done.status?.phase ?? ''}\n`);
        code = Math.max(code, exitCodeOfPhase(done)) as ExitCode;
      }
      return code;
    });
  },
});
