/**
 * Replaces a group on a Prometheus Pushgateway: HTTP PUT of text-format metrics to
 * `<base>/metrics/job/<job>/<label>/<value>…`. A grouping value with a `/` (or an empty one) is sent base64url
 * encoded as `<label>@base64/<value>`, as the Pushgateway's API defines. Credentials in the URL
 * (`https://user:pass@host`) become a Basic authorization header.
 */
export async function pushToGateway(
  baseUrl: string,
  job: string,
  groupings: Readonly<Record<string, string>>,
  body: string,
  signal: AbortSignal,
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
  const response = await fetch(url, { method: 'PUT', headers, body, signal });
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).trim().slice(0, 500);
    throw new Error(`the Pushgateway answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`);
  }
  await response.body?.cancel();
}

/** One `<label>/<value>` pair of the grouping key path. */
export function groupSegment(label: string, value: string): string {
  if (value === '' || value.includes('/'))
    return `${label}@base64/${value === '' ? '=' : Buffer.from(value).toString('base64url')}`;
  return `${label}/${encodeURIComponent(value)}`;
}
