import { describe, expectTypeOf, it } from 'vitest';
import {
  type ArgumentsFor,
  type ArtifactRef,
  after,
  type CronWorkflowBuilder,
  container,
  type DependsExpr,
  dag,
  fromTemplate,
  fromYaml,
  type InputsOf,
  inline,
  type OutputsOf,
  steps,
  type TaskHandle,
  type TemplateBuilder,
  templateRef,
  workflow,
  workflowTemplate,
} from '../src/index.js';

const extract = container({
  name: 'extract',
  inputs: { parameters: { sourceUrl: {}, limit: { default: '10' } } },
  outputs: { parameters: { rawPath: { valueFrom: { path: '/tmp/p' } } }, artifacts: { raw: { path: '/tmp/raw' } } },
  container: { image: 'alpine:3.20' },
});
const load = container({
  name: 'load',
  inputs: { parameters: { rawPath: {} }, artifacts: { data: { path: '/in' }, extra: { path: '/x', optional: true } } },
  container: { image: 'alpine:3.20' },
});
const noInputs = container({ name: 'plain', container: { image: 'alpine:3.20' } });

describe('template builders carry what they declare', () => {
  it('keeps the literal name and the declared keys', () => {
    expectTypeOf(extract.name).toEqualTypeOf<'extract'>();
    expectTypeOf(extract.inputs.parameters).toEqualTypeOf<{ readonly sourceUrl: string; readonly limit: string }>();
    expectTypeOf(load.inputs.artifacts).toEqualTypeOf<{ readonly data: string; readonly extra: string }>();
  });

  it('types the body function with the template inputs', () => {
    container({
      name: 'x',
      inputs: { parameters: { shard: {} } },
      container: (io) => {
        expectTypeOf(io.inputs.parameters.shard).toEqualTypeOf<string>();
        // @ts-expect-error: `other` is not a declared input
        io.inputs.parameters.other;
        return { image: 'alpine:3.20' };
      },
    });
  });
});

describe('typed references between tasks', () => {
  it('exposes exactly the declared outputs', () => {
    dag('main', (d) => {
      const a = d.task('extract', extract, { sourceUrl: 'x' });
      expectTypeOf(a).toEqualTypeOf<
        TaskHandle<'extract', typeof extract extends TemplateBuilder<string, unknown, infer O> ? O : never, false>
      >();
      expectTypeOf(a.outputs.parameters.rawPath).toEqualTypeOf<string>();
      expectTypeOf(a.outputs.artifacts.raw).toEqualTypeOf<ArtifactRef>();
      expectTypeOf(a.outputs.artifacts.raw).toMatchTypeOf<string>();
      expectTypeOf(a.outputs.result).toEqualTypeOf<string>();
      // @ts-expect-error: `rowCount` is not a declared output parameter of extract
      a.outputs.parameters.rowCount;
      // @ts-expect-error: artifacts and parameters are separate
      a.outputs.artifacts.rawPath;
      const p = d.task('plain', noInputs);
      // @ts-expect-error: the template declares no output parameters (the error names that)
      p.outputs.parameters.anything;
      expectTypeOf(p.outputs.parameters).toHaveProperty('error: this template declares no output parameters');
    });
  });

  it('types the outputs a DAG declares from its tasks', () => {
    const inner = dag('inner', (d) => {
      const a = d.task('extract', extract, { sourceUrl: 'x' });
      return { outputs: { parameters: { path: { valueFrom: { parameter: a.outputs.parameters.rawPath } } } } };
    });
    dag('outer', (d) => {
      const i = d.task('inner', inner);
      expectTypeOf(i.outputs.parameters.path).toEqualTypeOf<string>();
      // @ts-expect-error: `rawPath` belongs to the inner task, not to the DAG template
      i.outputs.parameters.rawPath;
    });
  });

  it('gives step handles the same outputs', () => {
    steps('main', (s) => {
      const a = s.step('extract', extract, { sourceUrl: 'x' });
      expectTypeOf(a.outputs.parameters.rawPath).toEqualTypeOf<string>();
      // @ts-expect-error: undeclared output
      a.outputs.parameters.nope;
      s.parallel((g) => {
        g.step('load', load, { rawPath: a.outputs.parameters.rawPath, data: a.outputs.artifacts.raw });
      });
    });
  });
});

describe('arguments are checked against the template inputs', () => {
  it('requires every required input and allows optional ones', () => {
    dag('main', (d) => {
      d.task('a', extract, { sourceUrl: 'x' });
      d.task('b', extract, { sourceUrl: 'x', limit: 5 });
      // @ts-expect-error: sourceUrl is required (no default)
      d.task('c', extract, { limit: '5' });
      // @ts-expect-error: arguments are required when the template has required inputs
      d.task('d', extract);
      // @ts-expect-error: `source` is not an input of extract
      d.task('e', extract, { sourceUrl: 'x', source: 'y' });
      // @ts-expect-error: required artifact `data` is missing
      d.task('f', load, { rawPath: 'x' });
      d.task('g', load, { rawPath: 'x', data: { s3: { key: 'k' } } });
      const e = d.task('e2', extract, { sourceUrl: 'x' });
      d.task('g2', load, { rawPath: e.outputs.parameters.rawPath, data: e.outputs.artifacts.raw });
      // @ts-expect-error: a parameter reference is not an artifact
      d.task('g3', load, { rawPath: 'x', data: e.outputs.parameters.rawPath });
      // @ts-expect-error: a hand-written artifact reference goes in `from`
      d.task('g4', load, { rawPath: 'x', data: '{{tasks.e2.outputs.artifacts.raw}}' });
      d.task('g5', load, { rawPath: 'x', data: { from: '{{tasks.e2.outputs.artifacts.raw}}' } });
      // @ts-expect-error: an artifact reference is not a parameter value
      d.task('g6', load, { rawPath: e.outputs.artifacts.raw, data: e.outputs.artifacts.raw });
      // converting it to a plain string explicitly is accepted
      d.task('g7', load, { rawPath: `${e.outputs.artifacts.raw}`, data: e.outputs.artifacts.raw });
      d.task('h', noInputs);
      // @ts-expect-error: a parameter takes a string, number or boolean
      d.task('i', extract, { sourceUrl: ['x'] });
    });
  });

  it('checks arguments through templateRef and inline as well', () => {
    const shared = workflowTemplate('shared').templates(extract);
    dag('main', (d) => {
      d.task('a', templateRef(shared, extract), { sourceUrl: 'x' });
      // @ts-expect-error: sourceUrl is required
      d.task('b', templateRef(shared, extract), {});
      d.task('c', inline(extract), { sourceUrl: 'x' });
      // untyped: a template named by a string, or read from YAML
      d.task('d', templateRef('other', 'whalesay'), { anything: 'goes' });
      const loose = d.task('e', fromTemplate({ name: 'x', container: { image: 'alpine:3.20' } }), { any: 1 });
      // Untyped outputs are an index signature: `string | undefined` under noUncheckedIndexedAccess.
      expectTypeOf(loose.outputs.parameters.whatever).toEqualTypeOf<string | undefined>();
      d.task('f', 'whalesay', { message: 'hi' });
    });
  });
});

describe('typed depends', () => {
  it('accepts handles, results and combinations, nothing else', () => {
    dag('main', (d) => {
      const a = d.task('a', noInputs);
      const b = d.task('b', noInputs);
      expectTypeOf(a.succeeded().or(b.failed())).toEqualTypeOf<DependsExpr>();
      d.task('c', noInputs, {}, { depends: a.succeeded().or(b.failed()) });
      d.task('d', noInputs, {}, { depends: after(a, b) });
      d.task('e', noInputs, {}, { depends: [a, b] });
      d.task('f', noInputs, {}, { depends: 'a && b' });
      // @ts-expect-error: depends takes expressions, not numbers
      d.task('g', noInputs, {}, { depends: 1 });
      // @ts-expect-error: after() takes handles or expressions
      after('a');
    });
  });
});

describe('manifest builders', () => {
  it('return typed CRD objects', () => {
    const wf = workflow({ generateName: 'x-' }).entrypoint(noInputs);
    expectTypeOf(wf.toObject().kind).toEqualTypeOf<'Workflow'>();
    expectTypeOf(wf.toObject().spec.templates).toEqualTypeOf<import('@sluice/argo-types').Template[] | undefined>();
    // @ts-expect-error: a misspelt spec field
    workflow('x').set({ serviceAcountName: 'etl' });
  });
});

describe('YAML in and helper types', () => {
  it('narrows what fromYaml returns by kind', () => {
    const [b] = fromYaml('');
    if (b?.kind === 'CronWorkflow') {
      expectTypeOf(b).toEqualTypeOf<CronWorkflowBuilder>();
      expectTypeOf(b.cron).toBeFunction();
    }
    if (b?.kind === 'Workflow') expectTypeOf(b.toObject().kind).toEqualTypeOf<'Workflow'>();
  });

  it('gives the declared inputs and outputs of a template with InputsOf and OutputsOf', () => {
    dag('main', (d) => {
      const handles: TaskHandle<string, OutputsOf<typeof extract>>[] = [];
      handles.push(d.task('a', extract, { sourceUrl: 'x' }));
      expectTypeOf(handles[0]?.outputs.parameters.rawPath).toEqualTypeOf<string | undefined>();
      const args: ArgumentsFor<InputsOf<typeof extract>> = { sourceUrl: 'x' };
      d.task('b', extract, args);
    });
  });
});

describe('bugs found by rewriting Hera users’ workflows', () => {
  it('a template with no inputs takes no arguments: a typo is a type error', () => {
    dag('main', (d) => {
      d.task('ok', noInputs);
      d.task('empty', noInputs, {});
      // @ts-expect-error the template declares no inputs
      d.task('typo', noInputs, { typo: 'hi' });
    });
    steps('s', (s) => {
      // @ts-expect-error the template declares no inputs
      s.step('typo', noInputs, { messge: 'hi' });
    });
  });

  it('a DAG’s or steps template’s own input artifact is an artifact reference, passed on as one', () => {
    dag({ name: 'd', inputs: { artifacts: { data: {} }, parameters: { rawPath: {} } } }, (d) => {
      expectTypeOf(d.inputs.artifacts.data).toEqualTypeOf<ArtifactRef>();
      expectTypeOf(d.inputs.parameters.rawPath).toEqualTypeOf<string>();
      d.task('load', load, { rawPath: d.inputs.parameters.rawPath, data: d.inputs.artifacts.data });
      // @ts-expect-error a parameter reference is not an artifact
      d.task('wrong', load, { rawPath: 'x', data: d.inputs.parameters.rawPath });
    });
    steps({ name: 's', inputs: { artifacts: { data: {} } } }, (s) => {
      expectTypeOf(s.inputs.artifacts.data).toEqualTypeOf<ArtifactRef>();
    });
  });
});

describe('the object form of a task or step', () => {
  it('type-checks the arguments and options as the positional form does', () => {
    dag('main', (d) => {
      const a = d.task({ name: 'a', template: noInputs });
      expectTypeOf(a).toEqualTypeOf<TaskHandle<'a', Record<never, never>, false>>();
      // @ts-expect-error extract requires sourceUrl
      d.task({ name: 'x', template: extract });
      d.task({ name: 'x2', template: extract, args: { sourceUrl: 'u' }, depends: a.failed() });
      // @ts-expect-error the template declares no inputs
      d.task({ name: 'y', template: noInputs, args: { message: 'no' } });
      // @ts-expect-error a depends that is not a handle, expression or text
      d.task({ name: 'z', template: noInputs, depends: 1 });
      const looped = d.task({ name: 'l', template: extract, args: { sourceUrl: '{{item}}' }, withItems: ['a'] });
      // A template with no inputs takes its options third.
      expectTypeOf(d.task('o', noInputs, { depends: a })).toEqualTypeOf<TaskHandle<'o', Record<never, never>, false>>();
      expectTypeOf(d.task('ol', noInputs, { withItems: [1] }).outputs.parametersJson).toEqualTypeOf<string>();
      // @ts-expect-error extract has inputs: its third argument is its arguments
      d.task('p', extract, { depends: a });
      expectTypeOf(looped.outputs.parametersJson).toEqualTypeOf<string>();
    });
  });
});
