import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byName, param, runYaml, tempProject } from './support/run.js';

describe('nested templates, refs, artifacts, hooks and handlers', () => {
  it('passes artifacts between steps, runs nested DAGs and templateRefs, and exposes template outputs', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: nested }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - { name: make, template: make }
    - - name: inner
        template: inner
        arguments:
          artifacts: [{ name: data, from: "{{steps.make.outputs.artifacts.data}}" }]
    - - { name: wait, template: pause }
    - - name: shared
        templateRef: { name: lib, template: shout }
        arguments: { parameters: [{ name: text, value: "{{steps.inner.outputs.parameters.lines}}" }] }
  - name: make
    outputs: { artifacts: [{ name: data, path: /tmp/data.txt }] }
    script: { image: bash:5.2, command: [bash], source: "printf 'a\\\\nb\\\\nc\\\\n' > /tmp/data.txt" }
  - name: inner
    inputs: { artifacts: [{ name: data }] }
    outputs: { parameters: [{ name: lines, valueFrom: { parameter: "{{tasks.count.outputs.result}}" } }] }
    dag:
      tasks:
      - name: count
        template: count
        arguments: { artifacts: [{ name: data, from: "{{inputs.artifacts.data}}" }] }
  - name: count
    inputs: { artifacts: [{ name: data, path: /in/data.txt }] }
    script: { image: bash:5.2, command: [bash], source: "wc -l < /in/data.txt" }
  - name: pause
    suspend: { duration: "0.2" }
---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: { name: lib }
spec:
  templates:
  - name: shout
    inputs: { parameters: [{ name: text }] }
    script: { image: node:20, command: [node], source: "console.log('n=' + '{{inputs.parameters.text}}')" }
`);
    expect(run.status.phase).toBe('Succeeded');
    const n = byName(run);
    expect(n.count?.outputs?.result).toBe('3');
    expect(param(n.inner, 'lines')).toBe('3');
    expect(n.shared?.outputs?.result).toBe('n=3');
    expect(n.shared?.templateScope).toBe('WorkflowTemplate/lib');
    expect(n.wait?.type).toBe('Suspend');
    expect(Date.parse(n.wait?.finishedAt ?? '') - Date.parse(n.wait?.startedAt ?? '')).toBeGreaterThanOrEqual(190);
  });

  it('runs in-process handlers, task exit hooks and workflow expression hooks', async () => {
    const seen: string[] = [];
    const cwd = tempProject();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: hooks }
spec:
  entrypoint: main
  hooks:
    started: { expression: "workflow.status == 'Running'", template: note, arguments: { parameters: [{ name: what, value: started }] } }
  templates:
  - name: main
    dag:
      tasks:
      - name: work
        template: work
        arguments: { parameters: [{ name: n, value: "{{item}}" }] }
        withItems: [1, 2]
        hooks:
          exit: { template: note, arguments: { parameters: [{ name: what, value: "exit-{{tasks.work.status}}" }] } }
  - name: work
    inputs: { parameters: [{ name: n }] }
    outputs: { parameters: [{ name: double }] }
    container: { image: ghcr.io/acme/unused:1.0.0 }
  - name: note
    inputs: { parameters: [{ name: what }] }
    container: { image: ghcr.io/acme/unused:1.0.0 }
`,
      {
        cwd,
        handlers: {
          work: ({ parameters, partition }) => ({
            outputs: { double: String(Number(parameters.n) * 2) },
            result: `p${partition?.index}/${partition?.count}`,
          }),
          note: ({ parameters }) => {
            seen.push(parameters.what ?? '');
            return undefined;
          },
        },
      },
    );
    expect(run.status.phase).toBe('Succeeded');
    const n = byName(run);
    expect(param(n.work, 'double')).toBe('["2","4"]');
    expect(n.work?.outputs?.result).toBe('["p0/2","p1/2"]');
    expect(seen.sort()).toEqual(['exit-Succeeded', 'exit-Succeeded', 'started']);
  });

  it('writes the run directory: status, workflow, metrics, lineage, logs and a report', async () => {
    const cwd = tempProject();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: files }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: validate, template: validate }
  - name: validate
    outputs:
      parameters:
      - { name: dead-letter-rows, valueFrom: { path: /tmp/sluice/outputs/dead-letter-rows } }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        echo 7 > "$SLUICE_OUTPUTS_DIR/dead-letter-rows"
        mkdir -p "$SLUICE_LINEAGE_DIR"
        echo '{"eventType":"COMPLETE","job":{"name":"validate"}}' > "$SLUICE_LINEAGE_DIR/1.json"
        printf '# TYPE sluice_validation_failed_rows_total counter\\nsluice_validation_failed_rows_total 3\\n' > "$SLUICE_METRICS_FILE"
        echo "<b>not html</b>" >&2
`,
      { cwd, report: true },
    );
    expect(run.status.phase).toBe('Succeeded');
    const dir = run.runDir;
    expect(dir).toBe(path.join(cwd, '.sluice', 'runs', run.runId));
    const status = JSON.parse(readFileSync(path.join(dir, 'status.json'), 'utf8'));
    expect(status.phase).toBe('Succeeded');
    expect(readFileSync(path.join(dir, 'workflow.yaml'), 'utf8')).toContain('kind: Workflow');
    const metrics = readFileSync(path.join(dir, 'metrics.prom'), 'utf8');
    expect(metrics).toContain('sluice_workflow_succeeded{workflow="files"} 1');
    expect(metrics).toContain('sluice_validation_failed_rows_total 3');
    expect(readFileSync(path.join(dir, 'lineage.jsonl'), 'utf8')).toBe(
      '{"eventType":"COMPLETE","job":{"name":"validate"}}\n',
    );
    const id = byName(run).validate?.id ?? '';
    expect(readFileSync(path.join(dir, 'logs', `${id}.log`), 'utf8')).toContain('<b>not html</b>');
    const html = readFileSync(run.reportPath ?? '', 'utf8');
    expect(html.match(/<g class="node"/g)).toHaveLength(Object.keys(status.nodes).length);
    expect(html).toContain('data-name="dead-letter-rows"');
    expect(html).toContain('data-name="validation-failed-rows"');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

describe('resource templates', () => {
  it('runs an Indexed Job as one local process per completion index, at most its parallelism at once', async () => {
    const cwd = tempProject();
    const command = JSON.stringify([
      'bash',
      '-c',
      'mkdir -p parts; s=$(date +%s%3N); sleep 0.1; echo "$s $(date +%s%3N) $JOB_COMPLETION_INDEX/$SLUICE_PARTITION_COUNT" > parts/$SLUICE_PARTITION_INDEX',
    ]);
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: indexed }
spec:
  entrypoint: transform
  templates:
  - name: transform
    metadata: { annotations: { sluice.dev/local-command: '${command}' } }
    resource:
      action: create
      manifest: |
        apiVersion: batch/v1
        kind: Job
        metadata: { generateName: transform- }
        spec: { completionMode: Indexed, completions: 4, parallelism: 2, template: { spec: { restartPolicy: Never, containers: [{ name: main, image: ghcr.io/acme/stages:1.0.0 }] } } }
`,
      { cwd, maxParallel: 8 },
    );
    expect(run.status.phase).toBe('Succeeded');
    const parts = [0, 1, 2, 3].map((i) =>
      readFileSync(path.join(cwd, 'parts', String(i)), 'utf8')
        .trim()
        .split(' '),
    );
    expect(parts.map((p) => p[2])).toEqual(['0/4', '1/4', '2/4', '3/4']);
    const spans = parts.map((p) => [Number(p[0]), Number(p[1])] as const);
    const overlapping = (t: number) => spans.filter(([s, e]) => s <= t && t < e).length;
    expect(Math.max(...spans.map(([s]) => overlapping(s)))).toBeLessThanOrEqual(2);
  });
});
