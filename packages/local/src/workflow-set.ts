import type { ArgoManifest, Template, TemplateRef, WorkflowSpec } from '@sluice/argo-types';
import { formatIssue, validateManifest, workflowKinds } from '@sluice/argo-types';

/**
 * Input that cannot be run: no workflow, an ambiguous set, a missing reference. Maps to exit code 2.
 * @example
 * ```ts
 * import { runWorkflow, WorkflowInputError } from '@sluice/local';
 *
 * try {
 *   await runWorkflow([{ kind: 'ConfigMap' }]);
 * } catch (error) {
 *   if (error instanceof WorkflowInputError) console.error(error.message); // names the document and what to give
 * }
 * ```
 */
export class WorkflowInputError extends Error {
  override readonly name = 'WorkflowInputError';
}

/** Where plain `template:` names resolve: the workflow's own templates, or those of one (Cluster)WorkflowTemplate. */
export interface TemplateScope {
  /** `workflow`, `WorkflowTemplate/<name>` or `ClusterWorkflowTemplate/<name>`. */
  readonly id: string;
  /** Templates by name. */
  readonly templates: ReadonlyMap<string, Template>;
}

/** A workflow ready to run: its name, merged spec and every template it may reach. */
export interface WorkflowSet {
  /** `metadata.name`, or `generateName` plus a suffix. */
  readonly name: string;
  /** Namespace from metadata, else `default`. */
  readonly namespace: string;
  /** The Workflow's spec merged over its `workflowTemplateRef`'s, with `-p` parameters applied. */
  readonly spec: WorkflowSpec;
  /** The scope of `spec.templates` (or of the referenced WorkflowTemplate). */
  readonly root: TemplateScope;
  /** Labels and annotations, for `{{workflow.labels.*}}` / `{{workflow.annotations.*}}`. */
  readonly labels: Readonly<Record<string, string>>;
  /** See {@link WorkflowSet.labels}. */
  readonly annotations: Readonly<Record<string, string>>;
  /** Looks up a `templateRef`. */
  resolveRef(ref: TemplateRef, where: string): { template: Template; scope: TemplateScope };
  /** The manifests as given, for the run directory. */
  readonly manifests: readonly ArgoManifest[];
}

function scopeOf(id: string, templates: readonly Template[] | undefined): TemplateScope {
  const map = new Map<string, Template>();
  for (const t of templates ?? []) if (t.name !== undefined) map.set(t.name, t);
  return { id, templates: map };
}

function randomSuffix(length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

function isManifest(value: unknown): value is ArgoManifest {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/**
 * Checks each workflow-kind document against Argo's schema before anything reads it, so that a Workflow without
 * `spec` or with `templates: {a: 1}` is an input error naming the field, as `argo submit` (strict) reports it.
 */
function checkStructure(manifests: readonly { kind?: unknown }[]): void {
  for (const manifest of manifests) {
    if (typeof manifest.kind !== 'string' || !workflowKinds.includes(manifest.kind)) continue;
    const { issues } = validateManifest(manifest);
    if (issues.length === 0) continue;
    const name = (manifest as { metadata?: { name?: unknown } }).metadata?.name;
    const shown = issues.slice(0, 5).map(formatIssue).join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    throw new WorkflowInputError(
      `${manifest.kind}${typeof name === 'string' ? ` "${name}"` : ''} does not match Argo's schema: ${shown}${more}`,
    );
  }
}

/**
 * Builds the runnable set from manifests (a Workflow plus the WorkflowTemplates / ClusterWorkflowTemplates its
 * `templateRef` and `workflowTemplateRef` point to). With no Workflow, a single WorkflowTemplate that has an
 * entrypoint is run as if submitted with `argo submit --from`.
 *
 * @param parameters `-p name=value` overrides of `spec.arguments.parameters`.
 * @throws {WorkflowInputError} naming what is missing or ambiguous.
 */
export function resolveWorkflowSet(
  input: readonly unknown[],
  parameters: Readonly<Record<string, string>> = {},
  options: { name?: string } = {},
): WorkflowSet {
  const manifests = input.filter(isManifest);
  checkStructure(manifests);
  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const templatesByName = new Map<string, TemplateScope & { spec: WorkflowSpec }>();
  for (const kind of ['WorkflowTemplate', 'ClusterWorkflowTemplate'] as const) {
    for (const m of byKind(kind)) {
      const name = m.metadata?.name;
      if (name === undefined) throw new WorkflowInputError(`a ${kind} has no metadata.name`);
      const key = `${kind}/${name}`;
      if (templatesByName.has(key)) throw new WorkflowInputError(`${kind} "${name}" is given twice`);
      const spec = (m.spec ?? {}) as WorkflowSpec;
      templatesByName.set(key, { ...scopeOf(key, spec.templates), spec });
    }
  }
  const workflows = byKind('Workflow');
  let metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  let spec: WorkflowSpec;
  if (workflows.length > 1) {
    const names = workflows.map((w) => w.metadata?.name ?? w.metadata?.generateName ?? '?').join(', ');
    throw new WorkflowInputError(`${workflows.length} Workflows given (${names}); run one at a time`);
  }
  const [workflow] = workflows;
  if (workflow !== undefined) {
    metadata = workflow.metadata ?? {};
    spec = workflow.spec;
  } else {
    const candidates = byKind('WorkflowTemplate').filter((m) => (m.spec as WorkflowSpec | undefined)?.entrypoint);
    const crons = byKind('CronWorkflow');
    const [only] = candidates;
    const [cron] = crons;
    if (candidates.length !== 1 && crons.length === 1 && cron?.kind === 'CronWorkflow') {
      // A CronWorkflow alone runs its workflowSpec once, as `argo submit --from cronwf/<name>` does.
      metadata = { generateName: `${cron.metadata?.name ?? 'workflow'}-`, namespace: cron.metadata?.namespace };
      spec = cron.spec.workflowSpec;
    } else if (candidates.length !== 1 || only === undefined) {
      const kinds = [...new Set(manifests.map((m) => m.kind))].join(', ') || 'none';
      throw new WorkflowInputError(
        `no Workflow to run (found: ${kinds}); give a Workflow, or exactly one WorkflowTemplate with an entrypoint, or one CronWorkflow`,
      );
    } else {
      metadata = { generateName: `${only.metadata?.name ?? 'workflow'}-`, namespace: only.metadata?.namespace };
      spec = { workflowTemplateRef: { name: only.metadata?.name } };
    }
  }
  let root = scopeOf('workflow', spec.templates);
  if (spec.workflowTemplateRef !== undefined) {
    const ref = spec.workflowTemplateRef;
    const key = `${ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'}/${ref.name ?? ''}`;
    const target = templatesByName.get(key);
    if (target === undefined) {
      throw new WorkflowInputError(`spec.workflowTemplateRef: ${key} is not among the given files`);
    }
    spec = mergeSpecs(target.spec, spec);
    root = target;
  }
  const given = new Map((spec.arguments?.parameters ?? []).map((p) => [p.name, p]));
  for (const name of Object.keys(parameters)) {
    if (!given.has(name)) {
      const known = [...given.keys()].join(', ') || 'none';
      throw new WorkflowInputError(`-p ${name}: the workflow has no parameter "${name}" (parameters: ${known})`);
    }
  }
  const argParams = (spec.arguments?.parameters ?? []).map((p) => {
    const override = parameters[p.name];
    return override === undefined ? p : { ...p, value: override };
  });
  for (const p of argParams) {
    if (p.value === undefined && p.valueFrom === undefined) {
      throw new WorkflowInputError(
        `spec.arguments.parameters.${p.name}: no value; give one with -p ${p.name}=VALUE (parameters in the API)`,
      );
    }
    if (p.enum && p.value !== undefined && !p.enum.includes(p.value)) {
      throw new WorkflowInputError(
        `spec.arguments.parameters.${p.name}: "${p.value}" is not one of ${p.enum.join(', ')}`,
      );
    }
  }
  spec = { ...spec, arguments: { ...spec.arguments, parameters: argParams } };
  if (spec.entrypoint === undefined || spec.entrypoint === '') {
    throw new WorkflowInputError('spec.entrypoint is required');
  }
  const name = options.name ?? metadata.name ?? `${metadata.generateName ?? 'workflow-'}${randomSuffix(5)}`;
  return {
    name,
    namespace: metadata.namespace ?? 'default',
    spec,
    root,
    labels: metadata.labels ?? {},
    annotations: metadata.annotations ?? {},
    manifests,
    resolveRef(ref, where) {
      const kind = ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
      const scope = templatesByName.get(`${kind}/${ref.name ?? ''}`);
      const template = scope?.templates.get(ref.template ?? '');
      if (scope === undefined || template === undefined) {
        const known = [...templatesByName.keys()].join(', ') || 'none';
        throw new WorkflowInputError(
          `${where}: template reference ${ref.name}.${ref.template} not found among the given files (${kind}s given: ${known})`,
        );
      }
      return { template, scope };
    },
  };
}

/** Argo's merge of a Workflow over its workflowTemplateRef: the Workflow's fields win; arguments merge by name. */
function mergeSpecs(base: WorkflowSpec, over: WorkflowSpec): WorkflowSpec {
  const { workflowTemplateRef: _ref, ...rest } = over;
  const params = new Map((base.arguments?.parameters ?? []).map((p) => [p.name, p]));
  for (const p of over.arguments?.parameters ?? []) params.set(p.name, { ...params.get(p.name), ...p });
  return { ...base, ...rest, arguments: { ...base.arguments, ...over.arguments, parameters: [...params.values()] } };
}
