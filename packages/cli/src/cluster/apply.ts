import type { ClusterWorkflowTemplate, CronWorkflow, WorkflowTemplate } from '@sluice/argo-types';
import type { ApplyAction, ArgoClient } from '@sluice/client';
import type { CommandIO } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import type { ConnectionValues } from './connection.js';
import { lintTarget } from './lint-target.js';
import { lintAll, nameOf, readManifests, type SourcedManifest, validateAll } from './manifests.js';
import { ValidationFailure } from './run-cluster.js';

/** The kinds `apply` handles. */
export type AppliedKind = 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';

/**
 * Reads, validates and (unless `noLint`) lints the files, keeping the documents of the given kinds. A validation
 * problem is printed and returned as exit code 2.
 */
export async function loadForApply(
  command: string,
  files: readonly string[],
  kinds: readonly AppliedKind[],
  io: CommandIO,
  noLint: boolean | undefined,
  values: ConnectionValues & { readonly 'argo-version'?: string } = {},
): Promise<SourcedManifest[] | ExitCode> {
  try {
    const target = await lintTarget(values, files, io, false);
    const manifests = (await Promise.all(files.map((f) => readManifests(f, io.cwd)))).flat();
    const selected = manifests.filter((m) => kinds.includes(m.doc.kind as AppliedKind));
    if (selected.length === 0) {
      throw new ValidationFailure(`${files.join(', ')}: nothing to apply (no ${kinds.join(' or ')})`);
    }
    validateAll(selected, target);
    if (!noLint) for (const warning of lintAll(manifests, target)) io.stderr.write(`warning: ${warning}\n`);
    return selected;
  } catch (error) {
    if (error instanceof ValidationFailure) {
      io.stderr.write(`workflow ${command}: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  }
}

/** Creates or updates one manifest and prints `kind/name action`. */
export async function applyOne(
  client: ArgoClient,
  manifest: SourcedManifest,
  namespace: string | undefined,
  io: CommandIO,
): Promise<ApplyAction> {
  const kind = manifest.doc.kind as AppliedKind;
  const options = { namespace };
  let action: ApplyAction;
  if (kind === 'WorkflowTemplate') {
    action = (await client.workflowTemplates.apply(manifest.doc as unknown as WorkflowTemplate, options)).action;
  } else if (kind === 'ClusterWorkflowTemplate') {
    action = (await client.clusterWorkflowTemplates.apply(manifest.doc as unknown as ClusterWorkflowTemplate)).action;
  } else {
    action = (await client.cronWorkflows.apply(manifest.doc as unknown as CronWorkflow, options)).action;
  }
  io.stdout.write(`${kind.toLowerCase()}/${nameOf(manifest.doc)} ${action}\n`);
  return action;
}
