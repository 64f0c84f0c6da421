import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ContractServer,
  envFor,
  project,
  run,
  start,
  startContractServer,
  until,
  workflowYaml,
} from './support.js';

let server: ContractServer;
let outcome: 'Succeeded' | 'Failed' | 'Hold' = 'Succeeded';
beforeEach(async () => {
  outcome = 'Succeeded';
  server = await startContractServer({ tickMs: 25, outcome: () => outcome });
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

describe('workflow submit', () => {
  it('submits the Workflow of a YAML file with -p and prints its name', async () => {
    const dir = project({ 'wf.yaml': workflowYaml('from-yaml', { parameter: true }) });
    const result = await run(
      ['submit', 'wf.yaml', '-p', 'date=2026-06-17', '-o', 'name'],
      envFor(server.hostPort),
      dir,
    );
    expect(result).toMatchObject({ code: 0, out: 'from-yaml\n' });
    const stored = server.state.workflows.get('argo/from-yaml');
    expect(stored?.spec.arguments?.parameters).toEqual([{ name: 'date', value: '2026-06-17' }]);
  });

  it('submits from a TypeScript entry', async () => {
    const entry = `const wf = ${JSON.stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'from-ts-' },
      spec: {
        entrypoint: 'main',
        templates: [
          {
            name: 'main',
            container: {
              image: 'busybox:1.36',
              resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
            },
          },
        ],
      },
    })};\nexport default { toObject: (): unknown => wf };\n`;
    const dir = project({ 'pipeline.ts': entry, 'package.json': '{"type": "module"}' });
    const result = await run(['submit', 'pipeline.ts', '-o', 'name'], envFor(server.hostPort), dir);
    // Lint warnings (policy advice) are printed but do not stop the submission.
    expect(result.err.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '))).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^from-ts-[0-9a-z]{5}\n$/);
  });

  it('submits from a WorkflowTemplate with parameters and a fixed name', async () => {
    server.state.templates.set('argo/features', {
      metadata: { name: 'features', namespace: 'argo' },
      spec: { entrypoint: 'main', arguments: { parameters: [{ name: 'date' }] }, templates: [{ name: 'main' }] },
    });
    const args = [
      'submit',
      '--from',
      'workflowtemplate/features',
      '-p',
      'date=2026-06-17',
      '--name',
      'features-2026-06-17',
    ];
    const result = await run([...args, '-o', 'name'], envFor(server.hostPort));
    expect(result).toMatchObject({ code: 0, out: 'features-2026-06-17\n' });
    const stored = server.state.workflows.get('argo/features-2026-06-17');
    expect(stored?.spec.workflowTemplateRef?.name).toBe('features');
    expect(stored?.spec.arguments?.parameters).toEqual([{ name: 'date', value: '2026-06-17' }]);
    // Same again: idempotent.
    expect((await run([...args, '-o', 'name'], envFor(server.hostPort))).code).toBe(0);
    const missing = await run(['submit', '--from', 'wftmpl/features'], envFor(server.hostPort));
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('spec.arguments.date.value is required');
    const bad = await run(['submit', '--from', 'pipeline/features'], envFor(server.hostPort));
    expect(bad.code).toBe(2);
  });

  it('--watch prints the progress view as phases stream and exits 0 on success, 1 on failure', async () => {
    const dir = project({ 'ok.yaml': workflowYaml('watch-ok'), 'bad.yaml': workflowYaml('watch-bad') });
    // Held running until the watch has printed it, then ended: a busy machine cannot make the watch miss a phase.
    outcome = 'Hold';
    const watching = start(['submit', 'ok.yaml', '--watch', '-o', 'name'], envFor(server.hostPort), dir);
    await until(() => watching.out().includes('watch-ok: Running'));
    server.state.finish('argo', 'watch-ok', 'Succeeded');
    const ok = await watching.done;
    expect(ok.code).toBe(0);
    // The phases as they stream (Pending may already be past when the first get answers).
    // Lines as a local run prints them: the step (here the workflow's only pod, its root) starting, then the
    // workflow's outcome once — the root pod's own end is that same line, not a second one.
    expect(ok.out).toMatch(/^watch-ok\n(watch-ok: Pending\n)? {2}watch-ok: Running\nwatch-ok: Succeeded {2}\S+\n$/);
    outcome = 'Failed';
    const bad = await run(['submit', 'bad.yaml', '--wait', '-o', 'name'], envFor(server.hostPort), dir);
    expect(bad).toMatchObject({ code: 1, out: 'watch-bad\nwatch-bad Failed\n' });
  });

  it('--log streams the logs while it runs', async () => {
    const dir = project({ 'wf.yaml': workflowYaml('with-logs') });
    const result = await run(['submit', 'wf.yaml', '--log', '--wait', '-o', 'name'], envFor(server.hostPort), dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain('with-logs: with-logs: line 1\nwith-logs: with-logs: line 2\n');
  });

  it('checks and lints before sending: a bad workflow never reaches the server (exit 2)', async () => {
    const dir = project({
      'schema.yaml': workflowYaml('bad-schema').replace('image: busybox:1.36', 'image: 42'),
      'lint.yaml': workflowYaml('bad-lint', { entrypoint: 'nope' }),
      'tmpl.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t}\nspec: {templates: []}\n',
    });
    const schema = await run(['submit', 'schema.yaml'], envFor(server.hostPort), dir);
    expect(schema.code).toBe(2);
    expect(schema.err).toContain('spec.templates[0].container.image: expected string');
    const lint = await run(['submit', 'lint.yaml'], envFor(server.hostPort), dir);
    expect(lint.code).toBe(2);
    expect(lint.err).toContain('nope');
    // Only the question of which release to lint for reached the server, once per command; no workflow did.
    expect(server.requests.map((r) => r.operationId)).toEqual(['InfoService_GetVersion', 'InfoService_GetVersion']);
    const skipped = await run(['submit', 'lint.yaml', '--no-lint'], envFor(server.hostPort), dir);
    expect(skipped.code).toBe(3);
    expect(skipped.err).toContain('spec.entrypoint template "nope" not found');
    const kind = await run(['submit', 'tmpl.yaml'], envFor(server.hostPort), dir);
    expect(kind).toMatchObject({ code: 2 });
    expect(kind.err).toContain(
      'no Workflow or pipeline() to submit (found WorkflowTemplate); deploy templates and crons with `workflow deploy tmpl.yaml`',
    );
    const param = await run(['submit', 'lint.yaml', '-p', 'x=1'], envFor(server.hostPort), dir);
    expect(param.err).toContain('declares no parameter "x"');
  });

  it('--dry-run prints the workflow without a server; --server-dry-run creates nothing', async () => {
    const dir = project({ 'wf.yaml': workflowYaml('dry') });
    const dry = await run(['submit', 'wf.yaml', '--dry-run', '--name', 'renamed'], {}, dir);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('name: renamed');
    const server2 = await run(['submit', 'wf.yaml', '--server-dry-run', '-o', 'json'], envFor(server.hostPort), dir);
    expect(server2.code).toBe(0);
    expect(JSON.parse(server2.out).metadata.name).toBe('dry');
    expect(server.state.workflows.size).toBe(0);
  });
});
