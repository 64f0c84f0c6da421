/**
 * Replaces a group on a Prometheus Pushgateway: HTTP PUT of text-format metrics to
 * `<base>/metrics/job/<job>/<label>/<value>…`, giving up after `timeoutMs`. A grouping value with a `/` (or an
 * empty one) is sent base64url encoded as `<label>@base64/<value>`, as the Pushgateway's API defines. Credentials in
 * the URL (`https://user:pass@host`) are sent as basic authentication and never appear in an error.
 *
 * @throws {Error} `Pushgateway <group URL>: <reason>` (the URL without credentials) when the push fails, times out
 * or is refused.
 * @example
 * ```ts
 * import { pushToGateway } from '@sluice/runtime';
 *
 * await pushToGateway('http://pushgateway:9091', 'features', { stage: 'load' }, 'rows_loaded 42\n', 2000);
 * ```
 */
export async function pushToGateway(
  baseUrl: string,
  job: string,
  groupings: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
): Promise<void> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' };
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const segments = [groupSegment('job', job), ...Object.entries(groupings).map(([k, v]) => groupSegment(k, v))];
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/metrics/${segments.join('/')}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'PUT', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut
      ? `no answer within ${timeoutMs} ms`
      : error instanceof Error
        ? error.message
        : String(error);
    throw new Error(`Pushgateway ${url.href}: ${reason}`);
  }
  const detail = (await response.text().catch(() => '')).trim().slice(0, 500);
  if (!response.ok)
    throw new Error(
      `Pushgateway ${url.href} answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`,
    );
}

/** One `<label>/<value>` pair of the grouping key path. */
export function groupSegment(label: string, value: string): string {
  if (value === '' || value.includes('/'))
    return `${label}@base64/${value === '' ? '=' : Buffer.from(value).toString('base64url')}`;
  return `${label}/${encodeURIComponent(value)}`;
}
