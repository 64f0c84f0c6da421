import { type ApplyAction, type ArgoClient, ArgoServerError, NotFoundError } from '@sluice/client';
import type { CommandIO } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import type { ConnectionValues } from './connection.js';
import { type FieldChange, fieldChanges, managedPart } from './diff.js';
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
    const manifests = (await Promise.all(files.map((f) => readManifests(f, io.cwd, io.env)))).flat();
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

/** The server API of one applied kind, typed loosely: the manifests come from files. */
interface KindApi {
  get(name: string, options: { namespace?: string }): Promise<Record<string, unknown>>;
  create(object: Record<string, unknown>, options: { namespace?: string }): Promise<unknown>;
  update(object: Record<string, unknown>, options: { namespace?: string }): Promise<unknown>;
  delete(name: string, options: { namespace?: string }): Promise<unknown>;
  list(options: { namespace?: string; labelSelector?: string }): Promise<{ items?: unknown[] | null }>;
}

/** The client API that stores a kind. */
export function apiFor(client: ArgoClient, kind: AppliedKind): KindApi {
  const api =
    kind === 'WorkflowTemplate'
      ? client.workflowTemplates
      : kind === 'ClusterWorkflowTemplate'
        ? client.clusterWorkflowTemplates
        : client.cronWorkflows;
  return api as unknown as KindApi;
}

/** What the server has of a manifest: `undefined` when it has none of that name. */
export async function existingOf(
  client: ArgoClient,
  doc: Record<string, unknown>,
  namespace: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  try {
    return await apiFor(client, doc.kind as AppliedKind).get(nameOf(doc), { namespace: namespaceOf(doc, namespace) });
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * The fields deploying would change on the server: labels and annotations the manifest sets, and its spec. Labels
 * the server added itself (such as Argo's `workflows.argoproj.io/creator`) are not changes.
 */
export function changesFor(existing: Record<string, unknown>, wanted: Record<string, unknown>): FieldChange[] {
  const want = managedPart(wanted);
  const have = managedPart(existing);
  const metadata = (part: Record<string, unknown>) =>
    part.metadata as Record<string, Record<string, unknown> | undefined>;
  for (const key of ['labels', 'annotations']) {
    const wantedKeys = Object.keys(metadata(want)[key] ?? {});
    const had = metadata(have)[key] ?? {};
    metadata(have)[key] = Object.fromEntries(Object.entries(had).filter(([k]) => wantedKeys.includes(k)));
    if (wantedKeys.length === 0) metadata(want)[key] = {};
  }
  return fieldChanges(have, want);
}

/**
 * Creates the manifest when the server has none of its name, updates it when its labels, annotations or spec
 * differ, and leaves it otherwise. Safe to repeat after a lost answer: an update that lost the race with its own
 * earlier attempt is checked again rather than reported as a conflict.
 */
export async function applyManifest(
  client: ArgoClient,
  doc: Record<string, unknown>,
  namespace: string | undefined,
): Promise<ApplyAction> {
  const api = apiFor(client, doc.kind as AppliedKind);
  const options = { namespace: namespaceOf(doc, namespace) };
  let updated = false;
  for (let attempt = 1; ; attempt++) {
    const existing = await existingOf(client, doc, namespace);
    if (existing === undefined) {
      await api.create(doc, options);
      return 'created';
    }
    if (changesFor(existing, doc).length === 0) return updated ? 'updated' : 'unchanged';
    const metadata = (existing.metadata ?? {}) as { resourceVersion?: string };
    try {
      await api.update(
        { ...doc, metadata: { ...(doc.metadata as object), resourceVersion: metadata.resourceVersion } },
        options,
      );
      return 'updated';
    } catch (error) {
      // 409: the object moved on since the read (often our own update, whose answer was lost): read it again.
      if (!(error instanceof ArgoServerError && error.status === 409) || attempt >= 5) throw error;
      updated = true;
    }
  }
}

/** Creates or updates one manifest and prints `kind/name action`. */
export async function applyOne(
  client: ArgoClient,
  manifest: SourcedManifest,
  namespace: string | undefined,
  io: CommandIO,
): Promise<ApplyAction> {
  const action = await applyManifest(client, manifest.doc, namespace);
  io.stdout.write(`${String(manifest.doc.kind).toLowerCase()}/${nameOf(manifest.doc)} ${action}\n`);
  return action;
}

/** The namespace a manifest goes to: `-n`, else its own, else the client's default. */
export function namespaceOf(doc: Record<string, unknown>, namespace: string | undefined): string | undefined {
  if (doc.kind === 'ClusterWorkflowTemplate') return undefined;
  return namespace ?? ((doc.metadata ?? {}) as { namespace?: string }).namespace;
}
