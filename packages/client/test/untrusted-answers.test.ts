import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, InvalidResponseError, TransportError } from '../src/index.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A plain HTTP server that answers every request with `handler`. */
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);

function client(hostPort: string, extra: Record<string, string> = {}, timeoutMs = 30_000) {
  return createClient({
    env: { ARGO_SERVER: hostPort, ARGO_SECURE: 'false', ARGO_NAMESPACE: 'argo', ...extra },
    timeoutMs,
    retry: { retries: 0 },
  });
}

describe('issue 15 item 7: server answers are validated before use', () => {
  it('bug: a truncated JSON body makes get reject with InvalidResponseError, not a TypeError', async () => {
    const c = client(await serve(json('{"metadata":{"name":"etl-1"},"status":{"pha')));
    const error = await c.workflows.get('etl-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(
      "GET /api/v1/workflows/argo/etl-1: the Argo Server's answer is not valid: the body is not JSON (truncated?)",
    );
    c.close();
  });

  it('bug: a truncated list body is an error, not an empty list', async () => {
    const c = client(await serve(json('{"items":[{"metadata":{"name":"a"}},{"meta')));
    await expect(c.workflows.list()).rejects.toBeInstanceOf(InvalidResponseError);
    c.close();
  });

  it('bug: a list item without metadata is an error naming the item', async () => {
    const c = client(await serve(json('{"items":[{"metadata":{"name":"a"}},{"status":{}}]}')));
    await expect(c.workflows.list()).rejects.toThrow("the Argo Server's answer is not valid: item 1 has no metadata");
    c.close();
  });

  it('bug: a create answered with a truncated body is an error', async () => {
    const c = client(await serve(json('{"metadata":')));
    const error = await c.workflows
      .create({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'x' }, spec: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('EBADRESPONSE');
    c.close();
  });
});

describe('issue 15 item 13: --request-timeout bounds a server that trickles', () => {
  it('bug: one byte a second never completes the body, and the call fails after the timeout', async () => {
    const timers: NodeJS.Timeout[] = [];
    const hostPort = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      timers.push(setInterval(() => res.write(' '), 200));
    });
    const c = client(hostPort, {}, 1000);
    const started = Date.now();
    const error = await c.workflows.get('x').catch((e: unknown) => e);
    for (const t of timers) clearInterval(t);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toContain('no complete answer');
    // Bounded by the timeout (1 s); generous for a busy machine, the bug ran for minutes.
    expect(Date.now() - started).toBeLessThan(15_000);
    c.close();
  });
});

describe('issue 15 item 20: a refused proxy is named as the proxy', () => {
  it('bug: HTTP_PROXY on a closed port is reported as the proxy failing, not the Argo Server refusing', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const c = client('argo.example:2746', { HTTP_PROXY: `http://127.0.0.1:${port}` });
    const error = await c.workflows.get('x').catch((e: unknown) => e);
    expect((error as Error).message).toContain(`the proxy http://127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('is the Argo Server running there');
    c.close();
  });
});

describe('issue 15 item 12: wait does not hang on an open but silent event stream', () => {
  it('bug: a quiet stream is closed and a GET finds the finished run', async () => {
    let gets = 0;
    const hostPort = await serve((req, res) => {
      if ((req.url ?? '').startsWith('/api/v1/workflow-events/')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(':\n\n');
        return; // open and silent forever
      }
      gets += 1;
      const phase = gets === 1 ? 'Running' : 'Succeeded';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ metadata: { name: 'quiet', namespace: 'argo' }, status: { phase } }));
    });
    const c = client(hostPort);
    const done = await c.workflows.wait('quiet', { quietMs: 200, timeoutMs: 60_000 });
    expect(done.status?.phase).toBe('Succeeded');
    expect(gets).toBe(2);
    c.close();
  });
});
