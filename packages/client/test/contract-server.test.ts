import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractServer, startContractServer } from './support/contract-server.js';

let server: ContractServer;
let base: string;
beforeAll(async () => {
  server = await startContractServer();
  base = `http://${server.hostPort}`;
});
afterAll(() => server.close());

async function send(method: string, url: string, body?: unknown) {
  const response = await fetch(base + url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { code: number; message: string } };
}

describe('the contract server rejects what the spec does not allow', () => {
  it('an unknown path, a wrong method, an unknown query parameter, a bad query type', async () => {
    expect((await send('GET', '/api/v1/nope')).body.message).toContain('no path in swagger.json matches /api/v1/nope');
    expect((await send('PATCH', '/api/v1/workflows/argo/x')).body.message).toContain('PATCH is not allowed');
    const q = await send('GET', '/api/v1/workflows/argo?labelSelector=a');
    expect(q.status).toBe(400);
    expect(q.body.message).toContain('query parameter "labelSelector" is not in the spec');
    expect((await send('GET', '/api/v1/workflows/argo?listOptions.limit=ten')).body.message).toContain(
      'must be an integer',
    );
  });

  it('a body field the spec lacks, a wrong type, a namespace that differs from the path', async () => {
    const workflow = { metadata: { name: 'x' }, spec: { entrypoint: 'm', templates: [{ name: 'm' }] } };
    const unknown = await send('POST', '/api/v1/workflows/argo', { namespace: 'argo', wf: workflow });
    expect(unknown.body.message).toContain('body.wf: unknown field');
    const typed = await send('POST', '/api/v1/workflows/argo', { workflow: { ...workflow, spec: { entrypoint: 3 } } });
    expect(typed.body.message).toContain('body.workflow.spec.entrypoint: expected string');
    const ns = await send('POST', '/api/v1/workflows/argo', { namespace: 'other', workflow });
    expect(ns.body.message).toContain('body.namespace "other" differs');
    expect((await send('POST', '/api/v1/workflows/argo', { namespace: 'argo', workflow })).status).toBe(200);
  });
});
