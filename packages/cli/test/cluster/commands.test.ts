import type { Workflow } from '@sluice/argo-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ContractServer,
  containerPolicy,
  envFor,
  indent,
  project,
  run,
  startContractServer,
  until,
  workflowYaml,
} from './support.js';

let server: ContractServer;
let outcome: 'Succeeded' | 'Failed' | 'Hold' = 'Succeeded';
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  outcome = 'Succeeded';
  server = await startContractServer({ tickMs: 5, outcome: () => outcome });
  env = envFor(server.hostPort);
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

async function submitted(name: string): Promise<void> {
  const dir = project({ 'wf.yaml': workflowYaml(name) });
  expect((await run(['submit', 'wf.yaml', '-o', 'name'], env, dir)).code).toBe(0);
}

async function finished(name: string): Promise<Workflow> {
  expect((await run(['wait', name], env)).code).toBeLessThanOrEqual(1);
  return server.state.getWorkflow('argo', name);
}

describe('cluster commands', () => {
  it('get shows a summary, -o wide the nodes, -o json the object', async () => {
    await submitted('shown');
    await finished('shown');
    const summary = await run(['get', 'shown'], env);
    expect(summary.code).toBe(0);
    expect(summary.out).toMatch(/^Name: +shown\nNamespace: +argo\nStatus: +Succeeded\n/);
    expect((await run(['get', 'shown', '-o', 'wide'], env)).out).toMatch(/STEP +TYPE +PHASE/);
    expect(JSON.parse((await run(['get', 'shown', '-o', 'json'], env)).out).metadata.name).toBe('shown');
    const missing = await run(['get', 'nope'], env);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('NotFound: workflows.argoproj.io "nope" not found');
  });

  it('list filters by status and prefix, pages through everything, and prints a table', async () => {
    outcome = 'Failed';
    await submitted('etl-a');
    await finished('etl-a');
    outcome = 'Succeeded';
    await submitted('etl-b');
    await submitted('other');
    await finished('etl-b');
    const failed = await run(['list', '--status', 'Failed', '-o', 'name'], env);
    expect(failed).toMatchObject({ code: 0, out: 'etl-a\n' });
    expect((await run(['list', '--prefix', 'etl-', '-o', 'name', '--since', '1h'], env)).out).toBe('etl-a\netl-b\n');
    const table = await run(['list'], env);
    expect(table.out.split('\n')[0]).toMatch(/^NAME +STATUS +AGE +DURATION$/);
    expect((await run(['list', '--limit', '2', '-o', 'name'], env)).out.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await run(['list', '--status', 'Done'], env)).code).toBe(2);
  });

  it('watch follows a workflow to the end; logs -f prints the streamed lines', async () => {
    await submitted('followed');
    const watched = await run(['watch', 'followed'], env);
    expect(watched.code).toBe(0);
    expect(watched.out).toMatch(/^followed: Succeeded\b/m);
    const logs = await run(['logs', 'followed', '-f', '-c', 'main'], env);
    expect(logs).toMatchObject({ code: 0, out: 'followed: followed: line 1\nfollowed: followed: line 2\n' });
    expect((await run(['logs', 'followed', '--grep', 'line 2'], env)).out).toBe('followed: followed: line 2\n');
  });

  it('logs -f prints lines while the workflow is still running', async () => {
    outcome = 'Hold';
    await submitted('streaming');
    const following = run(['logs', 'streaming', '-f'], env);
    // Append only once the follow stream is open: a fixed sleep lost this race on a loaded machine.
    await until(() =>
      server.requests.some((r) => r.operationId === 'WorkflowService_WorkflowLogs' && r.status === 200),
    );
    server.state.appendLog('argo/streaming', 'streaming', 'late line');
    server.state.deleteWorkflow('argo', 'streaming'); // the server ends a followed stream when the workflow goes
    const result = await following;
    expect(result.code).toBe(0);
    expect(result.out).toContain('streaming: late line\n');
  });

  it('wait --timeout exits 1 with a clear message; wait exits 1 for a failed workflow', async () => {
    outcome = 'Hold';
    await submitted('slow');
    const timedOut = await run(['wait', 'slow', '--timeout', '300ms'], env);
    expect(timedOut.code).toBe(1);
    expect(timedOut.err).toBe(
      'workflow wait: timed out after 300ms waiting for workflow argo/slow to finish (last phase: Running)\n',
    );
    outcome = 'Failed';
    await submitted('broken');
    expect(await run(['wait', 'broken'], env)).toMatchObject({ code: 1, out: 'broken Failed\n' });
    expect((await run(['wait', 'slow', '--timeout', 'soon'], env)).code).toBe(2);
  });

  it('stop, terminate, retry, resubmit and delete', async () => {
    outcome = 'Hold';
    await submitted('life');
    const stopped = await run(['stop', 'life', '--message', 'enough', '-o', 'json'], env);
    expect(JSON.parse(stopped.out).status.message).toContain('enough');
    outcome = 'Succeeded';
    const retried = await run(['retry', 'life', '--wait', '-o', 'name'], env);
    expect(retried).toMatchObject({ code: 0, out: 'life\n' });
    const again = await run(['terminate', 'life'], env);
    expect(again.code).toBe(3);
    expect(again.err).toContain('cannot shutdown a completed workflow');
    const copy = await run(['resubmit', 'life', '--memoized', '-o', 'name'], env);
    expect(copy.out).toMatch(/^life-[0-9a-z]{5}\n$/);
    outcome = 'Hold';
    await submitted('doomed');
    expect(JSON.parse((await run(['terminate', 'doomed', '-o', 'json'], env)).out).spec.shutdown).toBe('Terminate');
    expect(await run(['delete', 'life', 'doomed'], env)).toMatchObject({
      code: 0,
      out: "Workflow 'life' deleted\nWorkflow 'doomed' deleted\n",
    });
    expect(server.state.workflows.has('argo/life')).toBe(false);
  });

  it('template apply creates then updates; cron apply, suspend and resume', async () => {
    const template = (sa: string) => `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: features
spec:
  serviceAccountName: ${sa}
  templates:
    - name: main
      container:
        image: busybox:1.36
${indent(containerPolicy, 8)}
`;
    const cron = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedules: ["0 2 * * *"]
  workflowSpec:
    entrypoint: main
    templates:
      - name: main
        container:
          image: busybox:1.36
${indent(containerPolicy, 10)}
`;
    const dir = project({ 't1.yaml': template('etl'), 't2.yaml': template('etl-v2'), 'cron.yaml': cron });
    expect((await run(['template', 'apply', 't1.yaml'], env, dir)).out).toBe('workflowtemplate/features created\n');
    expect((await run(['template', 'apply', 't1.yaml'], env, dir)).out).toBe('workflowtemplate/features unchanged\n');
    expect((await run(['template', 'apply', 't2.yaml'], env, dir)).out).toBe('workflowtemplate/features updated\n');
    expect(server.state.templates.get('argo/features')?.spec).toMatchObject({ serviceAccountName: 'etl-v2' });
    expect((await run(['template', 'apply', 'cron.yaml'], env, dir)).code).toBe(2);
    expect((await run(['template', 'remove', 't1.yaml'], env, dir)).code).toBe(2);
    expect((await run(['cron', 'apply', 'cron.yaml'], env, dir)).out).toBe('cronworkflow/nightly created\n');
    expect((await run(['cron', 'suspend', 'nightly'], env)).out).toBe('cronworkflow/nightly suspended\n');
    expect(server.state.crons.get('argo/nightly')?.spec).toMatchObject({ suspend: true });
    expect((await run(['cron', 'resume', 'nightly'], env)).out).toBe('cronworkflow/nightly resumed\n');
    expect(server.state.crons.get('argo/nightly')?.spec).toMatchObject({ suspend: false });
  });

  it('says how to configure the server when none is set (exit 2), and exits 3 when it cannot be reached', async () => {
    const none = await run(['get', 'x'], {});
    expect(none).toMatchObject({ code: 2 });
    expect(none.err).toContain('set ARGO_SERVER=host:port or pass --server host:port');
    const refused = await run(['get', 'x', '--server', '127.0.0.1:1', '--secure', 'false'], {});
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('connection refused by http://127.0.0.1:1');
  });
});
