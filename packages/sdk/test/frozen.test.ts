import { describe, expect, it } from 'vitest';
import { INTERNAL } from '../src/builders/internal.js';
import { MODEL } from '../src/builders/manifest.js';
import { container, dag, fromYaml, hook, steps, templateRef, workflow } from '../src/index.js';

/** Every object and array reachable from `value`, which must all be frozen. */
function unfrozen(value: unknown, path = '$'): string[] {
  if (value === null || typeof value !== 'object') return [];
  const here = Object.isFrozen(value) ? [] : [path];
  return [...here, ...Object.entries(value).flatMap(([k, v]) => unfrozen(v, `${path}.${k}`))];
}

describe('the model is deeply frozen', () => {
  it('for templates, DAG tasks, steps and whole workflows', () => {
    const t = container({
      name: 't',
      inputs: { parameters: { x: { enum: ['a', 'b'] } } },
      container: { image: 'busybox:1.36', env: [{ name: 'A', value: '1' }] },
    });
    const d = dag('main', (g) => {
      const a = g.task('a', t, { x: 'a' }, { withItems: [{ k: [1] }], hooks: { exit: hook(t, { x: 'b' }) } });
      g.task('b', templateRef('wt', 'x'), { y: { raw: { data: 'z' } } }, { dependencies: ['a'] });
      g.task('c', t, { x: a.outputs.result }, { dependencies: ['b'], continueOn: { failed: true } });
    });
    const s = steps('s', (g) => void g.step('a', t, { x: 'b' }, { withParam: '[1]' }));
    const wf = workflow('w')
      .entrypoint(d)
      .templates(s)
      .set({ volumes: [{ name: 'v', emptyDir: {} }] });
    expect(unfrozen(t[INTERNAL].template)).toEqual([]);
    expect(unfrozen(d[INTERNAL].template)).toEqual([]);
    expect(unfrozen(s[INTERNAL].template)).toEqual([]);
    expect(unfrozen(wf[MODEL])).toEqual([]);
    // `c` reads `a`, which `b` already waits for: no edge of its own.
    expect(d.toTemplate().dag?.tasks?.[2]?.dependencies).toEqual(['b']);
  });

  it('for what fromYaml read', () => {
    const [wf] = fromYaml(
      'kind: Workflow\nmetadata: {name: x}\nspec: {templates: [{name: a, container: {image: i, args: [x]}}]}\n',
    );
    expect(wf === undefined ? ['missing'] : unfrozen(wf[MODEL])).toEqual([]);
  });
});
