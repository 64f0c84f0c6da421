import { isObject, type Json, obj, objects, str } from './json.js';

/** A (Cluster)WorkflowTemplate found among the linted documents, which `templateRef`s may point at. */
export interface TemplateOwner {
  /** `WorkflowTemplate` or `ClusterWorkflowTemplate` (or the linted document's own kind for local templates). */
  readonly kind: string;
  /** metadata.name. */
  readonly name: string;
  /** metadata.namespace, `''` when unset. */
  readonly namespace: string;
  /** Where it was read from. */
  readonly source: string;
  /** Its workflow spec. */
  readonly spec: Json;
  /** Its templates by name (the first of a duplicated name wins, as in Argo). */
  readonly templates: ReadonlyMap<string, Json>;
}

/** A duplicate (Cluster)WorkflowTemplate name among the linted documents. */
export interface DuplicateTemplate {
  /** The later document, which is reported. */
  readonly doc: unknown;
  /** The message. */
  readonly message: string;
}

/** Builds the {@link TemplateOwner} view of a workflow spec. */
export function ownerOf(kind: string, metadata: unknown, spec: Json, source: string): TemplateOwner {
  const templates = new Map<string, Json>();
  for (const t of objects(spec.templates)) {
    const name = str(t.name);
    if (name !== '' && !templates.has(name)) templates.set(name, t);
  }
  const meta = obj(metadata);
  return { kind, name: str(meta.name), namespace: str(meta.namespace), source, spec, templates };
}

/**
 * The WorkflowTemplates and ClusterWorkflowTemplates of every document given to `lint()`, the way
 * `argo lint --offline` loads them before linting anything: `templateRef`s resolve against this set only.
 */
export class TemplateLibrary {
  readonly #namespaced = new Map<string, TemplateOwner[]>();
  readonly #cluster = new Map<string, TemplateOwner>();
  /** Documents whose name repeats an earlier one of the same kind and namespace. */
  readonly duplicates: DuplicateTemplate[] = [];

  /** Collects the templates of the given documents. */
  constructor(documents: readonly { source: string; doc: unknown }[]) {
    for (const { source, doc } of documents) {
      if (!isObject(doc) || (doc.kind !== 'WorkflowTemplate' && doc.kind !== 'ClusterWorkflowTemplate')) continue;
      const owner = ownerOf(doc.kind, doc.metadata, obj(doc.spec), source);
      if (owner.name === '') continue;
      if (doc.kind === 'ClusterWorkflowTemplate') {
        const previous = this.#cluster.get(owner.name);
        if (previous) this.#duplicate(doc, owner, previous);
        else this.#cluster.set(owner.name, owner);
        continue;
      }
      const sameName = this.#namespaced.get(owner.name) ?? [];
      const previous = sameName.find((o) => o.namespace === owner.namespace);
      if (previous) this.#duplicate(doc, owner, previous);
      else this.#namespaced.set(owner.name, [...sameName, owner]);
    }
  }

  #duplicate(doc: unknown, owner: TemplateOwner, previous: TemplateOwner): void {
    const where = owner.namespace === '' ? '' : ` in namespace "${owner.namespace}"`;
    this.duplicates.push({
      doc,
      message: `duplicate ${owner.kind} "${owner.name}"${where}: already defined in ${previous.source}`,
    });
  }

  /** Looks up a WorkflowTemplate (preferring the given namespace) or a ClusterWorkflowTemplate by name. */
  find(name: string, clusterScope: boolean, namespace: string): TemplateOwner | undefined {
    if (clusterScope) return this.#cluster.get(name);
    const candidates = this.#namespaced.get(name) ?? [];
    return candidates.find((o) => o.namespace === namespace) ?? candidates[0];
  }
}
