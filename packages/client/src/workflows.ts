import type {
  LogEntry,
  Workflow,
  WorkflowCreateRequest,
  WorkflowDeleteResponse,
  WorkflowList,
  WorkflowSubmitRequest,
  WorkflowWatchEvent,
} from '@sluice/argo-types';
import { firstDifference, firstMissing } from './compare.js';
import { type ClientContext, path } from './context.js';
import { NotFoundError } from './errors.js';
import { namedResource, resourceList } from './response-shape.js';
import { streamResults } from './stream.js';
import { type WaitOptions, waitForWorkflow } from './wait.js';

/**
 * Options every namespaced call takes.
 * @example
 * ```ts
 * import { createClient, type NamespaceOption } from '@sluice/client';
 *
 * const inEtl: NamespaceOption = { namespace: 'etl' };
 * await createClient({ server: 'https://argo.example.org:2746' }).workflows.terminate('nightly-2026-06-17', inEtl);
 * ```
 */
export interface NamespaceOption {
  /** The namespace; the client's default when left out. */
  readonly namespace?: string;
}

/**
 * Options of {@link WorkflowsApi.create}.
 * @example
 * ```ts
 * import { createClient, type CreateWorkflowOptions } from '@sluice/client';
 * import type { Workflow } from '@sluice/argo-types';
 *
 * const workflow: Workflow = { metadata: { generateName: 'hello-' }, spec: { entrypoint: 'main', templates: [] } };
 * const options: CreateWorkflowOptions = { namespace: 'etl', serverDryRun: true };
 * await createClient({ server: 'https://argo.example.org:2746' }).workflows.create(workflow, options);
 * ```
 */
export interface CreateWorkflowOptions extends NamespaceOption {
  /** Ask the server to validate and default the workflow without saving it (`serverDryRun`). */
  readonly serverDryRun?: boolean;
}

/**
 * The kinds a workflow can be submitted from, as `--from KIND/NAME` spells them.
 * @example
 * ```ts
 * import { createClient, type SubmittableKind } from '@sluice/client';
 *
 * const kind: SubmittableKind = 'CronWorkflow';
 * await createClient({ server: 'https://argo.example.org:2746' }).workflows.submitFrom(kind, 'nightly');
 * ```
 */
export type SubmittableKind = 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';

/**
 * Options of {@link WorkflowsApi.submitFrom}: Argo's `submitOptions`.
 * @example
 * ```ts
 * import { createClient, type SubmitFromOptions } from '@sluice/client';
 *
 * const options: SubmitFromOptions = {
 *   parameters: { 'execution-date': '2026-06-17' },
 *   name: 'customer-features-2026-06-17',
 *   labels: { team: 'data' },
 * };
 * await createClient({ server: 'https://argo.example.org:2746' }).workflows.submitFrom('WorkflowTemplate', 'customer-features', options);
 * ```
 */
export interface SubmitFromOptions extends NamespaceOption {
  /** Parameters, `{ name: value }` or `['name=value']`. */
  readonly parameters?: Readonly<Record<string, string>> | readonly string[];
  /** A fixed name for the new workflow: makes the submission idempotent. */
  readonly name?: string;
  /** A name prefix; the server adds a random suffix. */
  readonly generateName?: string;
  /** Labels for the new workflow, `a=b,c=d` or a record. */
  readonly labels?: string | Readonly<Record<string, string>>;
  /** Annotations for the new workflow, `a=b,c=d` or a record. */
  readonly annotations?: string | Readonly<Record<string, string>>;
  /** The template to start from instead of the entrypoint. */
  readonly entryPoint?: string;
  /** The service account the workflow's pods run as. */
  readonly serviceAccount?: string;
  /** Validate on the server without creating. */
  readonly serverDryRun?: boolean;
}

/**
 * Options of {@link WorkflowsApi.get}.
 * @example
 * ```ts
 * import { createClient, type GetWorkflowOptions } from '@sluice/client';
 *
 * const options: GetWorkflowOptions = { fields: 'metadata.name,status.phase' };
 * await createClient({ server: 'https://argo.example.org:2746' }).workflows.get('nightly-2026-06-17', options);
 * ```
 */
export interface GetWorkflowOptions extends NamespaceOption {
  /** Field mask, e.g. `-status.nodes` to leave the node map out, or `metadata.name,status.phase`. */
  readonly fields?: string;
}

/**
 * Options of {@link WorkflowsApi.list}.
 * @example
 * ```ts
 * import { createClient, type ListWorkflowsOptions } from '@sluice/client';
 *
 * const options: ListWorkflowsOptions = { labelSelector: 'workflows.argoproj.io/phase=Failed', limit: 20 };
 * const failed = await createClient({ server: 'https://argo.example.org:2746' }).workflows.list(options);
 * ```
 */
export interface ListWorkflowsOptions extends NamespaceOption {
  /** Kubernetes label selector, e.g. `app=etl,workflows.argoproj.io/phase in (Failed,Error)`. */
  readonly labelSelector?: string;
  /** Kubernetes field selector, e.g. `metadata.name=etl-1`. */
  readonly fieldSelector?: string;
  /** Page size. */
  readonly limit?: number;
  /** The `continue` token of the previous page. */
  readonly continue?: string;
  /** Field mask, e.g. `items.metadata.name,items.status.phase`. */
  readonly fields?: string;
  /** How `fieldSelector`'s `metadata.name` is matched. */
  readonly nameFilter?: 'Exact' | 'Prefix' | 'Contains';
  /** Only workflows created after this RFC 3339 time. */
  readonly createdAfter?: string;
  /** Only workflows finished before this RFC 3339 time. */
  readonly finishedBefore?: string;
}

/**
 * Options of {@link WorkflowsApi.watch}.
 * @example
 * ```ts
 * import { createClient, type WatchOptions } from '@sluice/client';
 *
 * const options: WatchOptions = { labelSelector: 'team=data', signal: AbortSignal.timeout(60_000) };
 * for await (const event of createClient({ server: 'https://argo.example.org:2746' }).workflows.watch(undefined, options)) {
 *   console.log(event.type, event.object?.metadata.name);
 * }
 * ```
 */
export interface WatchOptions extends NamespaceOption {
  /** Extra field selector; the workflow name, when given, is added as `metadata.name=NAME`. */
  readonly fieldSelector?: string;
  /** Label selector. */
  readonly labelSelector?: string;
  /** Stops the stream. */
  readonly signal?: AbortSignal;
}

/**
 * Options of {@link WorkflowsApi.logs}.
 * @example
 * ```ts
 * import { createClient, type LogsOptions } from '@sluice/client';
 *
 * const options: LogsOptions = { container: 'main', grep: 'ERROR', tailLines: 100 };
 * for await (const entry of createClient({ server: 'https://argo.example.org:2746' }).workflows.logs('nightly-2026-06-17', options)) {
 *   console.log(entry.podName, entry.content);
 * }
 * ```
 */
export interface LogsOptions extends NamespaceOption {
  /** One pod only (`argo logs WF POD`). */
  readonly podName?: string;
  /** The container; `main` by default. */
  readonly container?: string;
  /** Keep streaming until the workflow finishes (`-f`). */
  readonly follow?: boolean;
  /** Only lines containing this text. */
  readonly grep?: string;
  /** Label selector of the pods. */
  readonly selector?: string;
  /** Only the last N lines of each pod. */
  readonly tailLines?: number;
  /** Only lines newer than this many seconds. */
  readonly sinceSeconds?: number;
  /** Prefix each line with its timestamp. */
  readonly timestamps?: boolean;
  /** Logs of the previous container instance. */
  readonly previous?: boolean;
  /** Stops the stream. */
  readonly signal?: AbortSignal;
}

/**
 * Workflows: create, submit from a template, get, list, watch, logs, wait and the lifecycle actions.
 * @example
 * ```ts
 * import { createClient, type WorkflowsApi } from '@sluice/client';
 *
 * const api: WorkflowsApi = createClient({ server: 'https://argo.example.org:2746', namespace: 'etl' }).workflows;
 * await api.retry('nightly-2026-06-17');
 * ```
 */
export class WorkflowsApi {
  constructor(readonly context: ClientContext) {}

  /**
   * Creates (submits) a workflow. With a fixed `metadata.name` the call is idempotent: it is retried on transient
   * failures, and an existing workflow of that name with the same spec is returned instead of an error. With
   * `generateName` it is sent once and never retried blindly.
   *
   * @throws {DefinitionConflictError} when a workflow of that name exists with another spec.
   * @example
   * ```ts
   * const wf = await client.workflows.create(pipeline.toObject(), { namespace: 'etl' });
   * console.log(wf.metadata.name);
   * ```
   */
  create(workflow: Workflow, options: CreateWorkflowOptions = {}): Promise<Workflow> {
    const namespace = this.context.ns(options.namespace ?? workflow.metadata?.namespace);
    const body: WorkflowCreateRequest = {
      namespace,
      workflow: { ...workflow, metadata: { ...workflow.metadata, namespace } },
      ...(options.serverDryRun ? { serverDryRun: true } : {}),
    };
    const send = () =>
      this.context.transport.json<Workflow>('POST', path`/api/v1/workflows/${namespace}`, {
        body,
        shape: namedResource(),
      });
    const name = workflow.metadata?.name;
    if (options.serverDryRun) return this.context.safe(send);
    if (name === undefined || name === '') return this.context.once(send);
    return this.context.createIdempotent({
      kind: 'Workflow',
      objectName: `${namespace}/${name}`,
      create: send,
      get: () => this.get(name, { namespace }),
      difference: (existing) =>
        firstDifference(workflow.spec, existing.spec, 'spec') ??
        firstMissing(workflow.metadata?.labels, existing.metadata?.labels, 'metadata.labels') ??
        firstMissing(workflow.metadata?.annotations, existing.metadata?.annotations, 'metadata.annotations'),
    });
  }

  /** Lints a workflow on the server (`Opts{Lint:true}`, with the server's workflow defaults). Returns it as linted. */
  lint(workflow: Workflow, options: NamespaceOption = {}): Promise<Workflow> {
    const namespace = this.context.ns(options.namespace ?? workflow.metadata?.namespace);
    return this.context.safe(() =>
      this.context.transport.json<Workflow>('POST', path`/api/v1/workflows/${namespace}/lint`, {
        body: { namespace, workflow },
      }),
    );
  }

  /**
   * Submits a new workflow from a WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow
   * (`argo submit --from wftmpl/NAME`). Idempotent when `name` is given, like {@link WorkflowsApi.create}.
   *
   * @example
   * ```ts
   * await client.workflows.submitFrom('WorkflowTemplate', 'customer-features', {
   *   parameters: { 'execution-date': '2026-06-17' },
   *   name: 'customer-features-2026-06-17',
   * });
   * ```
   */
  submitFrom(kind: SubmittableKind, resourceName: string, options: SubmitFromOptions = {}): Promise<Workflow> {
    const namespace = this.context.ns(options.namespace);
    const parameters = toPairs(options.parameters);
    const body: WorkflowSubmitRequest = {
      namespace,
      resourceKind: kind,
      resourceName,
      submitOptions: {
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(options.name ? { name: options.name } : {}),
        ...(options.generateName ? { generateName: options.generateName } : {}),
        ...(options.labels ? { labels: toSelector(options.labels) } : {}),
        ...(options.annotations ? { annotations: toSelector(options.annotations) } : {}),
        ...(options.entryPoint ? { entryPoint: options.entryPoint } : {}),
        ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : {}),
        ...(options.serverDryRun ? { serverDryRun: true } : {}),
      },
    };
    const send = () =>
      this.context.transport.json<Workflow>('POST', path`/api/v1/workflows/${namespace}/submit`, {
        body,
        shape: namedResource(),
      });
    const name = options.name;
    if (options.serverDryRun) return this.context.safe(send);
    if (name === undefined || name === '') return this.context.once(send);
    return this.context.createIdempotent({
      kind: 'Workflow',
      objectName: `${namespace}/${name}`,
      create: send,
      get: () => this.get(name, { namespace }),
      difference: (existing) => submittedDifference(existing, kind, resourceName, parameters),
    });
  }

  /** Gets a workflow. */
  get(name: string, options: GetWorkflowOptions = {}): Promise<Workflow> {
    const namespace = this.context.ns(options.namespace);
    return this.context.safe(() =>
      this.context.transport.json<Workflow>('GET', path`/api/v1/workflows/${namespace}/${name}`, {
        query: { fields: options.fields },
        shape: namedResource(options.fields !== undefined),
      }),
    );
  }

  /** Lists one page of workflows. `namespace: ''` lists every namespace. */
  list(options: ListWorkflowsOptions = {}): Promise<WorkflowList> {
    const namespace = this.context.ns(options.namespace);
    return this.context.safe(() =>
      this.context.transport.json<WorkflowList>('GET', path`/api/v1/workflows/${namespace}`, {
        query: {
          'listOptions.labelSelector': options.labelSelector,
          'listOptions.fieldSelector': options.fieldSelector,
          'listOptions.limit': options.limit,
          'listOptions.continue': options.continue,
          fields: options.fields,
          nameFilter: options.nameFilter,
          createdAfter: options.createdAfter,
          finishedBefore: options.finishedBefore,
        },
        shape: resourceList(options.fields !== undefined),
      }),
    );
  }

  /**
   * Every workflow matching the options, following `metadata.continue` page by page.
   *
   * @example
   * ```ts
   * for await (const wf of client.workflows.listAll({ labelSelector: 'app=etl', limit: 100 })) console.log(wf.metadata.name);
   * ```
   */
  async *listAll(options: Omit<ListWorkflowsOptions, 'continue'> = {}): AsyncGenerator<Workflow> {
    let token: string | undefined;
    do {
      const page = await this.list({ ...options, continue: token });
      yield* page.items ?? [];
      token = page.metadata?.continue || undefined;
    } while (token !== undefined);
  }

  /**
   * Streams changes to one workflow (or, without a name, to every workflow the selectors match) from the
   * workflow-events endpoint. The iterator ends when the server closes the stream; breaking out of the loop or
   * aborting `signal` closes it.
   *
   * @example
   * ```ts
   * for await (const event of client.workflows.watch('etl-2026-06-17')) console.log(event.type, event.object?.status?.phase);
   * ```
   */
  watch(name: string | undefined, options: WatchOptions = {}): AsyncGenerator<WorkflowWatchEvent> {
    const namespace = this.context.ns(options.namespace);
    const selectors = [name === undefined ? undefined : `metadata.name=${name}`, options.fieldSelector].filter(Boolean);
    return streamResults<WorkflowWatchEvent>(
      this.context.transport.events(
        path`/api/v1/workflow-events/${namespace}`,
        {
          'listOptions.fieldSelector': selectors.length > 0 ? selectors.join(',') : undefined,
          'listOptions.labelSelector': options.labelSelector,
        },
        options.signal,
      ),
    );
  }

  /**
   * Streams the log lines of a workflow's pods (`argo logs WF [POD] [-f] [-c main] [--grep]`).
   *
   * @example
   * ```ts
   * for await (const entry of client.workflows.logs('etl-2026-06-17', { follow: true })) console.log(entry.podName, entry.content);
   * ```
   */
  logs(name: string, options: LogsOptions = {}): AsyncGenerator<LogEntry> {
    const namespace = this.context.ns(options.namespace);
    const query = {
      'logOptions.container': options.container ?? 'main',
      'logOptions.follow': options.follow ? true : undefined,
      'logOptions.tailLines': options.tailLines,
      'logOptions.sinceSeconds': options.sinceSeconds,
      'logOptions.timestamps': options.timestamps ? true : undefined,
      'logOptions.previous': options.previous ? true : undefined,
      grep: options.grep,
      selector: options.selector,
    };
    const url =
      options.podName === undefined
        ? path`/api/v1/workflows/${namespace}/${name}/log`
        : path`/api/v1/workflows/${namespace}/${name}/${options.podName}/log`;
    return streamResults<LogEntry>(this.context.transport.events(url, query, options.signal));
  }

  /**
   * Waits until a workflow finishes (Succeeded, Failed or Error) and returns it, following the event stream and
   * reconnecting when it drops.
   *
   * @throws {WaitTimeoutError} when `timeoutMs` passes first.
   * @example
   * ```ts
   * const done = await client.workflows.wait('etl-2026-06-17', { timeoutMs: 60 * 60_000 });
   * if (done.status?.phase !== 'Succeeded') process.exitCode = 1;
   * ```
   */
  wait(name: string, options: WaitOptions & NamespaceOption = {}): Promise<Workflow> {
    return waitForWorkflow(this, name, { ...options, namespace: this.context.ns(options.namespace) });
  }

  /** Deletes a workflow; `force` removes its finalizers. Deleting one that is already gone succeeds on a retry. */
  async delete(name: string, options: NamespaceOption & { force?: boolean } = {}): Promise<WorkflowDeleteResponse> {
    const namespace = this.context.ns(options.namespace);
    let attempts = 0;
    return this.context.safe(async () => {
      attempts++;
      try {
        return await this.context.transport.json<WorkflowDeleteResponse>(
          'DELETE',
          path`/api/v1/workflows/${namespace}/${name}`,
          { query: { force: options.force ? true : undefined } },
        );
      } catch (error) {
        // An earlier attempt whose answer was lost may have deleted it already.
        if (attempts > 1 && error instanceof NotFoundError) return {};
        throw error;
      }
    });
  }

  /** Retries a Failed or Error workflow in place. Sent once: a retry is not idempotent. */
  retry(
    name: string,
    options: NamespaceOption & {
      restartSuccessful?: boolean;
      nodeFieldSelector?: string;
      parameters?: Readonly<Record<string, string>> | readonly string[];
    } = {},
  ): Promise<Workflow> {
    const namespace = this.context.ns(options.namespace);
    const parameters = toPairs(options.parameters);
    return this.#action('retry', name, namespace, false, {
      ...(options.restartSuccessful ? { restartSuccessful: true } : {}),
      ...(options.nodeFieldSelector ? { nodeFieldSelector: options.nodeFieldSelector } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
    });
  }

  /** Submits a copy of a workflow as a new workflow. Sent once: a resubmit creates a new object. */
  resubmit(
    name: string,
    options: NamespaceOption & {
      memoized?: boolean;
      parameters?: Readonly<Record<string, string>> | readonly string[];
    } = {},
  ): Promise<Workflow> {
    const namespace = this.context.ns(options.namespace);
    const parameters = toPairs(options.parameters);
    return this.#action('resubmit', name, namespace, false, {
      ...(options.memoized ? { memoized: true } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
    });
  }

  /** Stops a workflow: running steps are stopped, exit handlers still run. */
  stop(
    name: string,
    options: NamespaceOption & { nodeFieldSelector?: string; message?: string } = {},
  ): Promise<Workflow> {
    return this.#action('stop', name, this.context.ns(options.namespace), true, {
      ...(options.nodeFieldSelector ? { nodeFieldSelector: options.nodeFieldSelector } : {}),
      ...(options.message ? { message: options.message } : {}),
    });
  }

  /** Terminates a workflow at once: no exit handlers. */
  terminate(name: string, options: NamespaceOption = {}): Promise<Workflow> {
    return this.#action('terminate', name, this.context.ns(options.namespace), true, {});
  }

  /** Suspends a workflow. */
  suspend(name: string, options: NamespaceOption = {}): Promise<Workflow> {
    return this.#action('suspend', name, this.context.ns(options.namespace), true, {});
  }

  /** Resumes a suspended workflow, or only the suspended nodes `nodeFieldSelector` picks. */
  resume(name: string, options: NamespaceOption & { nodeFieldSelector?: string } = {}): Promise<Workflow> {
    return this.#action('resume', name, this.context.ns(options.namespace), true, {
      ...(options.nodeFieldSelector ? { nodeFieldSelector: options.nodeFieldSelector } : {}),
    });
  }

  #action(
    verb: 'retry' | 'resubmit' | 'stop' | 'terminate' | 'suspend' | 'resume',
    name: string,
    namespace: string,
    safe: boolean,
    extra: Record<string, unknown>,
  ): Promise<Workflow> {
    const call = () =>
      this.context.transport.json<Workflow>('PUT', `${path`/api/v1/workflows/${namespace}/${name}`}/${verb}`, {
        body: { name, namespace, ...extra },
      });
    return safe ? this.context.safe(call) : this.context.once(call);
  }
}

/** `{a: '1'}` or `['a=1']` → `['a=1']`. */
export function toPairs(parameters: Readonly<Record<string, string>> | readonly string[] | undefined): string[] {
  if (parameters === undefined) return [];
  if (Array.isArray(parameters)) return [...(parameters as readonly string[])];
  return Object.entries(parameters as Readonly<Record<string, string>>).map(([k, v]) => `${k}=${v}`);
}

function toSelector(value: string | Readonly<Record<string, string>>): string {
  return typeof value === 'string'
    ? value
    : Object.entries(value)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
}

function submittedDifference(
  existing: Workflow,
  kind: SubmittableKind,
  resourceName: string,
  parameters: readonly string[],
): string | undefined {
  const ref = existing.spec?.workflowTemplateRef;
  if (kind !== 'CronWorkflow') {
    if (ref?.name !== resourceName) return 'spec.workflowTemplateRef.name';
    if (Boolean(ref.clusterScope) !== (kind === 'ClusterWorkflowTemplate'))
      return 'spec.workflowTemplateRef.clusterScope';
  }
  const actual = new Map((existing.spec?.arguments?.parameters ?? []).map((p) => [p.name, p.value]));
  for (const pair of parameters) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (actual.get(key) !== pair.slice(eq + 1)) return `spec.arguments.parameters[${key}]`;
  }
  return undefined;
}
