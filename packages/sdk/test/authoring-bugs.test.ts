import { describe, expect, it } from 'vitest';
import { container, dag, script, steps } from '../src/index.js';

const count = script({
  name: 'count',
  script: { image: 'python:3.12-slim', command: ['python'], source: 'print(3)' },
});
const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: { image: 'busybox:1.36', command: ['echo'], args: ['{{inputs.parameters.message}}'] },
});
const consume = container({
  name: 'consume',
  inputs: { artifacts: { file: { path: '/tmp/in' } } },
  container: { image: 'busybox:1.36', command: ['cat', '/tmp/in'] },
});

describe('bug: a withSequence that reads a task’s output', () => {
  it('makes the task depend on the one it reads, as when, withParam and withItems do', () => {
    const main = dag('main', (d) => {
      const n = d.task('n', count);
      d.task('each', echo, { message: '{{item}}' }, { withSequence: { count: n.outputs.result } });
    });
    const each = main.toTemplate().dag?.tasks?.find((t) => t.name === 'each');
    expect(each?.depends).toBe('n');
    expect(each?.withSequence).toEqual({ count: '{{tasks.n.outputs.result}}' });
  });

  it('in steps, is rejected inside the group that runs the step it reads', () => {
    expect(() =>
      steps('main', (s) =>
        s.parallel((g) => {
          const n = g.step('n', count);
          g.step('each', echo, { message: '{{item}}' }, { withSequence: { count: n.outputs.result } });
        }),
      ),
    ).toThrow(/step "each".*references steps\.n, which runs in parallel with it in the same group/);
  });
});

describe('bug: a DAG’s own input artifact', () => {
  it('is passed on to a task as an artifact (from: {{inputs.artifacts.file}}), not as its path', () => {
    const main = dag({ name: 'main', inputs: { artifacts: { file: {} } } }, (d) => {
      d.task('use', consume, { file: d.inputs.artifacts.file });
    });
    const task = main.toTemplate().dag?.tasks?.[0];
    expect(task?.arguments?.artifacts).toEqual([{ name: 'file', from: '{{inputs.artifacts.file}}' }]);
  });

  it('in a steps template too', () => {
    const main = steps({ name: 'main', inputs: { artifacts: { file: {} } } }, (s) => {
      s.step('use', consume, { file: s.inputs.artifacts.file });
    });
    expect(main.toTemplate().steps?.[0]?.[0]?.arguments?.artifacts).toEqual([
      { name: 'file', from: '{{inputs.artifacts.file}}' },
    ]);
  });
});

describe('bug: arguments to a template that declares no inputs', () => {
  it('still fail at build time, naming the task and the template', () => {
    expect(() =>
      dag('main', (d) => {
        // @ts-expect-error the template declares no inputs
        d.task('x', count, { typo: 'hi' });
      }),
    ).toThrow(/task "x".*template "count" has no input "typo"; it declares no inputs/);
  });
});
