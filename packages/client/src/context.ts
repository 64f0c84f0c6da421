import { AlreadyExistsError, DefinitionConflictError, TransportError } from './errors.js';
import { defaultRetryPolicy, delay, isTransient, type RetryPolicy, withRetry } from './retry.js';
import type { Transport } from './transport.js';

/** What every API group of the client shares: the transport, the default namespace and the retry policy. */
export class ClientContext {
  constructor(
    /** The HTTP transport. */
    readonly transport: Transport,
    /** The namespace used when a call names none. */
    readonly namespace: string,
    /** How safe calls are retried. */
    readonly retry: RetryPolicy = defaultRetryPolicy,
    /** Waits between retries (tests replace it). */
    readonly sleep: (ms: number) => Promise<void> = delay,
  ) {}

  /** Runs a safe (read-only or idempotent) call, retrying transient failures with jittered backoff. */
  safe<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(() => call(), this.retry, this.sleep);
  }

  /**
   * Runs a call that must not be repeated blindly (a create without a fixed name, a resubmit): it is retried only
   * when the connection was refused, so the server never saw it.
   */
  once<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(() => call(), this.retry, this.sleep, neverSent);
  }

  /**
   * Creates an object with a fixed name idempotently: transient failures are retried, and an AlreadyExists answer
   * (from an earlier attempt whose answer was lost, or an earlier run) returns the existing object when its
   * definition is the same and fails with {@link DefinitionConflictError} when it is not.
   */
  createIdempotent<T>(options: {
    kind: string;
    objectName: string;
    create: () => Promise<T>;
    get: () => Promise<T>;
    difference: (existing: T) => string | undefined;
  }): Promise<T> {
    return this.safe(async () => {
      try {
        return await options.create();
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
        const existing = await this.safe(options.get);
        const field = options.difference(existing);
        if (field === undefined) return existing;
        throw new DefinitionConflictError(options.kind, options.objectName, field);
      }
    });
  }

  /** The namespace to use: the one given, else the default. */
  ns(namespace: string | undefined): string {
    return namespace ?? this.namespace;
  }
}

function neverSent(error: unknown): boolean {
  return error instanceof TransportError && error.code === 'ECONNREFUSED' && isTransient(error);
}

/** Builds an API path, encoding each interpolated segment: ``path`/api/v1/workflows/${ns}/${name}` ``. */
export function path(strings: TemplateStringsArray, ...segments: string[]): string {
  return strings.reduce(
    (out, s, i) => out + s + (i < segments.length ? encodeURIComponent(segments[i] ?? '') : ''),
    '',
  );
}
