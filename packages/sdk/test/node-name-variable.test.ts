import { describe, expect, it } from 'vitest';
import { container, dag, steps } from '../src/index.js';

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
});

describe('{{steps.name}} and {{tasks.name}}: Argo’s variable for the node’s own name', () => {
  it('is not taken for a reference to a step named "name" (regression: steps threw, a DAG inferred a dependency)', () => {
    const s = steps('main', (s) => {
      s.step('first', echo, { message: 'hi' });
      s.step('second', echo, { message: 'I am {{steps.name}}' });
    });
    expect(s.toTemplate().steps?.[1]?.[0]?.arguments?.parameters?.[0]?.value).toBe('I am {{steps.name}}');
    const d = dag('main', (d) => {
      d.task('first', echo, { message: 'I am {{tasks.name}}' });
    });
    expect(d.toTemplate().dag?.tasks[0]?.depends).toBeUndefined();
  });

  it('still reads {{tasks.name.outputs…}} as a reference to a task named "name"', () => {
    const d = dag('main', (d) => {
      const named = d.task('name', echo, { message: 'x' });
      d.task('after', echo, { message: named.outputs.result });
    });
    expect(d.toTemplate().dag?.tasks[1]?.depends).toBe('name');
  });
});
