import { describe, expect, it } from 'vitest';
import { container, dag, hook, script, steps, templateRef, workflow } from '../src/index.js';

const output = container({
  name: 'output',
  outputs: { parameters: { result: { valueFrom: { default: 'Foobar', path: '/tmp/out.txt' } } } },
  container: { image: 'busybox:1.36' },
});
const report = script({
  name: 'report',
  inputs: { parameters: { message: {}, level: { default: 'info' } } },
  script: (io) => ({
    image: 'python:3.12-slim',
    command: ['python'],
    source: `print("${io.inputs.parameters.message}")`,
  }),
});

describe('hook(): typed hook arguments', () => {
  it("passes a step's own outputs to its exit hook", () => {
    const main = steps('main', (s) => {
      s.step(
        'step-1',
        output,
        {},
        { hooks: (self) => ({ exit: hook(report, { message: self.outputs.parameters.result }) }) },
      );
    });
    const step = main.toTemplate().steps?.[0]?.[0];
    expect(step?.hooks).toEqual({
      exit: {
        template: 'report',
        arguments: { parameters: [{ name: 'message', value: '{{steps.step-1.outputs.parameters.result}}' }] },
      },
    });
    expect(
      workflow('w')
        .entrypoint(main)
        .toObject()
        .spec.templates?.map((t) => t.name),
    ).toEqual(['main', 'output', 'report']);
  });

  it("passes a task's own outputs and an earlier task's to a running hook, and infers the dependency", () => {
    const main = dag('main', (d) => {
      const a = d.task('a', output);
      d.task(
        'b',
        output,
        {},
        {
          hooks: (self) => ({
            running: hook(
              report,
              { message: `${a.outputs.parameters.result}/${self.outputs.result}`, level: 'warn' },
              { expression: `${'tasks.b.status'} == "Running"` },
            ),
          }),
        },
      );
    });
    const b = main.toTemplate().dag?.tasks[1];
    expect(b?.depends).toBe('a');
    expect(b?.hooks?.running).toEqual({
      expression: 'tasks.b.status == "Running"',
      template: 'report',
      arguments: {
        parameters: [
          { name: 'message', value: '{{tasks.a.outputs.parameters.result}}/{{tasks.b.outputs.result}}' },
          { name: 'level', value: 'warn' },
        ],
      },
    });
  });

  it('runs a templateRef and workflow-level hooks', () => {
    const ref = templateRef('shared', 'notify');
    const wf = workflow('w')
      .entrypoint(output)
      .hooks({ exit: hook(report, { message: 'done' }), running: hook(ref, { who: 'me' }, { expression: 'true' }) });
    expect(wf.toObject().spec.hooks).toEqual({
      exit: { template: 'report', arguments: { parameters: [{ name: 'message', value: 'done' }] } },
      running: {
        expression: 'true',
        templateRef: { name: 'shared', template: 'notify' },
        arguments: { parameters: [{ name: 'who', value: 'me' }] },
      },
    });
    expect(wf.toObject().spec.templates?.map((t) => t.name)).toEqual(['output', 'report']);
  });

  it('names the hook in errors', () => {
    const bad = { nope: 'x', message: 'y' };
    expect(() =>
      steps('main', (s) => {
        // A variable, not a literal: TypeScript checks excess keys of literals only, so the runtime check it is.
        s.step('a', output, {}, { hooks: { exit: hook(report, bad) } });
      }),
    ).toThrowError(
      'steps "main" step "a" hooks.exit: template "report" has no input "nope"; its inputs are: message, level',
    );
  });

  it('refuses a reference to a later step from a hook, and allows one to the step itself', () => {
    expect(() =>
      steps('main', (s) => {
        s.step('a', output, {}, { hooks: { exit: hook(report, { message: '{{steps.z.outputs.result}}' }) } });
      }),
    ).toThrowError(
      'steps "main" step "a": references steps.z, which is not a step of an earlier group of this template',
    );
  });
});
