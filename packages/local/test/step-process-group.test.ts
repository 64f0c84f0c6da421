import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { byName, runYaml } from './support/run.js';
import { running } from './support/spawn-runner.js';

function workflow(source: string): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: background }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - { name: leaves-child, template: step }
    - - { name: next, template: after }
  - name: step
    script: { image: bash:5.2, command: [bash], source: ${JSON.stringify(source)} }
  - name: after
    script: { image: bash:5.2, command: [bash], source: "echo after" }
`;
}

it('bug 11: a step ends when its main process exits, and the background child holding its stdout is killed', async () => {
  // Before the fix the step stayed Running for the child's 600 s (it holds stdout); the test would time out.
  const run = await runYaml(workflow('sleep 600 & echo $! > child.pid; echo main done'));
  expect(run.status.phase).toBe('Succeeded');
  const n = byName(run);
  expect(n['leaves-child']?.outputs?.result).toBe('main done');
  expect(n.next?.phase).toBe('Succeeded');
  const child = Number(readFileSync(path.join(run.cwd, 'child.pid'), 'utf8'));
  expect(running(child)).toBe(false);
});

it('bug 11: a daemon that left the process group and keeps stdout open does not hang the run', async () => {
  const run = await runYaml(workflow('setsid sleep 600 & echo $! > daemon.pid; echo main done'));
  expect(run.status.phase).toBe('Succeeded');
  expect(byName(run)['leaves-child']?.outputs?.result).toBe('main done');
  // It escaped the group, so the runner cannot end it; the test does.
  process.kill(Number(readFileSync(path.join(run.cwd, 'daemon.pid'), 'utf8')), 'SIGKILL');
});
