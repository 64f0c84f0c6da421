import type { Workflow } from '@sluice/argo-types';
import { connectionHelp, connectionOptions } from '../cluster/connection.js';
import { parseDuration } from '../cluster/duration.js';
import { formatWorkflowList, parseOutput } from '../cluster/output.js';
import { runCluster } from '../cluster/run-cluster.js';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const phases = ['Pending', 'Running', 'Succeeded', 'Failed', 'Error'];

export default defineCommand({
  name: 'list',
  summary: 'list workflows on the Argo Server',
  usage:
    'workflow list [-n ns | -A] [-l selector] [--status Running,Failed] [--since 1h] [--prefix P] [-o name|json|yaml|wide]',
  description: `
Lists workflows, newest names last, following pages until done (or --limit).

  --all-namespaces: list every namespace
  --selector: label selector, e.g. app=etl
  --status: only these phases, comma-separated (Pending, Running, Succeeded, Failed, Error)
  --since: only workflows created within this duration, e.g. 1h
  --prefix: only names starting with this
  --limit: at most this many
  --output: name, json, yaml or wide
${connectionHelp}`,
  examples: ['workflow list -l app=customer-features --status Failed,Error --since 24h', 'workflow list -A -o wide'],
  options: {
    ...connectionOptions,
    'all-namespaces': { type: 'boolean', short: 'A' },
    selector: { type: 'string', short: 'l' },
    status: { type: 'string' },
    since: { type: 'string' },
    prefix: { type: 'string' },
    limit: { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  async run({ values, positionals }, io) {
    const output = parseOutput(values.output);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const selectors = values.selector ? [values.selector] : [];
    if (values.status) {
      const wanted = values.status.split(',').map((s) => s.trim());
      const bad = wanted.find((s) => !phases.includes(s));
      if (bad !== undefined) throw new UsageError(`--status "${bad}" is not a phase; use ${phases.join(', ')}`);
      selectors.push(`workflows.argoproj.io/phase in (${wanted.join(',')})`);
    }
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
      throw new UsageError(`--limit must be a positive integer, got "${values.limit}"`);
    }
    const createdAfter =
      values.since === undefined
        ? undefined
        : new Date(Date.now() - parseDuration('--since', values.since)).toISOString();
    return runCluster('list', values, io, async (client) => {
      const workflows: Workflow[] = [];
      for await (const wf of client.workflows.listAll({
        namespace: values['all-namespaces'] ? '' : values.namespace,
        labelSelector: selectors.length > 0 ? selectors.join(',') : undefined,
        fieldSelector: values.prefix ? `metadata.name=${values.prefix}` : undefined,
        nameFilter: values.prefix ? 'Prefix' : undefined,
        createdAfter,
        limit: limit === undefined ? 500 : Math.min(limit, 500),
      })) {
        workflows.push(wf);
        if (limit !== undefined && workflows.length >= limit) break;
      }
      io.stdout.write(formatWorkflowList(workflows, values['all-namespaces'] && output === 'table' ? 'wide' : output));
      return ExitCode.Ok;
    });
  },
});
