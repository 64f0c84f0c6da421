import { describe, expect, it } from 'vitest';
import { container, dag, hook, steps } from '../src/index.js';

const report = container({ name: 'report', container: { image: 'busybox:1.36', command: ['true'] } });
const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: { image: 'busybox:1.36', command: ['echo', '{{inputs.parameters.message}}'] },
});

describe('the object form of a task or step', () => {
  it('compiles exactly as the positional form, without an empty arguments object', () => {
    const positional = dag('main', (d) => {
      const a = d.task('a', echo, { message: 'A' });
      d.task('r', report, {}, { depends: a.failed() });
      d.task('each', echo, { message: '{{item}}' }, { withItems: ['x', 'y'], depends: a });
    });
    const objects = dag('main', (d) => {
      const a = d.task({ name: 'a', template: echo, args: { message: 'A' } });
      d.task({ name: 'r', template: report, depends: a.failed() });
      const each = d.task({
        name: 'each',
        template: echo,
        args: { message: '{{item}}' },
        withItems: ['x', 'y'],
        depends: a,
      });
      expect(each.outputs.parametersJson).toBe('{{tasks.each.outputs.parameters}}');
    });
    expect(objects.toYaml()).toBe(positional.toYaml());
  });

  it('works for steps and steps in a parallel group', () => {
    const s = steps('main', (st) => {
      const a = st.step({ name: 'a', template: echo, args: { message: 'A' } });
      st.parallel((g) => {
        g.step({ name: 'r', template: report, when: `${a.outputs.exitCode} != 0` });
        g.step({ name: 'b', template: echo, args: { message: 'B' } });
      });
    });
    expect(s.toTemplate().steps?.[1]?.map((x) => [x.name, x.when])).toEqual([
      ['r', '{{steps.a.outputs.exitCode}} != 0'],
      ['b', undefined],
    ]);
  });

  it('a template that declares no inputs takes its options third, with no empty arguments object', () => {
    const short = dag('main', (d) => {
      const a = d.task('a', report);
      d.task('b', report, { depends: a.failed() });
      d.task('c', report, { withItems: [1, 2], depends: a });
    });
    const long = dag('main', (d) => {
      const a = d.task('a', report);
      d.task('b', report, {}, { depends: a.failed() });
      d.task('c', report, {}, { withItems: [1, 2], depends: a });
    });
    expect(short.toYaml()).toBe(long.toYaml());
    const s = steps('s', (st) => {
      const a = st.step('a', report);
      st.step('b', report, { when: `${a.outputs.exitCode} == 0` });
    });
    expect(s.toTemplate().steps?.[1]?.[0]).toEqual({
      name: 'b',
      template: 'report',
      when: '{{steps.a.outputs.exitCode}} == 0',
    });
  });

  it('anything but option keys there stays arguments, and an error for a template with no inputs', () => {
    expect(() =>
      dag('main', (d) => {
        // @ts-expect-error neither an option nor an input
        d.task('b', report, { depends: 'x', typo: 1 });
      }),
    ).toThrow('template "report" has no input "depends"');
  });

  it('hook() of a template with no inputs takes its expression second', () => {
    const withHook = (h: ReturnType<typeof hook>) =>
      dag('main', (d) => void d.task('a', report, { hooks: { running: h } })).toYaml();
    const expression = 'workflow.status == "Running"';
    expect(withHook(hook(report, { expression }))).toBe(withHook(hook(report, {}, { expression })));
    expect(withHook(hook(report, { expression }))).toContain('expression: workflow.status == "Running"');
  });
});
