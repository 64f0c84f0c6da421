import { describe, expect, it } from 'vitest';
import { container, dag, item, steps } from '../src/index.js';

const oddOrEven = container({
  name: 'odd-or-even',
  inputs: { parameters: { num: {} } },
  outputs: { parameters: { evenness: { valueFrom: { path: '/tmp/even' } } } },
  container: { image: 'alpine:3.20' },
});

describe('outputs.parametersJson: every iteration of a looped task', () => {
  it('renders the aggregated reference of a looped task, and a later task depends on it', () => {
    const main = dag('main', (d) => {
      const loop = d.task('odd-or-even', oddOrEven, { num: item() }, { withItems: [1, 2] });
      expect(loop.outputs.parametersJson).toBe('{{tasks.odd-or-even.outputs.parameters}}');
      d.task('half', oddOrEven, { num: item('num') }, { withParam: loop.outputs.parametersJson });
    });
    expect(main.toTemplate().dag?.tasks[1]).toMatchObject({
      depends: 'odd-or-even',
      withParam: '{{tasks.odd-or-even.outputs.parameters}}',
    });
  });

  it('works for looped steps (withSequence, withParam) and throws for a task or step without a loop', () => {
    steps('main', (s) => {
      const a = s.step('a', oddOrEven, { num: item() }, { withSequence: { count: '3' } });
      expect(a.outputs.parametersJson).toBe('{{steps.a.outputs.parameters}}');
      const b = s.step('b', oddOrEven, { num: '1' });
      expect(() => b.outputs.parametersJson).toThrowError(
        'step "b": outputs.parametersJson (every iteration\'s output parameters) exists only for a step with withItems, withParam or withSequence; read one parameter with outputs.parameters.<name>',
      );
    });
    dag('main', (d) => {
      const t = d.task('t', oddOrEven, { num: '1' });
      expect(() => t.outputs.parametersJson).toThrowError(/^task "t": outputs.parametersJson/);
      expect(t.outputs.parameters.evenness).toBe('{{tasks.t.outputs.parameters.evenness}}');
    });
  });
});
