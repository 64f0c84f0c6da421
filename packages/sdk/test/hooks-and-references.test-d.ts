import { describe, expectTypeOf, it } from 'vitest';
import {
  container,
  dag,
  expr,
  hook,
  type InParams,
  type InputsOf,
  type SelfTarget,
  type StepHandle,
  steps,
  type TaskHandle,
  workflow,
  workflowArguments,
} from '../src/index.js';

const output = container({
  name: 'output',
  outputs: { parameters: { result: { valueFrom: { path: '/tmp/out' } } } },
  container: { image: 'busybox:1.36' },
});
const report = container({
  name: 'report',
  inputs: { parameters: { message: {}, level: { default: 'info' } } },
  container: { image: 'busybox:1.36' },
});
const cleanup = container({ name: 'cleanup', container: { image: 'busybox:1.36' } });

describe('hooks', () => {
  it('checks hook arguments against the template inputs', () => {
    hook(report, { message: 'x' });
    hook(report, { message: 'x', level: 'warn' }, { expression: 'true' });
    // @ts-expect-error `message` is required
    hook(report, { level: 'warn' });
    // @ts-expect-error arguments are required when the template has required inputs
    hook(report);
    // @ts-expect-error unknown input
    hook(report, { message: 'x', nope: 'y' });
    hook(cleanup);
    hook('by-name', { anything: 'goes' });
  });

  it("gives a hooks function the node's own typed handle", () => {
    steps('main', (s) => {
      s.step(
        'step-1',
        output,
        {},
        {
          hooks: (self) => {
            expectTypeOf(self).toEqualTypeOf<StepHandle<'step-1', OutputsOfOutput, false>>();
            // @ts-expect-error `nope` is not an output of `output`
            self.outputs.parameters.nope;
            return { exit: hook(report, { message: self.outputs.parameters.result }) };
          },
        },
      );
    });
    dag('main', (d) => {
      d.task(
        't',
        output,
        {},
        {
          hooks: (self) => {
            expectTypeOf(self).toEqualTypeOf<TaskHandle<'t', OutputsOfOutput, false>>();
            return {};
          },
        },
      );
    });
  });

  it('takes a template builder as a hook template only when it needs no arguments', () => {
    workflow('w').hooks({ exit: { template: cleanup } });
    // @ts-expect-error `report` has a required input: use hook(report, { message })
    workflow('w').hooks({ exit: { template: report } });
    // @ts-expect-error raw Argo arguments with a builder: use hook()
    workflow('w').hooks({ exit: { template: cleanup, arguments: { parameters: [] } } });
    workflow('w').hooks({ exit: { template: 'by-name', arguments: { parameters: [{ name: 'a', value: 'b' }] } } });
  });
});

type OutputsOfOutput = { parameters: { result: { valueFrom: { path: string } } } };

describe('self-reference', () => {
  it('types the template calling itself by its inputs', () => {
    dag({ name: 'countdown', inputs: { parameters: { n: {} } } }, (d, self) => {
      expectTypeOf(self).toExtend<SelfTarget<'countdown', InputsOf<typeof self>>>();
      expectTypeOf(self.name).toEqualTypeOf<'countdown'>();
      expectTypeOf<keyof InParams<InputsOf<typeof self>>>().toEqualTypeOf<'n'>();
      d.task('next', self, { n: '1' });
      // @ts-expect-error `n` is required
      d.task('bad', self, {});
      // @ts-expect-error a self-call exposes no declared outputs
      d.task('x', self, { n: '2' }).outputs.parameters.anything;
    });
  });
});

describe('aggregated outputs and expressions', () => {
  it('has parametersJson only on a task or step with a loop', () => {
    dag('main', (d) => {
      const t = d.task('t', output, {}, { withItems: [1, 2] });
      expectTypeOf(t).toEqualTypeOf<TaskHandle<'t', OutputsOfOutput, true>>();
      expectTypeOf(t.outputs.parametersJson).toEqualTypeOf<string>();
      expectTypeOf(
        d.task('p', output, {}, { withParam: t.outputs.parametersJson }).outputs.parametersJson,
      ).toBeString();
      const plain = d.task('plain', output, {}, { continueOn: { failed: true } });
      // @ts-expect-error not a loop: no aggregated parameters
      const s: string = plain.outputs.parametersJson;
      // Handles of both kinds fit an array of the default handle type.
      const all: TaskHandle[] = [t, plain];
      expectTypeOf(all[0]?.outputs.parametersJson).not.toEqualTypeOf<string>();
      expectTypeOf(expr(t.outputs.result)).toEqualTypeOf<string>();
      expectTypeOf(s).toBeString();
    });
    steps('main', (st) => {
      const a = st.step('a', output, {}, { withSequence: { count: '3' } });
      expectTypeOf(a.outputs.parametersJson).toEqualTypeOf<string>();
      st.parallel((g) => {
        const b = g.step('b', output, {}, { withParam: a.outputs.parametersJson });
        expectTypeOf(b.outputs.parametersJson).toEqualTypeOf<string>();
        // @ts-expect-error not a loop
        expectTypeOf(g.step('c', output).outputs.parametersJson).toEqualTypeOf<string>();
      });
    });
  });
});

describe('workflowArguments', () => {
  it('exposes only the declared parameters', () => {
    const args = workflowArguments({ message: 'hi', count: 3 });
    expectTypeOf(args.parameters).toEqualTypeOf<{ readonly message: string; readonly count: string }>();
    // @ts-expect-error not declared
    args.parameters.mesage;
    workflow('w').arguments(args);
  });
});
