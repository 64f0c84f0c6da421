import { describe, expect, it } from 'vitest';
import { container, dag, script, steps, workflow } from '../src/index.js';

const flipCoin = script({
  name: 'flip-coin',
  script: { image: 'python:3.12-slim', command: ['python'], source: 'print("heads")\n' },
});
const heads = container({ name: 'heads', container: { image: 'busybox:1.36' } });

describe('a DAG or steps template calling itself', () => {
  it('runs itself from a step, listed once', () => {
    const coinflip = steps('coinflip', (s, self) => {
      const flip = s.step('flip-coin', flipCoin);
      s.parallel((g) => {
        g.step('heads', heads, {}, { when: `${flip.outputs.result} == heads` });
        g.step('tails', self, {}, { when: `${flip.outputs.result} == tails` });
      });
    });
    const obj = workflow('w').entrypoint(coinflip).toObject();
    expect(obj.spec.templates?.map((t) => t.name)).toEqual(['coinflip', 'flip-coin', 'heads']);
    expect(obj.spec.templates?.[0]?.steps?.[1]?.[1]).toEqual({
      name: 'tails',
      template: 'coinflip',
      when: '{{steps.flip-coin.outputs.result}} == tails',
    });
  });

  it('passes typed arguments to itself from a DAG task and reads its result', () => {
    const countdown = dag({ name: 'countdown', inputs: { parameters: { n: {} } } }, (d, self) => {
      const next = d.task('next', self, { n: d.inputs.parameters.n }, { when: `${d.inputs.parameters.n} > 0` });
      expect(next.outputs.result).toBe('{{tasks.next.outputs.result}}');
      expect(self.name).toBe('countdown');
    });
    expect(countdown.toTemplate().dag?.tasks).toEqual([
      {
        name: 'next',
        template: 'countdown',
        arguments: { parameters: [{ name: 'n', value: '{{inputs.parameters.n}}' }] },
        when: '{{inputs.parameters.n}} > 0',
      },
    ]);
    expect(() =>
      // @ts-expect-error `m` is not an input of the template
      dag({ name: 'c', inputs: { parameters: { n: {} } } }, (d, self) => void d.task('x', self, { n: '1', m: '2' })),
    ).toThrowError('dag "c" task "x": template "c" (itself) has no input "m"; its inputs are: n');
  });
});
