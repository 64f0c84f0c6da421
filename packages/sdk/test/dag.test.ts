import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { after, container, dag, inline, script, steps, templateRef, workflow, workflowTemplate } from '../src/index.js';

const extract = container({
  name: 'extract',
  inputs: { parameters: { sourceUrl: {} } },
  outputs: {
    parameters: { rawPath: { valueFrom: { path: '/tmp/raw-path' } } },
    artifacts: { raw: { path: '/tmp/raw' } },
  },
  container: (io) => ({
    image: 'alpine:3.20',
    command: ['sh', '-c'],
    args: [`fetch ${io.inputs.parameters.sourceUrl}`],
  }),
});
const transform = container({
  name: 'transform',
  inputs: { parameters: { rawPath: {}, mode: { default: 'full' } }, artifacts: { data: { path: '/tmp/in' } } },
  container: { image: 'alpine:3.20' },
});

describe('dag()', () => {
  it('renders typed output references in kebab-case and infers depends from them', () => {
    const main = dag('main', (d) => {
      const a = d.task('extract', extract, { sourceUrl: 'https://example.com/x.csv' });
      d.task('transform', transform, { rawPath: a.outputs.parameters.rawPath, data: a.outputs.artifacts.raw });
    });
    const tasks = main.toTemplate().dag?.tasks ?? [];
    expect(tasks[1]).toEqual({
      name: 'transform',
      template: 'transform',
      arguments: {
        parameters: [{ name: 'raw-path', value: '{{tasks.extract.outputs.parameters.raw-path}}' }],
        artifacts: [{ name: 'data', from: '{{tasks.extract.outputs.artifacts.raw}}' }],
      },
      depends: 'extract',
    });
    expect(extract.toTemplate().container?.args).toEqual(['fetch {{inputs.parameters.source-url}}']);
  });

  it('writes typed depends expressions with Argo operators and parentheses where needed', () => {
    const t = container({ name: 't', container: { image: 'alpine:3.20' } });
    const main = dag('main', (d) => {
      const a = d.task('a', t);
      const b = d.task('b', t);
      const c = d.task('c', t);
      d.task('d1', t, {}, { depends: a.succeeded().or(b.failed()) });
      d.task('d2', t, {}, { depends: a.and(b.or(c)) });
      d.task('d3', t, {}, { depends: after(a, b, c) });
      d.task('d4', t, {}, { depends: [a, b.errored()] });
      d.task('d5', t, {}, { depends: a.failed().not() });
      d.task('d6', t, {}, { depends: 'a || b' });
    });
    const depends = (main.toTemplate().dag?.tasks ?? []).map((x) => x.depends);
    expect(depends).toEqual([
      undefined,
      undefined,
      undefined,
      'a.Succeeded || b.Failed',
      'a && (b || c)',
      'a && b && c',
      'a && b.Errored',
      '!a.Failed',
      'a || b',
    ]);
  });

  it('adds referenced tasks missing from an explicit depends, and keeps dependencies arrays as arrays', () => {
    const main = dag('main', (d) => {
      const a = d.task('extract', extract, { sourceUrl: 'x' });
      const b = d.task('b', extract, { sourceUrl: 'y' });
      d.task(
        'c',
        transform,
        { rawPath: a.outputs.parameters.rawPath, data: { from: 'x' } },
        { depends: b.failed().or(b.succeeded()) },
      );
      d.task('e', transform, { rawPath: a.outputs.parameters.rawPath, data: { from: 'x' } }, { dependencies: ['b'] });
    });
    const tasks = main.toTemplate().dag?.tasks ?? [];
    expect(tasks[2]?.depends).toBe('(b.Failed || b.Succeeded) && extract');
    expect(tasks[3]?.dependencies).toEqual(['b', 'extract']);
    expect(tasks[3]?.depends).toBeUndefined();
  });

  it('lists a template once however many tasks run it, before the DAG that runs it', () => {
    const main = dag('main', (d) => {
      for (let i = 0; i < 3; i++) d.task(`e${i}`, extract, { sourceUrl: `u${i}` });
    });
    const wf = workflow({ generateName: 'x-' }).entrypoint(main).toObject();
    expect(wf.spec.templates?.map((t) => t.name)).toEqual(['main', 'extract']);
    expect(wf.spec.entrypoint).toBe('main');
  });

  it('refuses two different templates of one name, naming it', () => {
    const other = container({ name: 'extract', container: { image: 'busybox:1.36' } });
    expect(() => workflow('w').templates(extract, other)).toThrowError(/two different templates are named "extract"/);
    expect(workflow('w').templates(extract, extract.named('extract')).toObject().spec.templates).toHaveLength(1);
  });

  it('refuses a duplicate task name and an unknown argument, naming the DAG and task', () => {
    expect(() =>
      dag('main', (d) => {
        d.task('a', 'whalesay');
        d.task('a', 'whalesay');
      }),
    ).toThrowError('dag "main" task "a": a task of this name already exists in the DAG');
    const loose: Record<string, string> = { nope: 'x' };
    expect(() =>
      dag('main', (d) => {
        d.task('a', extract, { sourceUrl: 'x', ...loose });
      }),
    ).toThrowError('dag "main" task "a": template "extract" has no input "nope"; its inputs are: sourceUrl');
  });

  it('runs templateRef and inline templates, and passes loops, when and hooks through', () => {
    const shared = workflowTemplate('shared').templates(extract);
    const gen = script({
      name: 'gen',
      script: { image: 'python:3.12-slim', command: ['python'], source: 'print(1)\n' },
    });
    const exit = container({ name: 'cleanup', container: { image: 'alpine:3.20' } });
    const main = dag('main', (d) => {
      const g = d.task('gen', gen);
      d.task('ref', templateRef(shared, extract), { sourceUrl: '{{item}}' }, { withItems: ['a', 'b'], onExit: exit });
      d.task(
        'in',
        inline(container({ name: 'x', container: { image: 'alpine:3.20' } })),
        {},
        { when: `${g.outputs.result} == 1` },
      );
    });
    const wf = workflow('w').entrypoint(main).toObject();
    const tasks = wf.spec.templates?.[0]?.dag?.tasks ?? [];
    expect(tasks[1]).toMatchObject({
      templateRef: { name: 'shared', template: 'extract' },
      withItems: ['a', 'b'],
      onExit: 'cleanup',
    });
    expect(tasks[2]).toEqual({
      name: 'in',
      inline: { container: { image: 'alpine:3.20' } },
      when: '{{tasks.gen.outputs.result}} == 1',
      depends: 'gen',
    });
    expect(wf.spec.templates?.map((t) => t.name)).toEqual(['main', 'gen', 'cleanup']);
    expect(() => templateRef(shared, transform)).toThrowError(
      'templateRef: WorkflowTemplate "shared" has no template "transform"',
    );
  });

  it('declares DAG outputs from task outputs and exposes them to an enclosing DAG', () => {
    const inner = dag('inner', (d) => {
      const a = d.task('extract', extract, { sourceUrl: 'x' });
      return { outputs: { parameters: { path: { valueFrom: { parameter: a.outputs.parameters.rawPath } } } } };
    });
    const outer = dag('outer', (d) => {
      const i = d.task('inner', inner);
      d.task('t', transform, { rawPath: i.outputs.parameters.path, data: { from: 'x' } });
    });
    expect(inner.toTemplate().outputs).toEqual({
      parameters: [{ name: 'path', valueFrom: { parameter: '{{tasks.extract.outputs.parameters.raw-path}}' } }],
    });
    const doc = YAML.parse(workflow('w').entrypoint(outer).toYaml());
    expect(doc.spec.templates.map((t: { name: string }) => t.name)).toEqual(['outer', 'inner', 'extract', 'transform']);
  });
});

describe('references that cannot be satisfied', () => {
  it('refuse a task output from another DAG or a later task, unless depends names it', () => {
    let foreign = '';
    dag('other', (d) => {
      foreign = d.task('elsewhere', extract, { sourceUrl: 'x' }).outputs.parameters.rawPath;
    });
    expect(() =>
      dag('main', (d) => {
        d.task('t', transform, { rawPath: foreign, data: { from: 'x' } });
      }),
    ).toThrowError(
      'dag "main" task "t": references tasks.elsewhere, which is not a task declared before it in this DAG; declare "elsewhere" first (pass its handle\'s outputs) or name it in `depends`',
    );
    const main = dag('main', (d) => {
      d.task(
        't',
        transform,
        { rawPath: '{{tasks.later.outputs.parameters.raw-path}}', data: { from: 'x' } },
        { depends: 'later' },
      );
      d.task('later', extract, { sourceUrl: 'x' });
    });
    expect(main.toTemplate().dag?.tasks?.[0]?.depends).toBe('later');
  });

  it('refuse a step output of a step that is not in an earlier group', () => {
    expect(() =>
      steps('main', (s) => {
        s.step('a', transform, { rawPath: '{{steps.nope.outputs.result}}', data: { from: 'x' } });
      }),
    ).toThrowError(
      'steps "main" step "a": references steps.nope, which is not a step of an earlier group of this template',
    );
  });
});
