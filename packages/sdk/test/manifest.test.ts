import { validateManifest } from '@sluice/argo-types';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  clusterWorkflowTemplate,
  container,
  cronWorkflow,
  dag,
  fromJson,
  fromYaml,
  templateRef,
  toJson,
  toYaml,
  workflow,
  workflowTemplate,
} from '../src/index.js';

const hello = container({
  name: 'hello',
  inputs: { parameters: { message: { default: 'hi' } } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
});
const cleanup = container({ name: 'cleanup', container: { image: 'busybox:1.36' } });

describe('workflow()', () => {
  it('compiles a complete, valid Workflow with spec fields, arguments, exit handler and hooks', () => {
    const wf = workflow(
      { generateName: 'etl-', namespace: 'data' },
      {
        entrypoint: hello,
        onExit: cleanup,
        serviceAccountName: 'etl',
        podGC: { strategy: 'OnPodSuccess' },
        ttlStrategy: { secondsAfterCompletion: 600 },
        volumeClaimTemplates: [
          {
            metadata: { name: 'work' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
        templateDefaults: { timeout: '1h' },
        artifactRepositoryRef: { configMap: 'repos', key: 'default' },
      },
    )
      .arguments({ message: 'hello', batchSize: 100, dryRun: false })
      .hooks({ running: { expression: 'workflow.status == "Running"', template: cleanup } })
      .withLabels({ team: 'data' })
      .withAnnotations({ note: 'x' });
    const obj = wf.toObject();
    expect(obj.kind).toBe('Workflow');
    expect(obj.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(obj.metadata).toEqual({
      generateName: 'etl-',
      namespace: 'data',
      labels: { team: 'data' },
      annotations: { note: 'x' },
    });
    expect(obj.spec.entrypoint).toBe('hello');
    expect(obj.spec.onExit).toBe('cleanup');
    expect(obj.spec.arguments).toEqual({
      parameters: [
        { name: 'message', value: 'hello' },
        { name: 'batch-size', value: '100' },
        { name: 'dry-run', value: 'false' },
      ],
    });
    expect(obj.spec.hooks).toEqual({ running: { expression: 'workflow.status == "Running"', template: 'cleanup' } });
    expect(obj.spec.templates?.map((t) => t.name)).toEqual(['hello', 'cleanup']);
    expect(validateManifest(obj).issues).toEqual([]);
    expect(Object.keys(obj)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(obj.spec).slice(0, 2)).toEqual(['entrypoint', 'arguments']);
    expect(Object.keys(obj.spec).at(-1)).toBe('templates');
  });

  it('is immutable: every method returns a new builder and leaves the old one as it was', () => {
    const base = workflow('w');
    const withEntry = base.entrypoint(hello);
    const withLabels = withEntry.withLabels({ a: '1' });
    expect(base.toObject().spec).toEqual({});
    expect(withEntry.toObject().metadata.labels).toBeUndefined();
    expect(withLabels.toObject().metadata.labels).toEqual({ a: '1' });
    expect(withLabels.withLabels({ b: '2' }).toObject().metadata.labels).toEqual({ a: '1', b: '2' });
    expect(base.arguments({ a: 'x' }).arguments({ a: 'y', b: 'z' }).toObject().spec.arguments?.parameters).toEqual([
      { name: 'a', value: 'y' },
      { name: 'b', value: 'z' },
    ]);
  });

  it('writes byte-identical YAML and JSON on every run, and JSON that reads back as the object', () => {
    const make = () => workflow({ generateName: 'x-' }).entrypoint(dag('main', (d) => void d.task('a', hello)));
    expect(make().toYaml()).toBe(make().toYaml());
    expect(JSON.parse(make().toJson())).toEqual(make().toObject());
    expect(toJson([make(), make()])).toBe(
      `[\n${make().toJson().trimEnd().replace(/^/gm, '  ')},\n${make().toJson().trimEnd().replace(/^/gm, '  ')}\n]\n`,
    );
  });

  it('names the template it cannot find', () => {
    expect(() => workflow('w').templates(hello).template('nope')).toThrowError(
      'Workflow "w" has no template "nope"; its templates are: hello',
    );
    expect(workflow('w').templates(hello).template('hello').toTemplate()).toEqual(hello.toTemplate());
  });
});

describe('the other kinds', () => {
  it('builds WorkflowTemplates and ClusterWorkflowTemplates, referenced with templateRef', () => {
    const wt = workflowTemplate('shared', { templates: [hello] });
    const cwt = clusterWorkflowTemplate('cluster-shared').templates(hello);
    expect(wt.kind).toBe('WorkflowTemplate');
    expect(cwt.toObject().kind).toBe('ClusterWorkflowTemplate');
    expect(templateRef(cwt, hello).ref).toEqual({ name: 'cluster-shared', template: 'hello', clusterScope: true });
    expect(templateRef('x', 'y', { clusterScope: true }).ref).toEqual({ name: 'x', template: 'y', clusterScope: true });
    expect(() => templateRef(workflow('w').templates(hello), hello)).toThrowError(
      'templateRef: a Workflow cannot be referenced; use a WorkflowTemplate',
    );
    for (const b of [wt, cwt]) expect(validateManifest(b.toObject()).issues).toEqual([]);
  });

  it('builds CronWorkflows, with the workflow methods acting on spec.workflowSpec', () => {
    const cron = cronWorkflow('nightly', { schedules: ['0 2 * * *'] }, { entrypoint: hello })
      .cron({ timezone: 'UTC', concurrencyPolicy: 'Forbid' })
      .set({ serviceAccountName: 'etl' })
      .arguments({ message: 'night' });
    const obj = cron.toObject();
    expect(obj.spec).toEqual({
      schedules: ['0 2 * * *'],
      timezone: 'UTC',
      concurrencyPolicy: 'Forbid',
      workflowSpec: {
        entrypoint: 'hello',
        arguments: { parameters: [{ name: 'message', value: 'night' }] },
        serviceAccountName: 'etl',
        templates: [hello.toTemplate()],
      },
    });
    expect(validateManifest(obj).issues).toEqual([]);
  });
});

describe('YAML and JSON in', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: busybox:1.36
---
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: c
spec:
  schedules: ['* * * * *']
  workflowSpec:
    entrypoint: main
    templates:
    - name: main
      suspend: {}
`;

  it('returns builders to keep working with, by kind', () => {
    const [wf, cron] = fromYaml(text, 'two.yaml');
    expect(wf?.kind).toBe('Workflow');
    expect(cron?.kind).toBe('CronWorkflow');
    if (cron?.kind !== 'CronWorkflow') throw new Error('expected a CronWorkflow');
    const edited = cron.cron({ timezone: 'UTC' }).templates(hello).toObject();
    expect(edited.spec.timezone).toBe('UTC');
    expect(edited.spec.workflowSpec.templates?.map((t) => t.name)).toEqual(['main', 'hello']);
    if (wf?.kind !== 'Workflow') throw new Error('expected a Workflow');
    const main = wf.template('main');
    const extended = wf.templates(dag('outer', (d) => void d.task('m', main))).toObject();
    expect(extended.spec.templates?.map((t) => t.name)).toEqual(['main', 'outer']);
  });

  it('writes back what it read', () => {
    const builders = fromYaml(text);
    expect(YAML.parseAllDocuments(toYaml(builders)).map((d) => d.toJSON())).toEqual(
      YAML.parseAllDocuments(text).map((d) => d.toJSON()),
    );
    const again = fromJson(toJson(builders));
    expect(again.map((b) => b.toObject())).toEqual(builders.map((b) => b.toObject()));
    expect(fromJson(builders[0]?.toJson() ?? '')[0]?.toObject()).toEqual(builders[0]?.toObject());
  });

  it('names the document it cannot read', () => {
    expect(() => fromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'cm.yaml')).toThrowError(
      'cm.yaml: document 1 has kind "ConfigMap"; expected one of',
    );
    expect(() => fromYaml('kind: Workflow\nmetadata: {name: x}\n', 'w.yaml')).toThrowError(
      'w.yaml: document 1 (Workflow) has no spec',
    );
    expect(() => fromJson('{', 'bad.json')).toThrowError(/^bad\.json: /);
    expect(() => fromYaml('- 1\n', 'list.yaml')).toThrowError('list.yaml: document 1 is not an object');
  });
});

describe('builder guards', () => {
  it('recognise builders by their symbols, not by class identity', async () => {
    const { isManifestBuilder, isTemplateBuilder } = await import('../src/index.js');
    expect(isManifestBuilder(workflow('w'))).toBe(true);
    expect(isManifestBuilder(hello)).toBe(false);
    expect(isTemplateBuilder(hello)).toBe(true);
    expect(isTemplateBuilder({ kind: 'Workflow' })).toBe(false);
    const foreign = { [Symbol.for('sluice.model')]: { kind: 'Workflow', metadata: { name: 'x' }, spec: {} } };
    expect(isManifestBuilder(foreign)).toBe(true);
    expect(toYaml([foreign])).toBe('kind: Workflow\nmetadata:\n  name: x\nspec: {}\n');
  });
});

describe('replaceTemplate()', () => {
  it('replaces a listed template in place, and names a missing one', () => {
    const [wf] = fromYaml(
      'kind: Workflow\nmetadata: {name: w}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a}}, {name: other, suspend: {}}]}\n',
    );
    if (wf?.kind !== 'Workflow') throw new Error('expected a Workflow');
    const patched = wf.replaceTemplate(wf.template('main').set({ retryStrategy: { limit: 2 } }));
    expect(patched.toObject().spec.templates).toEqual([
      { name: 'main', retryStrategy: { limit: 2 }, container: { image: 'a' } },
      { name: 'other', suspend: {} },
    ]);
    expect(wf.toObject().spec.templates?.[0]).toEqual({ name: 'main', container: { image: 'a' } });
    expect(() => wf.replaceTemplate({ name: 'nope', suspend: {} })).toThrowError(
      'Workflow "w" has no template "nope" to replace; add it with templates()',
    );
  });
});
