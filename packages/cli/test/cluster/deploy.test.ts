import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContractServer, envFor, run, startContractServer } from './support.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const entry = 'examples/customer-features/pipeline.ts';

let server: ContractServer;
beforeEach(async () => {
  server = await startContractServer({ tickMs: 5 });
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

const writes = () => server.requests.filter((r) => r.method !== 'GET' && r.status === 200).map((r) => r.operationId);

describe('workflow deploy', () => {
  it('creates the template and the cron, then changes nothing the second time; names what it cannot apply', async () => {
    const first = await run(['deploy', entry], envFor(server.hostPort), repo);
    expect(first.code).toBe(0);
    expect(first.out).toBe('workflowtemplate/customer-features created\ncronworkflow/customer-features created\n');
    expect(first.err).toContain('not applied (the Argo Server stores only Argo kinds): networkpolicy/');
    expect(first.err).toContain(`apply them with: workflow compile ${entry} --out deploy/ && kubectl apply -k`);
    expect(writes()).toEqual([
      'WorkflowTemplateService_CreateWorkflowTemplate',
      'CronWorkflowService_CreateCronWorkflow',
    ]);

    server.requests.length = 0;
    const second = await run(['deploy', entry], envFor(server.hostPort), repo);
    expect(second.out).toBe('workflowtemplate/customer-features unchanged\ncronworkflow/customer-features unchanged\n');
    expect(writes()).toEqual([]);
  });

  it('--diff shows the one changed field and changes nothing; deploy then updates it', async () => {
    expect((await run(['deploy', entry], envFor(server.hostPort), repo)).code).toBe(0);
    const cron = server.state.crons.get('ml-data-pipelines/customer-features') as { spec: { schedules: string[] } };
    cron.spec.schedules = ['0 3 * * *'];
    server.requests.length = 0;
    const diff = await run(['deploy', entry, '--diff'], envFor(server.hostPort), repo);
    expect(diff.code).toBe(0);
    expect(diff.out).toBe(
      'workflowtemplate/customer-features unchanged\ncronworkflow/customer-features would be updated:\n  ~ spec.schedules[0]: "0 3 * * *" → "0 2 * * *"\n',
    );
    expect(writes()).toEqual([]);
    const apply = await run(['deploy', entry], envFor(server.hostPort), repo);
    expect(apply.out).toContain('cronworkflow/customer-features updated\n');
    expect(cron.spec.schedules).toEqual(['0 3 * * *']);
    expect((server.state.crons.get('ml-data-pipelines/customer-features') as typeof cron).spec.schedules).toEqual([
      '0 2 * * *',
    ]);
  });

  it('--prune deletes only objects carrying the pipeline label that the entry no longer defines', async () => {
    expect((await run(['deploy', entry], envFor(server.hostPort), repo)).code).toBe(0);
    const labelled = { 'sluice.dev/pipeline': 'customer-features' };
    const stale = { metadata: { name: 'customer-features-old', namespace: 'ml-data-pipelines', labels: labelled } };
    const foreign = { metadata: { name: 'someone-elses', namespace: 'ml-data-pipelines', labels: { team: 'x' } } };
    const spec = { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox:1.36' } }] };
    server.state.templates.set('ml-data-pipelines/customer-features-old', { ...stale, spec });
    server.state.templates.set('ml-data-pipelines/someone-elses', { ...foreign, spec });

    const without = await run(['deploy', entry], envFor(server.hostPort), repo);
    expect(without.out).not.toContain('deleted');
    const preview = await run(['deploy', entry, '--prune', '--diff'], envFor(server.hostPort), repo);
    expect(preview.out).toContain('workflowtemplate/customer-features-old would be deleted');
    expect(server.state.templates.has('ml-data-pipelines/customer-features-old')).toBe(true);
    const pruned = await run(['deploy', entry, '--prune'], envFor(server.hostPort), repo);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toContain('workflowtemplate/customer-features-old deleted\n');
    expect([...server.state.templates.keys()].sort()).toEqual([
      'ml-data-pipelines/customer-features',
      'ml-data-pipelines/someone-elses',
    ]);
  });

  it('stays idempotent when 30% of requests fail with 5xx or resets', async () => {
    server.setFaults({ rate: 0.3, kinds: ['reset', 'reset-after', '502', '503', '502-after'] });
    for (let i = 0; i < 3; i++) {
      const result = await run(['deploy', entry], envFor(server.hostPort), repo);
      expect(result.code).toBe(0);
    }
    const cron = server.state.crons.get('ml-data-pipelines/customer-features') as { spec: { schedules: string[] } };
    cron.spec.schedules = ['0 3 * * *'];
    const update = await run(['deploy', entry], envFor(server.hostPort), repo);
    expect(update).toMatchObject({ code: 0 });
    expect(update.out).toContain('cronworkflow/customer-features updated\n');
    server.setFaults(undefined);
    expect(server.state.templates.size).toBe(1);
    expect((server.state.crons.get('ml-data-pipelines/customer-features') as typeof cron).spec.schedules).toEqual([
      '0 2 * * *',
    ]);
  });
});
