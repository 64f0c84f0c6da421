import { describe, expect, it } from 'vitest';
import { container, dag, steps } from '../src/index.js';

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: { image: 'busybox:1.36', command: ['echo'], args: ['{{inputs.parameters}}'] },
});

describe('arguments a template does not declare', () => {
  it('are passed deliberately with extraArguments, by Argo name, after the declared ones', () => {
    const main = dag('main', (d) => {
      const a = d.task('a', echo, { message: 'hi' });
      d.task(
        'b',
        echo,
        { message: 'x' },
        {
          extraArguments: {
            parameters: { 'trace-id': a.outputs.result, attempt: 2 },
            artifacts: { extra: { raw: { data: 'x' } } },
          },
        },
      );
    });
    const b = main.toTemplate().dag?.tasks?.find((t) => t.name === 'b');
    expect(b?.arguments).toEqual({
      parameters: [
        { name: 'message', value: 'x' },
        { name: 'trace-id', value: '{{tasks.a.outputs.result}}' },
        { name: 'attempt', value: '2' },
      ],
      artifacts: [{ name: 'extra', raw: { data: 'x' } }],
    });
    // A reference in them makes the task depend on the one it reads, like any argument.
    expect(b?.depends).toBe('a');
  });

  it('recursion through self keeps its typed arguments and may add undeclared ones', () => {
    const loop = steps({ name: 'loop', inputs: { parameters: { n: {} } } }, (s, self) => {
      s.step(
        'again',
        self,
        { n: '{{=asInt(inputs.parameters.n) - 1}}' },
        { extraArguments: { parameters: { depth: '1' } } },
      );
    });
    expect(loop.toTemplate().steps?.[0]?.[0]?.arguments?.parameters?.map((p) => p.name)).toEqual(['n', 'depth']);
  });

  it('a declared input given as extra is refused: it belongs with the checked arguments', () => {
    expect(() =>
      dag(
        'main',
        (d) => void d.task('a', echo, { message: 'x' }, { extraArguments: { parameters: { message: 'y' } } }),
      ),
    ).toThrow(
      'dag "main" task "a": extraArguments.message: template "echo" declares "message"; pass it with the other arguments',
    );
  });

  it('a typo in the arguments stays an error, with a did-you-mean and the way to pass one on purpose', () => {
    expect(() =>
      dag('main', (d) => {
        // @ts-expect-error "mesage" is not an input of echo (TypeScript suggests "message")
        d.task('a', echo, { mesage: 'x' });
      }),
    ).toThrow(
      'template "echo" has no input "mesage"; did you mean "message"? its inputs are: message (to pass an argument it does not declare, as Argo allows, use the extraArguments option)',
    );
  });
});
