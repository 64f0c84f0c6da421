import { type ClientSettings, resolveConfig } from './config.js';
import { ClientContext } from './context.js';
import { InfoApi } from './info.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';
import { ClusterWorkflowTemplatesApi, CronWorkflowsApi, WorkflowTemplatesApi } from './templates.js';
import { type RequestLogger, Transport } from './transport.js';
import { WorkflowsApi } from './workflows.js';

/**
 * Options of {@link createClient}: settings (which override the environment) and behaviour.
 * @example
 * ```ts
 * import { createClient, type CreateClientOptions } from '@sluice/client';
 *
 * const options: CreateClientOptions = {
 *   server: 'https://argo.example.org:2746',
 *   namespace: 'etl',
 *   retry: { retries: 2 },
 *   log: (line) => console.error(line),
 * };
 * const client = createClient(options);
 * ```
 */
export interface CreateClientOptions extends ClientSettings {
  /** The environment to read `ARGO_*` and proxy variables from; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Resolves relative certificate paths; the working directory by default. */
  readonly cwd?: string;
  /** Receives a line per request and answer (verbose output). The token is never passed to it. */
  readonly log?: RequestLogger;
  /** Retries of safe calls; partial settings are merged with the defaults. */
  readonly retry?: Partial<RetryPolicy>;
}

/**
 * A client for one Argo Server. Create it with {@link createClient}; `close()` it when done.
 * @example
 * ```ts
 * import { type ArgoClient, createClient } from '@sluice/client';
 *
 * async function phaseOf(client: ArgoClient, name: string): Promise<string | undefined> {
 *   return (await client.workflows.get(name)).status?.phase;
 * }
 * const client = createClient({ server: 'https://argo.example.org:2746', namespace: 'etl' });
 * console.log(await phaseOf(client, 'customer-features-2026-06-17'));
 * client.close();
 * ```
 */
export interface ArgoClient {
  /** Workflows: create, submitFrom, get, list, watch, logs, wait, delete, retry, resubmit, stop, terminate, … */
  readonly workflows: WorkflowsApi;
  /** WorkflowTemplates. */
  readonly workflowTemplates: WorkflowTemplatesApi;
  /** ClusterWorkflowTemplates. */
  readonly clusterWorkflowTemplates: ClusterWorkflowTemplatesApi;
  /** CronWorkflows. */
  readonly cronWorkflows: CronWorkflowsApi;
  /** Version, info and user info. */
  readonly info: InfoApi;
  /** The namespace calls use when they name none. */
  readonly namespace: string;
  /** The server's base URL. */
  readonly baseUrl: string;
  /** Replaces the token and any secret header value in a text, for printing errors safely. */
  redact(text: string): string;
  /** Closes idle connections. */
  close(): void;
}

/**
 * Creates a client for the Argo Server that the settings and the environment name (`ARGO_SERVER`, `ARGO_TOKEN`,
 * `ARGO_NAMESPACE`, `ARGO_SECURE`, `ARGO_INSECURE_SKIP_VERIFY`, `ARGO_BASE_HREF`, `HTTPS_PROXY`).
 *
 * @throws {ConfigError} when no server is configured or a setting is invalid.
 * @example
 * ```ts
 * import { createClient } from '@sluice/client';
 * import type { Workflow } from '@sluice/argo-types';
 *
 * const workflow: Workflow = {
 *   apiVersion: 'argoproj.io/v1alpha1',
 *   kind: 'Workflow',
 *   metadata: { generateName: 'hello-' },
 *   spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox:1.36', command: ['true'] } }] },
 * };
 * const client = createClient({ namespace: 'etl' }); // ARGO_SERVER and ARGO_TOKEN from the environment
 * const wf = await client.workflows.create(workflow);
 * const done = await client.workflows.wait(wf.metadata.name ?? '', { timeoutMs: 3_600_000 });
 * client.close();
 * ```
 */
export function createClient(options: CreateClientOptions = {}): ArgoClient {
  const config = resolveConfig(options, options.env ?? process.env, options.cwd ?? process.cwd());
  const transport = new Transport(config, options.log);
  const context = new ClientContext(transport, config.namespace, { ...defaultRetryPolicy, ...options.retry });
  return {
    workflows: new WorkflowsApi(context),
    workflowTemplates: new WorkflowTemplatesApi(context),
    clusterWorkflowTemplates: new ClusterWorkflowTemplatesApi(context),
    cronWorkflows: new CronWorkflowsApi(context),
    info: new InfoApi(context),
    namespace: config.namespace,
    baseUrl: config.baseUrl,
    redact: (text) => transport.redact(text),
    close: () => transport.close(),
  };
}
