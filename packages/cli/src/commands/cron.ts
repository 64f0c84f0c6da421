import { argoVersionHelp, argoVersionOption } from '../argo-version.js';
import { applyOne, loadForApply } from '../cluster/apply.js';
import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'cron',
  summary: 'apply, suspend and resume CronWorkflows on the Argo Server',
  usage: 'workflow cron apply <file>… | workflow cron suspend <name>… | workflow cron resume <name>…  [-n ns]',
  description: `
"cron apply" creates or updates each CronWorkflow of the files (YAML, JSON or a .ts entry), after checking and
linting them locally. "cron suspend" stops scheduling new runs; "cron resume" starts again.

  --no-lint: skip the local lint on apply (the schema check still runs)
${argoVersionHelp(true)}
${connectionHelp}`,
  examples: ['workflow cron apply crons/nightly-features.yaml', 'workflow cron suspend nightly-features'],
  options: { ...connectionOptions, 'no-lint': { type: 'boolean' }, ...argoVersionOption },
  async run({ values, positionals }, io) {
    const [verb, ...rest] = positionals;
    if (rest.length === 0) throw new UsageError(`give at least one ${verb === 'apply' ? 'file' : 'CronWorkflow name'}`);
    if (verb === 'apply') {
      const manifests = await loadForApply('cron apply', rest, ['CronWorkflow'], io, values['no-lint'], values);
      if (!Array.isArray(manifests)) return manifests;
      return runCluster('cron apply', values, io, async (client) => {
        for (const manifest of manifests) await applyOne(client, manifest, values.namespace, io);
        return ExitCode.Ok;
      });
    }
    if (verb !== 'suspend' && verb !== 'resume') {
      throw new UsageError(`unknown cron sub-command "${verb ?? ''}"; use apply, suspend or resume`);
    }
    return runCluster(`cron ${verb}`, values, io, async (client) => {
      for (const name of rest) {
        await client.cronWorkflows[verb](name, { namespace: values.namespace });
        io.stdout.write(`cronworkflow/${name} ${verb === 'suspend' ? 'suspended' : 'resumed'}\n`);
      }
      return ExitCode.Ok;
    });
  },
});
