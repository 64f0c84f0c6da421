import { describe, expect, it } from 'vitest';
import { container, steps, workflow } from '../src/index.js';

const say = container({
  name: 'say',
  inputs: { parameters: { word: {} } },
  outputs: { parameters: { echoed: { valueFrom: { path: '/tmp/w' } } } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.word] }),
});

describe('steps()', () => {
  it('makes one group per step() and one group per parallel()', () => {
    const main = steps('main', (s) => {
      const first = s.step('first', say, { word: 'a' });
      const [b, c] = s.parallel((g) => [
        g.step('b', say, { word: first.outputs.parameters.echoed }),
        g.step('c', say, { word: 'c' }, { when: `${first.outputs.result} == x` }),
      ]);
      s.step('last', say, { word: `${b.outputs.parameters.echoed}-${c.status}` });
    });
    expect(main.toTemplate().steps).toEqual([
      [{ name: 'first', template: 'say', arguments: { parameters: [{ name: 'word', value: 'a' }] } }],
      [
        {
          name: 'b',
          template: 'say',
          arguments: { parameters: [{ name: 'word', value: '{{steps.first.outputs.parameters.echoed}}' }] },
        },
        {
          name: 'c',
          template: 'say',
          arguments: { parameters: [{ name: 'word', value: 'c' }] },
          when: '{{steps.first.outputs.result}} == x',
        },
      ],
      [
        {
          name: 'last',
          template: 'say',
          arguments: {
            parameters: [{ name: 'word', value: '{{steps.b.outputs.parameters.echoed}}-{{steps.c.status}}' }],
          },
        },
      ],
    ]);
  });

  it('refuses a reference to a step of the same parallel group, naming both', () => {
    expect(() =>
      steps('main', (s) => {
        s.parallel((g) => {
          const a = g.step('a', say, { word: 'x' });
          g.step('b', say, { word: a.outputs.parameters.echoed });
        });
      }),
    ).toThrowError(
      'steps "main" step "b": references steps.a, which runs in parallel with it in the same group; move "b" to a later step',
    );
  });

  it('refuses duplicate step names and lists each template once with onExit and hook templates', () => {
    expect(() =>
      steps('main', (s) => {
        s.step('a', 'say');
        s.step('a', 'say');
      }),
    ).toThrowError('steps "main" step "a": a step of this name already exists in the template');
    const cleanup = container({ name: 'cleanup', container: { image: 'busybox:1.36' } });
    const main = steps('main', (s) => {
      s.step(
        'a',
        say,
        { word: 'x' },
        { onExit: cleanup, hooks: { running: { expression: 'true', template: cleanup } } },
      );
      s.step('b', say, { word: 'y' }, { withItems: [1, 2], continueOn: { failed: true } });
    });
    const wf = workflow('w').entrypoint(main).toObject();
    expect(wf.spec.templates?.map((t) => t.name)).toEqual(['main', 'say', 'cleanup']);
    expect(wf.spec.templates?.[0]?.steps?.[0]?.[0]).toMatchObject({
      onExit: 'cleanup',
      hooks: { running: { expression: 'true', template: 'cleanup' } },
    });
    expect(wf.spec.templates?.[0]?.steps?.[1]?.[0]).toMatchObject({ withItems: [1, 2], continueOn: { failed: true } });
  });

  it('declares template inputs and outputs for a steps template', () => {
    const main = steps({ name: 'main', inputs: { parameters: { greeting: {} } }, parallelism: 2 }, (s) => {
      const a = s.step('a', say, { word: s.inputs.parameters.greeting });
      return { outputs: { parameters: { said: { valueFrom: { parameter: a.outputs.parameters.echoed } } } } };
    });
    const t = main.toTemplate();
    expect(t.inputs).toEqual({ parameters: [{ name: 'greeting' }] });
    expect(t.outputs).toEqual({
      parameters: [{ name: 'said', valueFrom: { parameter: '{{steps.a.outputs.parameters.echoed}}' } }],
    });
    expect(t.parallelism).toBe(2);
    expect(t.steps?.[0]?.[0]?.arguments).toEqual({
      parameters: [{ name: 'word', value: '{{inputs.parameters.greeting}}' }],
    });
  });
});
