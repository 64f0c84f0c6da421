import { afterEach, describe, expect, it } from 'vitest';
import { type ContractServer, envFor, project, run, startContractServer, workflowYaml } from './support.js';

let server: ContractServer | undefined;
afterEach(async () => {
  await server?.close();
  expect(server?.violations ?? []).toEqual([]);
  server = undefined;
});

/** A workflow using `synchronization.semaphores`, which Argo has from 3.6 on. */
const withSemaphores = workflowYaml('sync').replace(
  'spec:\n',
  'spec:\n  synchronization:\n    semaphores:\n      - configMapKeyRef: {name: limits, key: workflow}\n',
);

const versionQuestions = () => server?.requests.filter((r) => r.operationId === 'InfoService_GetVersion').length;

describe('submit lints for the release the server runs', () => {
  it('asks the server once and lints for it: semaphores are not in a 3.5 server (exit 2, nothing sent)', async () => {
    server = await startContractServer({ release: 'v3.5.15' });
    const dir = project({ 'wf.yaml': withSemaphores });
    const result = await run(['submit', 'wf.yaml'], envFor(server.hostPort), dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain('spec.synchronization.semaphores: not in Argo 3.5 (added in 3.6)');
    expect(server.requests.map((r) => r.operationId)).toEqual(['InfoService_GetVersion']);
  });

  it('submits the same file to a 3.7 server without a word', async () => {
    server = await startContractServer({ release: 'v3.7.18' });
    const dir = project({ 'wf.yaml': withSemaphores });
    const result = await run(['submit', 'wf.yaml', '-o', 'name'], envFor(server.hostPort), dir);
    expect(result).toEqual({ code: 0, out: 'sync\n', err: '' });
    expect(versionQuestions()).toBe(1);
  });

  it('told a release, lints for it and warns when the server runs another', async () => {
    server = await startContractServer();
    const dir = project({ 'wf.yaml': workflowYaml('told') });
    const result = await run(
      ['submit', 'wf.yaml', '-o', 'name', '--argo-version', '3.7'],
      envFor(server.hostPort),
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.err).toBe('warning: linting for Argo 3.7 (--argo-version), but the server runs v4.1.0 (Argo 4.1)\n');
    const fromEnv = await run(
      ['submit', 'wf.yaml', '-o', 'name'],
      envFor(server.hostPort, { ARGO_VERSION: '4.1' }),
      dir,
    );
    expect(fromEnv).toMatchObject({ code: 0, err: '' });
  });

  it('a dry run asks nothing and lints for the configured release', async () => {
    server = await startContractServer();
    const dir = project({ 'wf.yaml': withSemaphores, 'sluice.config.json': '{ "argoVersion": "3.5" }' });
    const result = await run(['submit', 'wf.yaml', '--dry-run'], envFor(server.hostPort), dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain('not in Argo 3.5 (added in 3.6)');
    expect(server.requests).toEqual([]);
  });

  it('template apply lints a CronWorkflow for the server too: schedule on 3.5, schedules on 4.1', async () => {
    const cron = (field: string) => `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: nightly}
spec:
  ${field}
  workflowSpec:
    entrypoint: main
    templates:
      - name: main
        container: {image: busybox:1.36, command: [echo, hi], resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}}}
`;
    server = await startContractServer({ release: 'v3.5.15' });
    const dir = project({ 'old.yaml': cron('schedule: "0 2 * * *"'), 'new.yaml': cron('schedules: ["0 2 * * *"]') });
    expect(await run(['cron', 'apply', 'old.yaml'], envFor(server.hostPort), dir)).toMatchObject({ code: 0 });
    const rejected = await run(['cron', 'apply', 'new.yaml'], envFor(server.hostPort), dir);
    expect(rejected.code).toBe(2);
    expect(rejected.err).toContain('spec.schedules: not in Argo 3.5 (added in 3.6)');
  });
});
