import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  type ArgoClient,
  DefinitionConflictError,
  InvalidArgumentError,
  NotFoundError,
} from '../src/index.js';
import type { ContractServer } from './support/contract-server.js';
import { helloWorkflow, serverAndClient } from './support/setup.js';

let server: ContractServer;
let client: ArgoClient;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ server, client, close } = await serverAndClient({
    tickMs: 5,
    outcome: (wf) => (wf.metadata.labels?.hold === 'yes' ? 'Hold' : 'Succeeded'),
  }));
});
afterAll(async () => {
  await close();
  expect(server.violations).toEqual([]);
});

/** Every request the server saw was accepted by the contract (no 400 naming a mismatch). */
function contractRejections(): string[] {
  return server.requests
    .filter((r) => r.status === 400 && JSON.stringify(r).includes('contract:'))
    .map((r) => `${r.method} ${r.url}`);
}

describe('workflows', () => {
  it('creates, gets, lists and deletes a workflow, each request valid against the spec', async () => {
    const created = await client.workflows.create(helloWorkflow('crud-1'));
    expect(created.metadata.name).toBe('crud-1');
    expect(created.metadata.namespace).toBe('argo');
    const got = await client.workflows.get('crud-1', { fields: '-status.nodes' });
    expect(got.metadata.uid).toBe(created.metadata.uid);
    const listed = await client.workflows.list({ fieldSelector: 'metadata.name=crud-1' });
    expect(listed.items?.map((w) => w.metadata.name)).toEqual(['crud-1']);
    await client.workflows.delete('crud-1', { force: true });
    await expect(client.workflows.get('crud-1')).rejects.toBeInstanceOf(NotFoundError);
    expect(contractRejections()).toEqual([]);
  });

  it('generates names, lints and server-dry-runs without saving', async () => {
    const generated = await client.workflows.create(helloWorkflow('gen', { generate: true }));
    expect(generated.metadata.name).toMatch(/^gen-[0-9a-z]{5}$/);
    const linted = await client.workflows.lint(helloWorkflow('lint-me'));
    expect(linted.metadata.name).toBe('lint-me');
    await client.workflows.create(helloWorkflow('dry'), { serverDryRun: true });
    await expect(client.workflows.get('dry')).rejects.toBeInstanceOf(NotFoundError);
    expect(contractRejections()).toEqual([]);
  });

  it('reports an invalid workflow as InvalidArgument with Argo message and gRPC code', async () => {
    const bad = helloWorkflow('bad');
    bad.spec.entrypoint = 'missing';
    const error = await client.workflows.create(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({
      status: 400,
      grpcCode: 3,
      argoMessage: 'spec.entrypoint template "missing" not found',
    });
  });

  it('is idempotent for a fixed name: same spec returns the existing one, another spec fails clearly', async () => {
    const first = await client.workflows.create(helloWorkflow('same-1'));
    const again = await client.workflows.create(helloWorkflow('same-1'));
    expect(again.metadata.uid).toBe(first.metadata.uid);
    const error = await client.workflows.create(helloWorkflow('same-1', { message: 'other' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionConflictError);
    expect(String(error)).toContain('Workflow argo/same-1 already exists with a different definition');
    expect(String(error)).toContain('spec.templates[0].container.command[1]');
  });

  it('pages through list results with limit and continue', async () => {
    for (const n of [1, 2, 3, 4, 5]) await client.workflows.create(helloWorkflow(`page-${n}`));
    const first = await client.workflows.list({
      labelSelector: '',
      fieldSelector: 'metadata.name=page-',
      nameFilter: 'Prefix',
      limit: 2,
    });
    expect(first.items).toHaveLength(2);
    expect(first.metadata.continue).toBeTruthy();
    const all: string[] = [];
    for await (const wf of client.workflows.listAll({
      fieldSelector: 'metadata.name=page-',
      nameFilter: 'Prefix',
      limit: 2,
    })) {
      all.push(wf.metadata.name ?? '');
    }
    expect(all).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5']);
  });

  it('watches phase changes to completion and waits for the result', async () => {
    const phases: string[] = [];
    const watching = (async () => {
      for await (const event of client.workflows.watch('watched')) {
        phases.push(event.object?.status?.phase ?? '');
        if (['Succeeded', 'Failed', 'Error'].includes(event.object?.status?.phase ?? '')) break;
      }
    })();
    // Create only once the stream is open, so every phase change is seen.
    while (
      !server.requests.some((r) => r.operationId === 'WorkflowService_WatchWorkflows' && r.url.includes('watched'))
    ) {
      await new Promise((r) => setTimeout(r, 2));
    }
    await client.workflows.create(helloWorkflow('watched'));
    await watching;
    expect(phases.filter((p) => p !== '')).toEqual(['Pending', 'Running', 'Succeeded']);
    const done = await client.workflows.wait('watched', { timeoutMs: 5000 });
    expect(done.status?.phase).toBe('Succeeded');
  });

  it('streams logs, follows them to the end, filters by grep and by pod', async () => {
    await client.workflows.create(helloWorkflow('logged'));
    const lines: string[] = [];
    for await (const entry of client.workflows.logs('logged', { follow: true, container: 'main' })) {
      lines.push(entry.content ?? '');
    }
    expect(lines).toEqual(['logged: line 1', 'logged: line 2']);
    const grepped: string[] = [];
    for await (const entry of client.workflows.logs('logged', { grep: 'line 2', tailLines: 10 }))
      grepped.push(entry.content ?? '');
    expect(grepped).toEqual(['logged: line 2']);
    const pod: string[] = [];
    for await (const entry of client.workflows.logs('logged', { podName: 'logged' })) pod.push(entry.podName ?? '');
    expect(pod).toEqual(['logged', 'logged']);
    expect(contractRejections()).toEqual([]);
  });

  it('stops, terminates, suspends, resumes, retries and resubmits', async () => {
    const held = await startHeld('held-1');
    await client.workflows.suspend(held);
    expect((await client.workflows.get(held)).spec.suspend).toBe(true);
    await client.workflows.resume(held, { nodeFieldSelector: 'inputs.parameters.x.value=1' });
    expect((await client.workflows.get(held)).spec.suspend).toBe(false);
    const stopped = await client.workflows.stop(held, { message: 'enough' });
    expect(stopped.status?.message).toContain("Stopped with strategy 'Stop': enough");
    const retried = await client.workflows.retry(held, { restartSuccessful: true, parameters: { x: '2' } });
    expect(retried.status?.phase).toBe('Running');
    const terminated = await client.workflows.terminate(held);
    expect(terminated.spec.shutdown).toBe('Terminate');
    const copy = await client.workflows.resubmit(held, { memoized: true });
    expect(copy.metadata.name).toMatch(/^held-1-/);
    await expect(client.workflows.terminate(held)).rejects.toThrow(/cannot shutdown a completed workflow/);
    expect(contractRejections()).toEqual([]);
  });
});

/** A workflow that stays Running until stopped. */
async function startHeld(name: string): Promise<string> {
  const workflow = helloWorkflow(name);
  await client.workflows.create({ ...workflow, metadata: { ...workflow.metadata, labels: { hold: 'yes' } } });
  return name;
}

describe('templates and crons', () => {
  const template = {
    metadata: { name: 'features' },
    spec: {
      entrypoint: 'main',
      arguments: { parameters: [{ name: 'date' }] },
      templates: [{ name: 'main', container: { image: 'busybox:1.36' } }],
    },
  };

  it('creates, lints, gets, lists, applies, updates and deletes WorkflowTemplates', async () => {
    expect((await client.workflowTemplates.lint(template)).metadata.name).toBe('features');
    expect((await client.workflowTemplates.apply(template)).action).toBe('created');
    expect((await client.workflowTemplates.apply(template)).action).toBe('unchanged');
    const changed = { ...template, spec: { ...template.spec, entrypoint: 'main', serviceAccountName: 'etl' } };
    expect((await client.workflowTemplates.apply(changed)).action).toBe('updated');
    expect((await client.workflowTemplates.get('features')).spec.serviceAccountName).toBe('etl');
    expect((await client.workflowTemplates.list({ labelSelector: '' })).items?.length).toBe(1);
    await expect(
      client.workflowTemplates.create({ ...template, spec: { ...template.spec, entrypoint: 'x' } }),
    ).rejects.toBeInstanceOf(DefinitionConflictError);
    await client.workflowTemplates.delete('features');
    await expect(client.workflowTemplates.get('features')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('submits from a WorkflowTemplate with parameters, idempotently when named', async () => {
    await client.workflowTemplates.create(template);
    const wf = await client.workflows.submitFrom('WorkflowTemplate', 'features', {
      parameters: { date: '2026-06-17' },
      name: 'features-2026-06-17',
      labels: { team: 'ml' },
    });
    expect(wf.spec.workflowTemplateRef?.name).toBe('features');
    expect(wf.spec.arguments?.parameters).toEqual([{ name: 'date', value: '2026-06-17' }]);
    const again = await client.workflows.submitFrom('WorkflowTemplate', 'features', {
      parameters: ['date=2026-06-17'],
      name: 'features-2026-06-17',
    });
    expect(again.metadata.uid).toBe(wf.metadata.uid);
    await expect(
      client.workflows.submitFrom('WorkflowTemplate', 'features', {
        parameters: ['date=2026-06-18'],
        name: 'features-2026-06-17',
      }),
    ).rejects.toBeInstanceOf(DefinitionConflictError);
    await expect(client.workflows.submitFrom('WorkflowTemplate', 'features', {})).rejects.toThrow(/value is required/);
  });

  it('handles ClusterWorkflowTemplates', async () => {
    const cluster = { metadata: { name: 'shared' }, spec: template.spec };
    await client.clusterWorkflowTemplates.lint(cluster);
    await client.clusterWorkflowTemplates.create(cluster);
    await client.clusterWorkflowTemplates.update({
      ...(await client.clusterWorkflowTemplates.get('shared')),
      spec: { ...template.spec, serviceAccountName: 'x' },
    });
    expect((await client.clusterWorkflowTemplates.list()).items?.map((t) => t.metadata.name)).toEqual(['shared']);
    const wf = await client.workflows.submitFrom('ClusterWorkflowTemplate', 'shared', {
      parameters: { date: 'd' },
      generateName: 'shared-run-',
    });
    expect(wf.spec.workflowTemplateRef).toEqual({ name: 'shared', clusterScope: true });
    await client.clusterWorkflowTemplates.delete('shared');
  });

  it('handles CronWorkflows with suspend and resume, and submits from one', async () => {
    const cron = {
      metadata: { name: 'nightly' },
      spec: {
        schedules: ['0 2 * * *'],
        workflowSpec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox:1.36' } }] },
      },
    };
    await client.cronWorkflows.lint(cron);
    expect((await client.cronWorkflows.apply(cron)).action).toBe('created');
    expect((await client.cronWorkflows.suspend('nightly')).spec.suspend).toBe(true);
    expect((await client.cronWorkflows.resume('nightly')).spec.suspend).toBe(false);
    expect((await client.cronWorkflows.list()).items).toHaveLength(1);
    const wf = await client.workflows.submitFrom('CronWorkflow', 'nightly', {
      entryPoint: 'main',
      serviceAccount: 'etl',
      annotations: 'a=b',
    });
    expect(wf.spec.entrypoint).toBe('main');
    await client.cronWorkflows.delete('nightly');
    await expect(client.cronWorkflows.create({ metadata: { name: '' }, spec: cron.spec })).rejects.toThrow(
      /metadata.name is required/,
    );
  });
});

describe('info', () => {
  it('reads version, info and user info', async () => {
    expect((await client.info.version()).version).toBe('v4.1.0');
    expect((await client.info.info()).managedNamespace).toBe('argo');
    expect((await client.info.userInfo()).serviceAccountName).toBe('ci');
  });

  it('maps AlreadyExists for an existing template name to the idempotent path, not an error', async () => {
    const t = { metadata: { name: 'twice' }, spec: { templates: [] } };
    await client.workflowTemplates.create(t);
    await expect(client.workflowTemplates.create(t)).resolves.toMatchObject({ metadata: { name: 'twice' } });
    expect(AlreadyExistsError.name).toBe('AlreadyExistsError');
  });
});
