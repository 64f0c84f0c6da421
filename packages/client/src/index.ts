/**
 * @packageDocumentation
 * A typed client for the Argo Server REST API (Argo Workflows v4.1): submit, get, list, watch, logs, wait, the
 * lifecycle actions, WorkflowTemplates, ClusterWorkflowTemplates and CronWorkflows. Configured like the argo CLI,
 * retries safe calls, submits idempotently, and parses answers tolerantly.
 */

export { type ArgoClient, type CreateClientOptions, createClient } from './client.js';
export { type ClientConfig, type ClientSettings, ConfigError, defaultNamespace, resolveConfig } from './config.js';
export {
  AlreadyExistsError,
  ArgoServerError,
  codeName,
  DefinitionConflictError,
  GrpcCode,
  InternalError,
  InvalidArgumentError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  type RequestSummary,
  TransportError,
  UnauthenticatedError,
  UnavailableError,
  WaitTimeoutError,
} from './errors.js';
export { backoffDelay, defaultRetryPolicy, isTransient, type RetryPolicy } from './retry.js';
export { sseEvents } from './sse.js';
export type {
  AnyReleaseCronWorkflow,
  ApplyAction,
  ClusterWorkflowTemplatesApi,
  CronWorkflowsApi,
  ListOptions,
  ObjectApi,
  WorkflowTemplatesApi,
} from './templates.js';
export type { RequestLogger } from './transport.js';
export { finishedPhases, isFinished, type WaitOptions } from './wait.js';
export type {
  CreateWorkflowOptions,
  GetWorkflowOptions,
  ListWorkflowsOptions,
  LogsOptions,
  NamespaceOption,
  SubmitFromOptions,
  SubmittableKind,
  WatchOptions,
  WorkflowsApi,
} from './workflows.js';
