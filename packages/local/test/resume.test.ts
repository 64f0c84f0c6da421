import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runWorkflow } from '../src/index.js';
import { byName, runYaml, tempProject } from './support/run.js';

const workflow = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: resume- }
spec:
  entrypoint: main
  arguments: { parameters: [{ name: day, value: "2026-06-17" }] }
  templates:
  - name: main
    dag:
      tasks:
      - { name: extract, template: step, arguments: { parameters: [{ name: id, value: "extract-{{workflow.parameters.day}}" }] } }
      - { name: transform, depends: extract, template: flaky, arguments: { parameters: [{ name: in, value: "{{tasks.extract.outputs.result}}" }] } }
      - { name: load, depends: transform, template: step, arguments: { parameters: [{ name: id, value: "load-{{tasks.transform.outputs.result}}" }] } }
  - name: step
    inputs: { parameters: [{ name: id }] }
    script: { image: bash:5.2, command: [bash], source: "echo {{inputs.parameters.id}} >> ran; echo {{inputs.parameters.id}}" }
  - name: flaky
    inputs: { parameters: [{ name: in }] }
    script: { image: bash:5.2, command: [bash], source: "echo transform >> ran; [ ! -e broken ] || exit 2; echo t-{{inputs.parameters.in}}" }
`;

it('--resume re-runs only what did not succeed, reusing earlier outputs', async () => {
  const cwd = tempProject();
  writeFileSync(path.join(cwd, 'broken'), '');
  const first = await runYaml(workflow, { cwd });
  expect(first.status.phase).toBe('Failed');
  expect(byName(first).load?.phase).toBe('Omitted');
  rmSync(path.join(cwd, 'broken'));
  const second = await runWorkflow([], { cwd, resume: first.runId, report: false });
  expect(second.runId).toBe(first.runId);
  expect(second.status.phase).toBe('Succeeded');
  const n = byName(second);
  expect(n.extract?.memoizationStatus?.hit).toBe(true);
  expect(n.transform?.memoizationStatus).toBeUndefined();
  expect(n.load?.outputs?.result).toBe('load-t-extract-2026-06-17');
  // extract ran once in all; transform twice (failed, then resumed); load once.
  expect(readFileSync(path.join(cwd, 'ran'), 'utf8').trim().split('\n')).toEqual([
    'extract-2026-06-17',
    'transform',
    'transform',
    'load-t-extract-2026-06-17',
  ]);
});
