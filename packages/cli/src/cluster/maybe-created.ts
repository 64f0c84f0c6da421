import { TransportError } from '@sluice/client';

/** Codes of a connection that broke after the request went out: the server may have acted on it. */
const brokenAfterSending = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * A `generateName` submit is sent once and never retried (a retry could create a second run). When its connection
 * breaks (`ECONNRESET`, "socket hang up") the server may already have created the workflow: this adds how to find
 * out before submitting again. Other errors are returned unchanged.
 *
 * @param generateName the name prefix that was sent.
 * @example
 * ```ts
 * try { await client.workflows.create(wf); } catch (e) { throw maybeCreatedHint(e, 'etl-'); }
 * ```
 */
export function maybeCreatedHint(error: unknown, generateName: string | undefined): unknown {
  if (!(error instanceof TransportError) || generateName === undefined || generateName === '') return error;
  if (!brokenAfterSending.has(error.code)) return error;
  // `POST /api/v1/workflows/<namespace>` or `…/workflow-templates/<namespace>/submit`.
  const namespace = /^\/api\/v1\/[a-z-]+\/([^/?]+)/.exec(error.request.path)?.[1];
  const where = namespace === undefined ? '' : ` -n ${decodeURIComponent(namespace)}`;
  const prefix = `${error.request.method} ${error.request.path}: `;
  const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return new TransportError(
    error.code,
    `${reason}\nThe connection broke after the submit was sent, so the workflow may have been created. Check with ` +
      `\`workflow list${where} --prefix ${generateName}\` before submitting again (a generateName submit is never ` +
      'retried, so that it cannot start the run twice).',
    error.request,
  );
}
