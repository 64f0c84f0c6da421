import { afterEach, expect, it } from 'vitest';
import { WaitTimeoutError } from '../src/index.js';
import { helloWorkflow, serverAndClient } from './support/setup.js';
import { until } from './support/until.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

it('times out with a WaitTimeoutError naming the workflow, the timeout and the last phase', async () => {
  const { server, client, close } = await serverAndClient({ tickMs: 5, outcome: () => 'Hold' });
  cleanup = close;
  await client.workflows.create(helloWorkflow('forever'));
  // The last phase the error names is the server's: wait until the held workflow is Running, not on the clock
  // (a loaded machine left it Pending when the 300 ms ran out).
  await until(() => server.state.getWorkflow('argo', 'forever').status?.phase === 'Running');
  const started = Date.now();
  const error = await client.workflows.wait('forever', { timeoutMs: 300 }).catch((e: unknown) => e);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(error).toBeInstanceOf(WaitTimeoutError);
  expect(String(error)).toContain(
    'timed out after 300ms waiting for workflow argo/forever to finish (last phase: Running)',
  );
});

it('reconnects when the watch stream drops and still sees the end', async () => {
  const { server, client, close } = await serverAndClient({ tickMs: 20, outcome: () => 'Hold' });
  cleanup = close;
  server.dropStreamsAfter(1);
  await client.workflows.create(helloWorkflow('flaky'));
  const phases: string[] = [];
  const waiting = client.workflows.wait('flaky', {
    timeoutMs: 5000,
    onUpdate: (wf) => phases.push(wf.status?.phase ?? ''),
  });
  const watchCount = () => server.requests.filter((r) => r.operationId === 'WorkflowService_WatchWorkflows').length;
  // The workflow ends only after the first stream was dropped and the client came back: no race with the clock.
  await until(() => watchCount() >= 2);
  server.state.finish('argo', 'flaky', 'Failed');
  const done = await waiting;
  expect(done.status?.phase).toBe('Failed');
  const watches = server.requests.filter((r) => r.operationId === 'WorkflowService_WatchWorkflows');
  expect(watches.length).toBeGreaterThan(1);
  expect(phases.at(-1)).toBe('Failed');
});

it('returns at once for a workflow that already finished', async () => {
  const { client, close } = await serverAndClient({ tickMs: 1 });
  cleanup = close;
  await client.workflows.create(helloWorkflow('quick'));
  await new Promise((r) => setTimeout(r, 50));
  expect((await client.workflows.wait('quick')).status?.phase).toBe('Succeeded');
});
