import type { Workflow } from '@sluice/argo-types';
import type { ArgoClient } from '@sluice/client';
import { type CommandIO, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { watchToEnd } from './follow.js';
import { formatWorkflow, type OutputFormat } from './output.js';

/**
 * Applies a lifecycle action to each named workflow, prints the result, and with `--watch`/`--wait` follows the
 * resulting workflow to its end (exit 1 when it fails).
 */
export async function eachWorkflow(
  client: ArgoClient,
  names: readonly string[],
  io: CommandIO,
  options: { output: OutputFormat; watch?: boolean; wait?: boolean; namespace?: string },
  action: (name: string) => Promise<Workflow>,
): Promise<ExitCode> {
  if (options.watch && options.wait) throw new UsageError('--watch and --wait are exclusive: pick one');
  let code: ExitCode = ExitCode.Ok;
  for (const name of names) {
    const result = await action(name);
    io.stdout.write(formatWorkflow(result, options.output));
    if (options.watch || options.wait) {
      const followed = result.metadata.name ?? name;
      const outcome = await watchToEnd(client, followed, result.metadata.namespace ?? options.namespace, io, {
        quiet: options.wait,
      });
      code = Math.max(code, outcome) as ExitCode;
    }
  }
  return code;
}

/** `-p a=1 -p b=2` → `['a=1', 'b=2']`, checked. */
export function parameterPairs(pairs: readonly string[] | undefined): string[] {
  for (const pair of pairs ?? []) {
    if (pair.indexOf('=') <= 0) throw new UsageError(`-p "${pair}" must be name=value`);
  }
  return [...(pairs ?? [])];
}
