import { afterEach, describe, expect, it } from 'vitest';
import { createClient, InvalidArgumentError, TransportError, UnavailableError } from '../src/index.js';
import { helloWorkflow, serverAndClient } from './support/setup.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('faults', () => {
  it('200 deterministic-name submissions through 30% dropped requests leave exactly 200 workflows, none duplicated', async () => {
    const { server, client, close } = await serverAndClient({ seed: 42, tickMs: 60_000 });
    cleanup = close;
    server.setFaults({ rate: 0.3, kinds: ['reset', 'reset-after', '502', '503', '502-after'] });
    const names = Array.from({ length: 200 }, (_, i) => `etl-2026-06-${String(i).padStart(3, '0')}`);
    const uids = new Map<string, string>();
    for (const name of names) {
      const wf = await client.workflows.create(helloWorkflow(name));
      uids.set(name, wf.metadata.uid ?? '');
    }
    server.setFaults(undefined);
    expect(server.state.workflows.size).toBe(200);
    expect([...server.state.workflows.keys()].sort()).toEqual(names.map((n) => `argo/${n}`));
    // Each returned object is the one stored: a retried create that met AlreadyExists returned the existing one.
    for (const name of names) expect(uids.get(name)).toBe(server.state.workflows.get(`argo/${name}`)?.metadata.uid);
    const faulted = server.requests.filter((r) => r.fault !== undefined);
    expect(faulted.length).toBeGreaterThan(50);
    expect(new Set(faulted.map((r) => r.fault))).toEqual(new Set(['reset', 'reset-after', '502', '503', '502-after']));
    // Some answers were lost after the create happened, so some retries met AlreadyExists and recovered.
    expect(server.requests.some((r) => r.status === 409)).toBe(true);
    expect(server.violations).toEqual([]);
  });

  it('safe calls (get, list, version) recover from drops', async () => {
    const { server, client, close } = await serverAndClient({ seed: 7, tickMs: 60_000 });
    cleanup = close;
    await client.workflows.create(helloWorkflow('steady'));
    server.setFaults({ rate: 0.5, kinds: ['reset', '502', '503'] });
    for (let i = 0; i < 30; i++) {
      expect((await client.workflows.get('steady')).metadata.name).toBe('steady');
      expect((await client.workflows.list()).items).toHaveLength(1);
      expect((await client.info.version()).version).toBe('v4.1.0');
    }
    expect(server.requests.filter((r) => r.fault !== undefined).length).toBeGreaterThan(20);
  });

  it('never retries a create that got a 400', async () => {
    const { server, client, close } = await serverAndClient();
    cleanup = close;
    const bad = helloWorkflow('rejected');
    bad.spec.templates = [];
    await expect(client.workflows.create(bad)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.requests.filter((r) => r.operationId === 'WorkflowService_CreateWorkflow')).toHaveLength(1);
  });

  it('never blindly retries a generateName create whose answer was lost', async () => {
    const { server, client, close } = await serverAndClient({ tickMs: 60_000 });
    cleanup = close;
    server.setFaults({ rate: 1, kinds: ['502-after'], operations: ['WorkflowService_CreateWorkflow'] });
    await expect(client.workflows.create(helloWorkflow('once', { generate: true }))).rejects.toBeInstanceOf(
      UnavailableError,
    );
    expect(server.requests.filter((r) => r.operationId === 'WorkflowService_CreateWorkflow')).toHaveLength(1);
    expect(server.state.workflows.size).toBe(1);
  });

  it('gives up after the retry budget with the last transient error', async () => {
    const { server, client, close } = await serverAndClient(
      {},
      { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } },
    );
    cleanup = close;
    server.setFaults({ rate: 1, kinds: ['reset'] });
    const error = await client.workflows.get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a refused connection even for a create, since nothing was sent', async () => {
    const client = createClient({
      server: '127.0.0.1:1',
      secure: false,
      env: {},
      retry: { retries: 1, baseDelayMs: 1 },
    });
    const error = await client.workflows.create(helloWorkflow('x', { generate: true })).catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('ECONNREFUSED');
    expect(String(error)).toContain('connection refused by http://127.0.0.1:1');
  });
});
