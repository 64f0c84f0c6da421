import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContractServer, envFor, run, startContractServer } from './support.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const entry = 'examples/customer-features/pipeline.ts';
const runName = 'customer-features-2026-06-17';
const submitArgs = ['submit', entry, '-p', 'execution-date=2026-06-17'];

let server: ContractServer;
beforeEach(async () => {
  server = await startContractServer({ tickMs: 5 });
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

/** How many requests of an operation the server answered with success. */
function succeeded(operationId: string): number {
  return server.requests.filter((r) => r.operationId === operationId && r.status === 200 && r.fault === undefined)
    .length;
}

/** Stderr without the linter's policy advice. */
function errors(err: string): string[] {
  return err.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '));
}

describe('workflow submit <pipeline entry> (template first)', () => {
  it('creates the WorkflowTemplate once and submits one run named <pipeline>-<date>; a second submit creates nothing', async () => {
    const first = await run([...submitArgs, '--wait'], envFor(server.hostPort), repo);
    expect(errors(first.err)).toEqual(['workflowtemplate/customer-features created']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`^Name: +${runName}\n[^]*\n${runName} Succeeded\n$`));
    expect([...server.state.templates.keys()]).toEqual(['ml-data-pipelines/customer-features']);
    expect([...server.state.workflows.keys()]).toEqual([`ml-data-pipelines/${runName}`]);
    const stored = server.state.workflows.get(`ml-data-pipelines/${runName}`);
    expect(stored?.spec.workflowTemplateRef?.name).toBe('customer-features');
    expect(stored?.spec.arguments?.parameters).toContainEqual({ name: 'execution-date', value: '2026-06-17' });

    const second = await run([...submitArgs, '--wait'], envFor(server.hostPort), repo);
    expect(errors(second.err)).toEqual(['workflowtemplate/customer-features unchanged']);
    expect(second.code).toBe(0);
    expect(server.state.workflows.size).toBe(1);
    expect(succeeded('WorkflowTemplateService_CreateWorkflowTemplate')).toBe(1);
    expect(succeeded('WorkflowTemplateService_UpdateWorkflowTemplate')).toBe(0);
    expect(succeeded('WorkflowService_SubmitWorkflow')).toBe(1);
  });

  it('ends with one template and one run when 30% of requests fail with 5xx or resets', async () => {
    server.setFaults({ rate: 0.3, kinds: ['reset', 'reset-after', '502', '503', '502-after'] });
    for (let i = 0; i < 2; i++) {
      const result = await run([...submitArgs, '--wait', '-o', 'name'], envFor(server.hostPort), repo);
      expect(errors(result.err).filter((l) => !l.startsWith('workflowtemplate/'))).toEqual([]);
      expect(result).toMatchObject({ code: 0, out: `${runName}\n${runName} Succeeded\n` });
    }
    server.setFaults(undefined);
    expect(server.requests.some((r) => r.fault !== undefined)).toBe(true);
    expect([...server.state.templates.keys()]).toEqual(['ml-data-pipelines/customer-features']);
    expect([...server.state.workflows.keys()]).toEqual([`ml-data-pipelines/${runName}`]);
  });

  it('updates a template that differs from the compiled one, and says so', async () => {
    expect((await run(submitArgs, envFor(server.hostPort), repo)).code).toBe(0);
    const stored = server.state.templates.get('ml-data-pipelines/customer-features') as { spec: { podGC?: unknown } };
    stored.spec.podGC = { strategy: 'OnWorkflowCompletion' };
    const again = await run([...submitArgs.slice(0, 3), 'execution-date=2026-06-18'], envFor(server.hostPort), repo);
    expect(errors(again.err)).toEqual(['workflowtemplate/customer-features updated']);
    expect(again.code).toBe(0);
    expect((server.state.templates.get('ml-data-pipelines/customer-features') as typeof stored).spec.podGC).toEqual({
      strategy: 'OnPodSuccess',
    });
  });

  it('--no-apply submits from the template on the server, and stops with the differing fields when it differs', async () => {
    const missing = await run([...submitArgs, '--no-apply'], envFor(server.hostPort), repo);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('workflowtemplate/customer-features is not on the server');
    expect(server.state.workflows.size).toBe(0);

    expect((await run(['deploy', entry], envFor(server.hostPort), repo)).code).toBe(0);
    const stored = server.state.templates.get('ml-data-pipelines/customer-features') as { spec: { podGC?: unknown } };
    stored.spec.podGC = { strategy: 'OnWorkflowCompletion' };
    const differs = await run([...submitArgs, '--no-apply'], envFor(server.hostPort), repo);
    expect(differs.code).toBe(2);
    expect(differs.err).toContain('differs from the compiled pipeline in 1 field(s)');
    expect(differs.err).toContain('~ spec.podGC.strategy: "OnWorkflowCompletion" → "OnPodSuccess"');
    expect(server.state.workflows.size).toBe(0);

    stored.spec.podGC = { strategy: 'OnPodSuccess' };
    const same = await run([...submitArgs, '--no-apply', '-o', 'name'], envFor(server.hostPort), repo);
    expect(same).toMatchObject({ code: 0, out: `${runName}\n` });
    expect(succeeded('WorkflowTemplateService_UpdateWorkflowTemplate')).toBe(0);
  });

  it('--dry-run prints the template and the submit request, in order, and sends nothing', async () => {
    const result = await run([...submitArgs, '--dry-run', '-o', 'json'], envFor(server.hostPort), repo);
    expect(result.code).toBe(0);
    const documents = JSON.parse(result.out) as Record<string, unknown>[];
    expect(documents.map((d) => d.kind ?? d.resourceKind)).toEqual(['WorkflowTemplate', 'WorkflowTemplate']);
    expect(documents[1]).toEqual({
      namespace: 'ml-data-pipelines',
      resourceKind: 'WorkflowTemplate',
      resourceName: 'customer-features',
      submitOptions: { name: runName, parameters: ['execution-date=2026-06-17'] },
    });
    const compiled = await run(['compile', entry, '-o', 'json'], {}, repo);
    const template = (JSON.parse(compiled.out) as Record<string, unknown>[]).find((d) => d.kind === 'WorkflowTemplate');
    expect(documents[0]).toEqual(template);

    const noApply = await run([...submitArgs, '--dry-run', '--no-apply', '-o', 'name'], envFor(server.hostPort), repo);
    expect(noApply).toMatchObject({ code: 0, out: 'customer-features\n' });
    const from = await run(
      [
        'submit',
        '--from',
        'wftmpl/customer-features',
        '-p',
        'execution-date=2026-06-17',
        '--name',
        runName,
        '--dry-run',
      ],
      envFor(server.hostPort),
    );
    expect(from.code).toBe(0);
    expect(from.out).toContain('resourceKind: WorkflowTemplate\nresourceName: customer-features\n');
    expect(server.requests).toEqual([]);
  });

  it('stops before sending when the date is missing or a -p name is unknown (with a did-you-mean)', async () => {
    const noDate = await run(['submit', entry], envFor(server.hostPort), repo);
    expect(noDate.code).toBe(2);
    expect(noDate.err).toContain('add -p execution-date=YYYY-MM-DD');
    const typo = await run(['submit', entry, '-p', 'execution-dat=2026-06-17'], envFor(server.hostPort), repo);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('has no parameter "execution-dat"; did you mean "execution-date"?');
    const notDate = await run(['submit', entry, '-p', 'execution-date=yesterday'], envFor(server.hostPort), repo);
    expect(notDate.code).toBe(2);
    expect(notDate.err).toContain('is not a date; write it as YYYY-MM-DD');
    expect(server.requests).toEqual([]);
  });
});
