import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateManifest } from '@sluice/argo-types';
import { expect, it } from 'vitest';
import yaml from 'yaml';
import { runYaml } from './support/run.js';

it('writes a status.json that makes a valid Argo Workflow with the workflow it ran', async () => {
  const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: shape- }
spec:
  entrypoint: main
  onExit: bye
  templates:
  - name: main
    steps:
    - - { name: a, template: out }
    - - name: fan
        template: out
        withItems: [1, 2]
      - { name: skipped, template: out, when: "1 == 2" }
    - - { name: b, template: retried }
  - name: out
    outputs: { parameters: [{ name: v, valueFrom: { path: /tmp/v } }] }
    script: { image: bash:5.2, command: [bash], source: "echo 1 > /tmp/v; echo hi" }
  - name: retried
    retryStrategy: { limit: "1" }
    script: { image: bash:5.2, command: [bash], source: "[ -e $SLUICE_CHECKPOINT_DIR/x ] || { touch $SLUICE_CHECKPOINT_DIR/x; exit 1; }" }
  - name: bye
    script: { image: bash:5.2, command: [bash], source: "echo {{workflow.status}}" }
`);
  expect(run.status.phase).toBe('Succeeded');
  const status = JSON.parse(readFileSync(path.join(run.runDir, 'status.json'), 'utf8'));
  const [workflow] = yaml
    .parseAllDocuments(readFileSync(path.join(run.runDir, 'workflow.yaml'), 'utf8'))
    .map((d) => d.toJS());
  const result = validateManifest({ ...workflow, metadata: { name: run.runId }, status });
  expect(result.issues).toEqual([]);
  const types = new Set(Object.values(status.nodes as Record<string, { type: string }>).map((n) => n.type));
  expect([...types].sort()).toEqual(['Pod', 'Retry', 'Skipped', 'StepGroup', 'Steps', 'TaskGroup']);
  for (const n of Object.values(status.nodes as Record<string, { id: string; children?: string[] }>)) {
    for (const c of n.children ?? []) expect(status.nodes[c], `${n.id} → ${c}`).toBeDefined();
  }
});
