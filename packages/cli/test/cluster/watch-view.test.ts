import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/index.js';
import { capture } from '../support/io.js';
import {
  type ContractServer,
  containerPolicy,
  envFor,
  indent,
  project,
  run,
  start,
  startContractServer,
  until,
} from './support.js';

/** A two-task DAG: the contract server streams its nodes (extract, load) through Pending → Running → outcome. */
function dagYaml(name: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: ${name}
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - name: extract
            template: step
          - name: load
            template: step
            depends: extract
    - name: step
      container:
        image: busybox:1.36
        command: [echo, hello]
${indent(containerPolicy, 8)}
`;
}

let server: ContractServer;
let outcome: 'Succeeded' | 'Failed' | 'Hold' = 'Succeeded';
beforeEach(async () => {
  outcome = 'Succeeded';
  server = await startContractServer({ tickMs: 40, outcome: () => outcome });
});
afterEach(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

const esc = String.fromCharCode(27);

/** Lines without colours and cursor moves, with elapsed times dropped. */
function plainLines(text: string): string[] {
  return text
    .replace(new RegExp(`${esc}\\[[0-9;]*[A-Za-z]`, 'g'), '')
    .split('\n')
    .map((l) => l.replace(/ {2}\d+(\.\d)?s\b/g, '').trimEnd())
    .filter(Boolean);
}

describe('the cluster followers show the local run’s progress view', () => {
  it('submit --watch off a terminal prints one PlainProgress line per node phase change, then the outcome', async () => {
    const dir = project({ 'wf.yaml': dagYaml('plain-dag') });
    // Held running until both nodes have been printed running, then ended: a busy machine cannot make the watch
    // miss a phase.
    outcome = 'Hold';
    const watching = start(['submit', 'wf.yaml', '--watch', '-o', 'name'], envFor(server.hostPort), dir);
    await until(() => watching.out().includes('load: Running'));
    server.state.finish('argo', 'plain-dag', 'Succeeded');
    const result = await watching.done;
    expect(result.code).toBe(0);
    // The workflow's Pending may already be past when the first get answers.
    expect(plainLines(result.out).filter((l) => l !== 'plain-dag: Pending')).toEqual([
      'plain-dag',
      '  extract: Running',
      '  load: Running',
      '  extract: Succeeded',
      '  load: Succeeded',
      'plain-dag: Succeeded',
    ]);
  });

  it('watch off a terminal ends with the failed nodes, the message, and exit 1', async () => {
    outcome = 'Failed';
    const dir = project({ 'wf.yaml': dagYaml('failing-dag') });
    expect((await run(['submit', 'wf.yaml', '-o', 'name'], envFor(server.hostPort), dir)).code).toBe(0);
    const watched = await run(['watch', 'failing-dag'], envFor(server.hostPort));
    expect(watched.code).toBe(1);
    const lines = plainLines(watched.out);
    expect(lines).toContain('  extract: Failed');
    expect(lines.at(-1)).toBe('failing-dag: Failed  child failed: exit code 1');
  });

  it('watch on a terminal draws the live DAG view from the streamed status, ending with every node’s state', async () => {
    // Held running until the watch stream is open, so the view draws at least once before the end (no race with
    // the server's clock on a loaded machine).
    outcome = 'Hold';
    const dir = project({ 'wf.yaml': dagYaml('live-dag') });
    expect((await run(['submit', 'wf.yaml', '-o', 'name'], envFor(server.hostPort), dir)).code).toBe(0);
    const io = capture({ ...envFor(server.hostPort), SLUICE_RETRY_BASE_MS: '1' });
    Object.assign(io.stdout, { isTTY: true, columns: 100, rows: 30 });
    const watching = main(['watch', 'live-dag'], io);
    await until(() =>
      server.requests.some((r) => r.operationId === 'WorkflowService_WatchWorkflows' && r.status === 200),
    );
    await until(() => io.out().includes('live-dag'));
    server.state.finish('argo', 'live-dag', 'Succeeded');
    expect(await watching).toBe(0);
    const out = io.out();
    // Each redraw moves back over the previous drawing: the last drawing is what stays on screen.
    const frames = out.split(new RegExp(`${esc}\\[\\d+F${esc}\\[0J`));
    expect(plainLines(frames.at(-1) ?? '').map((l) => l.replace(/(\S) {2,}/g, '$1 | '))).toEqual([
      'live-dag | Succeeded | 2/2 steps',
      '✔ live-dag | Succeeded',
      '  ✔ extract | Succeeded',
      '  ✔ load | Succeeded',
    ]);
    expect(frames.length).toBeGreaterThan(1);
  });
});
