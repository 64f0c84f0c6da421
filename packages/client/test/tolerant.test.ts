import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArgoClient } from '../src/index.js';
import type { ContractServer } from './support/contract-server.js';
import { helloWorkflow, serverAndClient } from './support/setup.js';

let server: ContractServer;
let client: ArgoClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ server, client, close } = await serverAndClient({ unknownFields: true, tickMs: 5 }));
});
afterAll(() => close());

// Hera #1312: a newer server's fields must not break an older client.
it('keeps fields this Argo version does not define, in objects, lists and streams', async () => {
  const created = await client.workflows.create(helloWorkflow('future'));
  expect(created).toMatchObject({
    fromArgoV9: { shape: ['new'] },
    metadata: { name: 'future', fromArgoV9: { shape: ['new'] } },
  });
  const list = await client.workflows.list();
  expect(list).toHaveProperty('fromArgoV9');
  const done = await client.workflows.wait('future', { timeoutMs: 5000 });
  expect(done.status?.phase).toBe('Succeeded');
  expect(done).toHaveProperty('fromArgoV9');
  expect(server.violations).toEqual([]);
});
