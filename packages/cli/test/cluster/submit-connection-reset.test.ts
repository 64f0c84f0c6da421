import { afterEach, beforeEach, expect, it } from 'vitest';
import { type ContractServer, envFor, project, run, startContractServer } from './support.js';

let server: ContractServer;
beforeEach(async () => {
  server = await startContractServer({ tickMs: 25 });
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

const generated = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: nightly-
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: busybox:1.36
`;

it('bug 18: a generateName submit whose connection resets after the server created the run says how to check with workflow list', async () => {
  const dir = project({ 'wf.yaml': generated });
  // The server creates the workflow, then the connection is cut before the answer: "socket hang up".
  server.setFaults({ rate: 1, kinds: ['reset-after'], operations: ['WorkflowService_CreateWorkflow'] });
  const submit = await run(['submit', 'wf.yaml'], envFor(server.hostPort), dir);
  server.setFaults(undefined);
  expect(submit.code).toBe(3);
  expect(submit.err).toMatch(/^workflow submit: POST \/api\/v1\/workflows\/argo: .*(socket hang up|ECONNRESET)/);
  expect(submit.err).toContain(
    'The connection broke after the submit was sent, so the workflow may have been created. Check with `workflow list -n argo --prefix nightly-` before submitting again',
  );
  // Sent once, never retried (a retry would start a second run).
  expect(server.requests.filter((r) => r.operationId === 'WorkflowService_CreateWorkflow')).toHaveLength(1);
  // The command the hint gives finds the run that was created.
  const list = await run(['list', '-n', 'argo', '--prefix', 'nightly-', '-o', 'name'], envFor(server.hostPort), dir);
  expect(list.code).toBe(0);
  expect(list.out).toMatch(/^nightly-\w+\n$/);
});

it('bug 18: the same for submit --from a template without a name (Argo names the run <template>-)', async () => {
  const dir = project({ 'wf.yaml': generated });
  const template = generated
    .replace('kind: Workflow', 'kind: WorkflowTemplate')
    .replace('generateName: nightly-', 'name: nightly');
  const deployDir = project({ 'tpl.yaml': template });
  expect((await run(['deploy', 'tpl.yaml'], envFor(server.hostPort), deployDir)).code).toBe(0);
  server.setFaults({ rate: 1, kinds: ['reset-after'], operations: ['WorkflowService_SubmitWorkflow'] });
  const submit = await run(['submit', '--from', 'workflowtemplate/nightly'], envFor(server.hostPort), dir);
  server.setFaults(undefined);
  expect(submit.code).toBe(3);
  expect(submit.err).toContain('Check with `workflow list -n argo --prefix nightly-` before submitting again');
});

it('bug 18: a submit with a fixed name gets no such hint (it is retried and idempotent)', async () => {
  const dir = project({ 'wf.yaml': generated.replace('generateName: nightly-', 'name: nightly-fixed') });
  server.setFaults({ rate: 1, kinds: ['reset-after'], operations: ['WorkflowService_CreateWorkflow'] });
  const submit = await run(['submit', 'wf.yaml'], { ...envFor(server.hostPort), SLUICE_RETRY_ATTEMPTS: '2' }, dir);
  server.setFaults(undefined);
  expect(submit.err).not.toContain('may have been created');
});
