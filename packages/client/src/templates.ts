import type {
  ClusterWorkflowTemplate,
  ClusterWorkflowTemplateList,
  CronWorkflow,
  CronWorkflowList,
  WorkflowTemplate,
  WorkflowTemplateList,
} from '@sluice/argo-types';
import type { CronWorkflow as CronWorkflow35 } from '@sluice/argo-types/v3.5';
import type { CronWorkflow as CronWorkflow36 } from '@sluice/argo-types/v3.6';
import type { CronWorkflow as CronWorkflow37 } from '@sluice/argo-types/v3.7';
import type { CronWorkflow as CronWorkflow40 } from '@sluice/argo-types/v4.0';
import { firstDifference } from './compare.js';
import { type ClientContext, path } from './context.js';
import { NotFoundError } from './errors.js';
import type { NamespaceOption } from './workflows.js';

/**
 * Options of the template and cron `list` calls.
 * @example
 * ```ts
 * import { createClient, type ListOptions } from '@sluice/client';
 *
 * const client = createClient({ server: 'https://argo.example.org:2746' });
 * const options: ListOptions = { namespace: 'etl', labelSelector: 'team=data', limit: 50 };
 * const templates = await client.workflowTemplates.list(options);
 * ```
 */
export interface ListOptions extends NamespaceOption {
  /** Kubernetes label selector. */
  readonly labelSelector?: string;
  /** Page size. */
  readonly limit?: number;
  /** The `continue` token of the previous page. */
  readonly continue?: string;
}

/**
 * What `apply` did.
 * @example
 * ```ts
 * import { type ApplyAction, createClient } from '@sluice/client';
 * import type { WorkflowTemplate } from '@sluice/argo-types';
 *
 * const client = createClient({ server: 'https://argo.example.org:2746' });
 * const template: WorkflowTemplate = { metadata: { name: 'nightly' }, spec: { entrypoint: 'main', templates: [] } };
 * const action: ApplyAction = (await client.workflowTemplates.apply(template)).action;
 * ```
 */
export type ApplyAction = 'created' | 'updated' | 'unchanged';

interface Named {
  metadata: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: unknown;
}

/**
 * Shared CRUD for the three namespaced-or-cluster template kinds.
 * @example
 * ```ts
 * import { createClient, type ObjectApi } from '@sluice/client';
 * import type { WorkflowTemplate, WorkflowTemplateList } from '@sluice/argo-types';
 *
 * const names = async (api: ObjectApi<WorkflowTemplate, WorkflowTemplateList>) =>
 *   ((await api.list()).items ?? []).map((t) => t.metadata.name);
 * console.log(await names(createClient({ server: 'https://argo.example.org:2746' }).workflowTemplates));
 * ```
 */
export abstract class ObjectApi<T extends Named, L> {
  protected abstract readonly kind: string;
  /** The JSON field the object travels in: `template` or `cronWorkflow`. */
  protected abstract readonly field: 'template' | 'cronWorkflow';
  constructor(readonly context: ClientContext) {}

  /** The collection path for a namespace (ignored by cluster-scoped kinds). */
  protected abstract collection(namespace: string): string;
  /** Whether the body carries `namespace`. */
  protected abstract readonly namespaced: boolean;

  /**
   * Creates the object. Idempotent: an existing object of the same name and spec is returned; one with another
   * spec fails with a {@link DefinitionConflictError} (use {@link ObjectApi.apply} to update it).
   */
  async create(object: T, options: NamespaceOption = {}): Promise<T> {
    const namespace = this.#ns(object, options);
    const name = requireName(this.kind, object);
    return this.context.createIdempotent({
      kind: this.kind,
      objectName: this.namespaced ? `${namespace}/${name}` : name,
      create: () =>
        this.context.transport.json<T>('POST', this.collection(namespace), { body: this.#body(object, namespace) }),
      get: () => this.get(name, { namespace }),
      difference: (existing) => firstDifference(object.spec, existing.spec, 'spec'),
    });
  }

  /** Gets the object by name. */
  get(name: string, options: NamespaceOption = {}): Promise<T> {
    const namespace = this.context.ns(options.namespace);
    return this.context.safe(() => this.context.transport.json<T>('GET', this.#item(namespace, name)));
  }

  /** Lists one page. */
  list(options: ListOptions = {}): Promise<L> {
    const namespace = this.context.ns(options.namespace);
    return this.context.safe(() =>
      this.context.transport.json<L>('GET', this.collection(namespace), {
        query: {
          'listOptions.labelSelector': options.labelSelector,
          'listOptions.limit': options.limit,
          'listOptions.continue': options.continue,
        },
      }),
    );
  }

  /** Replaces the object; `metadata.resourceVersion` guards against lost updates when set. */
  async update(object: T, options: NamespaceOption = {}): Promise<T> {
    const namespace = this.#ns(object, options);
    const name = requireName(this.kind, object);
    return this.context.safe(() =>
      this.context.transport.json<T>('PUT', this.#item(namespace, name), {
        body: { ...this.#body(object, namespace), name },
      }),
    );
  }

  /** Deletes the object. */
  delete(name: string, options: NamespaceOption = {}): Promise<Record<string, never>> {
    const namespace = this.context.ns(options.namespace);
    return this.context.safe(() =>
      this.context.transport.json<Record<string, never>>('DELETE', this.#item(namespace, name)),
    );
  }

  /** Lints the object on the server. */
  lint(object: T, options: NamespaceOption = {}): Promise<T> {
    const namespace = this.#ns(object, options);
    return this.context.safe(() =>
      this.context.transport.json<T>('POST', `${this.collection(namespace)}/lint`, {
        body: this.#body(object, namespace),
      }),
    );
  }

  /**
   * Creates the object, or updates it when one of that name exists (`kubectl apply` semantics, what
   * `workflow template apply` does). Returns what was done and the object as the server has it.
   *
   * @example
   * ```ts
   * const { action } = await client.workflowTemplates.apply(template);
   * console.log(`workflowtemplate/${template.metadata.name} ${action}`);
   * ```
   */
  async apply(object: T, options: NamespaceOption = {}): Promise<{ action: ApplyAction; object: T }> {
    const namespace = this.#ns(object, options);
    const name = requireName(this.kind, object);
    let existing: T | undefined;
    try {
      existing = await this.get(name, { namespace });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    if (existing === undefined) return { action: 'created', object: await this.create(object, { namespace }) };
    if (firstDifference(object.spec, existing.spec) === undefined) return { action: 'unchanged', object: existing };
    const updated = await this.update(
      { ...object, metadata: { ...object.metadata, resourceVersion: existing.metadata.resourceVersion } },
      { namespace },
    );
    return { action: 'updated', object: updated };
  }

  #ns(object: T, options: NamespaceOption): string {
    return this.context.ns(options.namespace ?? object.metadata.namespace);
  }

  #item(namespace: string, name: string): string {
    return `${this.collection(namespace)}/${encodeURIComponent(name)}`;
  }

  #body(object: T, namespace: string): Record<string, unknown> {
    if (!this.namespaced) return { [this.field]: object };
    return { namespace, [this.field]: { ...object, metadata: { ...object.metadata, namespace } } };
  }
}

function requireName(kind: string, object: Named): string {
  const name = object.metadata.name;
  if (name === undefined || name === '') throw new TypeError(`${kind}: metadata.name is required`);
  return name;
}

/**
 * WorkflowTemplates in a namespace.
 * @example
 * ```ts
 * import { createClient, type WorkflowTemplatesApi } from '@sluice/client';
 *
 * const api: WorkflowTemplatesApi = createClient({ server: 'https://argo.example.org:2746' }).workflowTemplates;
 * await api.delete('customer-features', { namespace: 'etl' });
 * ```
 */
export class WorkflowTemplatesApi extends ObjectApi<WorkflowTemplate, WorkflowTemplateList> {
  protected readonly kind = 'WorkflowTemplate';
  protected readonly field = 'template';
  protected readonly namespaced = true;
  protected collection(namespace: string): string {
    return path`/api/v1/workflow-templates/${namespace}`;
  }
}

/**
 * ClusterWorkflowTemplates (cluster-scoped: the namespace options are ignored).
 * @example
 * ```ts
 * import { type ClusterWorkflowTemplatesApi, createClient } from '@sluice/client';
 *
 * const api: ClusterWorkflowTemplatesApi = createClient({ server: 'https://argo.example.org:2746' }).clusterWorkflowTemplates;
 * const shared = await api.get('shared-steps');
 * ```
 */
export class ClusterWorkflowTemplatesApi extends ObjectApi<ClusterWorkflowTemplate, ClusterWorkflowTemplateList> {
  protected readonly kind = 'ClusterWorkflowTemplate';
  protected readonly field = 'template';
  protected readonly namespaced = false;
  protected collection(): string {
    return '/api/v1/cluster-workflow-templates';
  }
}

/**
 * A CronWorkflow as any supported Argo release writes it: `schedule` (up to 3.7) or `schedules` (from 3.6), and
 * each release's fields. The server decides what it accepts.
 * @example
 * ```ts
 * import { type AnyReleaseCronWorkflow, createClient } from '@sluice/client';
 *
 * const nightly: AnyReleaseCronWorkflow = {
 *   metadata: { name: 'nightly' },
 *   spec: { schedule: '0 3 * * *', workflowSpec: { entrypoint: 'main', templates: [] } },
 * };
 * await createClient({ server: 'https://argo.example.org:2746' }).cronWorkflows.apply(nightly);
 * ```
 */
export type AnyReleaseCronWorkflow = CronWorkflow | CronWorkflow40 | CronWorkflow37 | CronWorkflow36 | CronWorkflow35;

/**
 * CronWorkflows in a namespace, with suspend and resume.
 * @example
 * ```ts
 * import { createClient, type CronWorkflowsApi } from '@sluice/client';
 *
 * const api: CronWorkflowsApi = createClient({ server: 'https://argo.example.org:2746' }).cronWorkflows;
 * await api.suspend('nightly', { namespace: 'etl' });
 * ```
 */
export class CronWorkflowsApi extends ObjectApi<AnyReleaseCronWorkflow, CronWorkflowList> {
  protected readonly kind = 'CronWorkflow';
  protected readonly field = 'cronWorkflow';
  protected readonly namespaced = true;
  protected collection(namespace: string): string {
    return path`/api/v1/cron-workflows/${namespace}`;
  }

  /** Suspends the schedule: no new runs until resumed. */
  suspend(name: string, options: NamespaceOption = {}): Promise<CronWorkflow> {
    return this.#toggle('suspend', name, options);
  }

  /** Resumes a suspended schedule. */
  resume(name: string, options: NamespaceOption = {}): Promise<CronWorkflow> {
    return this.#toggle('resume', name, options);
  }

  #toggle(verb: 'suspend' | 'resume', name: string, options: NamespaceOption): Promise<CronWorkflow> {
    const namespace = this.context.ns(options.namespace);
    return this.context.safe(() =>
      this.context.transport.json<CronWorkflow>(
        'PUT',
        `${this.collection(namespace)}/${encodeURIComponent(name)}/${verb}`,
        {
          body: { name, namespace },
        },
      ),
    );
  }
}
