import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnrunnableTemplatesError, WorkflowInputError } from '../src/index.js';
import { runYaml, tempProject } from './support/run.js';

const workflow = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: refuse }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: first, template: touch }
      - { name: extract, depends: first, template: extract }
      - { name: shared, depends: first, templateRef: { name: lib, template: deploy } }
  - name: touch
    script: { image: bash:5.2, command: [bash], source: "touch ran" }
  - name: extract
    container: { image: ghcr.io/acme/extract:1.4.2, args: ["--day", "x"] }
---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: { name: lib }
spec:
  templates:
  - name: deploy
    resource: { action: apply, manifest: "kind: ConfigMap" }
`;

describe('refusal before running', () => {
  it('refuses a workflow with unmapped templates, naming each and how to map it, running nothing', async () => {
    const cwd = tempProject();
    const error = await runYaml(workflow, { cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrunnableTemplatesError);
    const refused = error as UnrunnableTemplatesError;
    expect(refused.templates.map((t) => t.template)).toEqual([
      'templates.extract',
      'WorkflowTemplate/lib.templates.deploy',
    ]);
    expect(refused.message).toContain('--map-image ghcr.io/acme/extract:1.4.2=<local command>');
    expect(refused.message).toContain('sluice.dev/local-command');
    expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
    expect(existsSync(path.join(cwd, '.sluice'))).toBe(false);
  });

  it('runs the same workflow once the image is mapped and the resource has a local command', async () => {
    const cwd = tempProject();
    const mapped = workflow.replace(
      'resource: { action: apply',
      `metadata: { annotations: { sluice.dev/local-command: '["sh","-c","echo deployed > deployed"]' } }
    resource: { action: apply`,
    );
    const run = await runYaml(mapped, { cwd, imageMap: { 'ghcr.io/acme/extract:1.4.2': 'echo extract' } });
    expect(run.status.phase).toBe('Succeeded');
    expect(Object.values(run.status.nodes ?? {}).find((n) => n.displayName === 'extract')?.outputs?.result).toBe(
      'extract --day x',
    );
    expect(existsSync(path.join(cwd, 'deployed'))).toBe(true);
  });

  it('rejects bad input with the place named', async () => {
    await expect(runYaml(workflow.replace('metadata: { name: lib }', 'metadata: { name: other }'))).rejects.toThrow(
      'templates.main.tasks.shared: template reference lib.deploy not found',
    );
    await expect(runYaml(workflow, { parameters: { nope: '1' } })).rejects.toBeInstanceOf(WorkflowInputError);
  });
});

describe('what gets run', () => {
  const template = `
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: { name: nightly }
spec:
  entrypoint: say
  arguments: { parameters: [{ name: day }] }
  templates:
  - name: say
    script: { image: bash:5.2, command: [bash], source: "echo {{workflow.parameters.day}}" }
`;
  it('runs a lone WorkflowTemplate as argo submit --from would, asking for parameters without a value', async () => {
    await expect(runYaml(template)).rejects.toThrow(
      'spec.arguments.parameters.day: no value; give one with -p day=VALUE',
    );
    const run = await runYaml(template, { parameters: { day: '2026-06-17' } });
    expect(run.status.phase).toBe('Succeeded');
    expect(run.runId).toMatch(/^nightly-\w{5}$/);
    expect(Object.values(run.status.nodes ?? {})[0]?.outputs?.result).toBe('2026-06-17');
  });

  it('runs a lone CronWorkflow once', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: { name: hourly }
spec:
  schedules: ["0 * * * *"]
  workflowSpec:
    entrypoint: say
    templates:
    - name: say
      script: { image: bash:5.2, command: [bash], source: "echo tick" }
`);
    expect(run.status.phase).toBe('Succeeded');
    expect(run.runId).toMatch(/^hourly-/);
  });
});
