/**
 * gRPC status codes as Argo Server reports them in its error bodies (`code`) and stream errors (`grpc_code`).
 * @example
 * ```ts
 * import { ArgoServerError, GrpcCode } from '@sluice/client';
 *
 * const isQuotaError = (error: unknown) =>
 *   error instanceof ArgoServerError && error.grpcCode === GrpcCode.ResourceExhausted;
 * ```
 */
export const GrpcCode = {
  OK: 0,
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
} as const;

/**
 * One of {@link GrpcCode}'s values.
 * @example
 * ```ts
 * import { ArgoServerError, type GrpcCode } from '@sluice/client';
 *
 * const codeOf = (error: ArgoServerError): GrpcCode | number => error.grpcCode;
 * ```
 */
export type GrpcCode = (typeof GrpcCode)[keyof typeof GrpcCode];

/**
 * What the server was asked, for error messages: `POST /api/v1/workflows/argo`. Never holds headers.
 * @example
 * ```ts
 * import { NotFoundError, type RequestSummary } from '@sluice/client';
 *
 * const request: RequestSummary = { method: 'GET', path: '/api/v1/workflows/etl/nightly' };
 * const error = new NotFoundError(404, 5, 'workflows.argoproj.io "nightly" not found', request);
 * ```
 */
export interface RequestSummary {
  /** HTTP method. */
  readonly method: string;
  /** Path and query, without the server's address. */
  readonly path: string;
}

/**
 * An error the Argo Server answered with: the HTTP status, the gRPC code and Argo's own message. Catch a subclass
 * ({@link NotFoundError}, {@link AlreadyExistsError}, …) or check {@link ArgoServerError.grpcCode}.
 * @example
 * ```ts
 * import { ArgoServerError, createClient, NotFoundError } from '@sluice/client';
 *
 * const client = createClient({ server: 'https://argo.example.org:2746', namespace: 'etl' });
 * try {
 *   await client.workflows.get('etl-2026-06-17');
 * } catch (error) {
 *   if (error instanceof NotFoundError) console.log('not submitted yet');
 *   else if (error instanceof ArgoServerError) console.error(error.status, error.argoMessage);
 *   else throw error;
 * }
 * ```
 */
export class ArgoServerError extends Error {
  override name = 'ArgoServerError';
  constructor(
    /** The HTTP status of the answer. */
    readonly status: number,
    /** The gRPC code from the body, or the one implied by the status when the body had none. */
    readonly grpcCode: GrpcCode | number,
    /** Argo's message, as sent. */
    readonly argoMessage: string,
    /** The request that failed. */
    readonly request: RequestSummary,
  ) {
    super(`${request.method} ${request.path}: ${status} ${codeName(grpcCode)}: ${argoMessage}`);
  }
}

/**
 * 400 / InvalidArgument: the server rejected the request, usually a workflow that does not validate.
 * @example
 * ```ts
 * import { createClient, InvalidArgumentError } from '@sluice/client';
 * import type { Workflow } from '@sluice/argo-types';
 *
 * const client = createClient({ server: 'https://argo.example.org:2746' });
 * const invalid: Workflow = { metadata: { name: 'no-spec' }, spec: { templates: [] } };
 * await client.workflows.lint(invalid).catch((error: unknown) => {
 *   if (error instanceof InvalidArgumentError) console.error('rejected:', error.argoMessage);
 * });
 * ```
 */
export class InvalidArgumentError extends ArgoServerError {
  override name = 'InvalidArgumentError';
}
/**
 * 404 / NotFound.
 * @example
 * ```ts
 * import { createClient, NotFoundError } from '@sluice/client';
 *
 * const client = createClient({ server: 'https://argo.example.org:2746' });
 * const exists = await client.workflowTemplates.get('customer-features').then(
 *   () => true,
 *   (error: unknown) => (error instanceof NotFoundError ? false : Promise.reject(error)),
 * );
 * ```
 */
export class NotFoundError extends ArgoServerError {
  override name = 'NotFoundError';
}
/**
 * 409 / AlreadyExists: an object of that name exists.
 * @example
 * ```ts
 * import { AlreadyExistsError } from '@sluice/client';
 *
 * const alreadyThere = (error: unknown) => error instanceof AlreadyExistsError; // 409: the name is taken
 * ```
 */
export class AlreadyExistsError extends ArgoServerError {
  override name = 'AlreadyExistsError';
}
/**
 * 403 / PermissionDenied: the token is valid but may not do this.
 * @example
 * ```ts
 * import { PermissionDeniedError } from '@sluice/client';
 *
 * function explain(error: unknown): string {
 *   return error instanceof PermissionDeniedError ? 'the token may not do this in that namespace' : String(error);
 * }
 * ```
 */
export class PermissionDeniedError extends ArgoServerError {
  override name = 'PermissionDeniedError';
}
/**
 * 401 / Unauthenticated: no token, or one the server does not accept.
 * @example
 * ```ts
 * import { UnauthenticatedError } from '@sluice/client';
 *
 * function explain(error: unknown): string {
 *   return error instanceof UnauthenticatedError ? 'set ARGO_TOKEN (argo auth token)' : String(error);
 * }
 * ```
 */
export class UnauthenticatedError extends ArgoServerError {
  override name = 'UnauthenticatedError';
}
/**
 * 503 / Unavailable, 502, 504: the server or a proxy in front of it could not answer now. Safe calls retry these.
 * @example
 * ```ts
 * import { UnavailableError } from '@sluice/client';
 *
 * const tryLater = (error: unknown) => error instanceof UnavailableError; // 503: retried by the client already
 * ```
 */
export class UnavailableError extends ArgoServerError {
  override name = 'UnavailableError';
}
/**
 * 500 / Internal and any other server error.
 * @example
 * ```ts
 * import { InternalError } from '@sluice/client';
 *
 * const serverBug = (error: unknown) => error instanceof InternalError && error.status === 500;
 * ```
 */
export class InternalError extends ArgoServerError {
  override name = 'InternalError';
}

/**
 * The server could not be reached or the connection broke (reset, refused, timed out, TLS failure).
 * @example
 * ```ts
 * import { TransportError } from '@sluice/client';
 *
 * function explain(error: unknown): string {
 *   return error instanceof TransportError ? `cannot reach the Argo Server (${error.code})` : String(error);
 * }
 * ```
 */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    /** The Node.js error code, e.g. `ECONNRESET`, `ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`. */
    readonly code: string,
    message: string,
    /** The request that failed. */
    readonly request: RequestSummary,
  ) {
    super(`${request.method} ${request.path}: ${message}`);
  }
}

/**
 * A 2xx answer whose body is not what the API promises (truncated JSON, an HTML page, an item without `metadata`).
 * A {@link TransportError} with code `EBADRESPONSE`: something between here and the server, or the server, is broken.
 * @example
 * ```ts
 * import { InvalidResponseError } from '@sluice/client';
 *
 * const notArgo = (error: unknown) => error instanceof InvalidResponseError; // a proxy's HTML page, not JSON
 * ```
 */
export class InvalidResponseError extends TransportError {
  override name = 'InvalidResponseError';
  constructor(reason: string, request: RequestSummary) {
    super('EBADRESPONSE', `the Argo Server's answer is not valid: ${reason}`, request);
  }
}

/**
 * A create met an object of the same name whose definition differs from the one sent: submitting the same
 * deterministic name twice is idempotent only for the same definition.
 * @example
 * ```ts
 * import { DefinitionConflictError } from '@sluice/client';
 *
 * function explain(error: unknown): string {
 *   return error instanceof DefinitionConflictError
 *     ? `${error.kind} ${error.objectName} exists with another ${error.field}: choose another name`
 *     : String(error);
 * }
 * ```
 */
export class DefinitionConflictError extends Error {
  override name = 'DefinitionConflictError';
  constructor(
    /** `Workflow`, `WorkflowTemplate`, … */
    readonly kind: string,
    /** `namespace/name`, or the name of a cluster-scoped object. */
    readonly objectName: string,
    /** The first field that differs, e.g. `spec.arguments.parameters`. */
    readonly field: string,
  ) {
    super(
      `${kind} ${objectName} already exists with a different definition (${field} differs); ` +
        'give this run another name (--name or --generate-name) or delete the existing one first',
    );
  }
}

/**
 * `wait()` gave up before the workflow finished.
 * @example
 * ```ts
 * import { createClient, WaitTimeoutError } from '@sluice/client';
 *
 * const client = createClient({ server: 'https://argo.example.org:2746' });
 * try {
 *   await client.workflows.wait('nightly-2026-06-17', { timeoutMs: 600_000 });
 * } catch (error) {
 *   if (error instanceof WaitTimeoutError) console.error(`still ${error.lastPhase} after ${error.timeoutMs} ms`);
 * }
 * ```
 */
export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
  constructor(
    /** `namespace/name` of the workflow. */
    readonly workflow: string,
    /** The timeout, in milliseconds. */
    readonly timeoutMs: number,
    /** The last phase seen, `''` when none. */
    readonly lastPhase: string,
  ) {
    super(
      `timed out after ${formatDuration(timeoutMs)} waiting for workflow ${workflow} to finish ` +
        `(last phase: ${lastPhase === '' ? 'none yet' : lastPhase})`,
    );
  }
}

const statusToCode: Record<number, GrpcCode> = {
  400: GrpcCode.InvalidArgument,
  401: GrpcCode.Unauthenticated,
  403: GrpcCode.PermissionDenied,
  404: GrpcCode.NotFound,
  409: GrpcCode.AlreadyExists,
  412: GrpcCode.FailedPrecondition,
  429: GrpcCode.ResourceExhausted,
  499: GrpcCode.Canceled,
  501: GrpcCode.Unimplemented,
  502: GrpcCode.Unavailable,
  503: GrpcCode.Unavailable,
  504: GrpcCode.DeadlineExceeded,
};

/**
 * Builds the typed error for a non-2xx answer from its status and body (`{code, message, error, details}`, or
 * anything else a proxy might send).
 */
export function errorFromResponse(status: number, body: unknown, request: RequestSummary): ArgoServerError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === 'number' ? record.code : (statusToCode[status] ?? GrpcCode.Unknown);
  const message =
    typeof record.message === 'string' && record.message !== ''
      ? record.message
      : typeof record.error === 'string' && record.error !== ''
        ? record.error
        : typeof body === 'string' && body.trim() !== ''
          ? body.trim().slice(0, 300)
          : `HTTP ${status}`;
  const Type = errorClass(code, status);
  return new Type(status, code, message, request);
}

function errorClass(code: number, status: number): typeof ArgoServerError {
  switch (code) {
    case GrpcCode.InvalidArgument:
      return InvalidArgumentError;
    case GrpcCode.NotFound:
      return NotFoundError;
    case GrpcCode.AlreadyExists:
      return AlreadyExistsError;
    case GrpcCode.PermissionDenied:
      return PermissionDeniedError;
    case GrpcCode.Unauthenticated:
      return UnauthenticatedError;
    case GrpcCode.Unavailable:
      return UnavailableError;
    default:
      return status === 502 || status === 503 || status === 504 ? UnavailableError : InternalError;
  }
}

/**
 * The name of a gRPC code, e.g. `AlreadyExists` for 6.
 * @example
 * ```ts
 * import { codeName } from '@sluice/client';
 *
 * codeName(5); // 'NotFound'
 * ```
 */
export function codeName(code: number): string {
  for (const [name, value] of Object.entries(GrpcCode)) if (value === code) return name;
  return `code ${code}`;
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Builds the typed error of a stream's error frame, `{grpc_code, http_code, message}`. */
export function errorFromStream(frame: unknown, request: RequestSummary = { method: 'GET', path: '(stream)' }) {
  const record = typeof frame === 'object' && frame !== null ? (frame as Record<string, unknown>) : {};
  const status = typeof record.http_code === 'number' ? record.http_code : 500;
  return errorFromResponse(
    status,
    { code: typeof record.grpc_code === 'number' ? record.grpc_code : undefined, message: record.message },
    request,
  );
}
