import { describe, expect, it, vi } from 'vitest';
import * as canonical from '../src/compile/canonical.js';
import { container, dag, workflow } from '../src/index.js';

// Counts the deep comparisons that listing templates makes (the real function, observed).
vi.mock('../src/compile/canonical.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/compile/canonical.js')>();
  return { ...real, canonicalJson: vi.fn(real.canonicalJson) };
});

const tpl = (name: string, arg = name) => container({ name, container: { image: 'busybox:1.36', args: [arg] } });

describe('templates a DAG runs from many tasks', () => {
  it('lists each once beside an equal plain copy listed first, and still refuses a different one of that name', () => {
    const a = tpl('a');
    const b = tpl('b');
    const main = dag('main', (d) => {
      for (let i = 0; i < 200; i++) d.task(`t-${i}`, i % 2 === 0 ? a : b);
    });
    // The plain copy of `a` comes first: every task running the builder is then compared with it.
    vi.mocked(canonical.canonicalJson).mockClear();
    const wf = workflow('w').templates(a.toTemplate()).entrypoint(main);
    // `a` is compared with its plain copy once, not once per task that runs it.
    expect(vi.mocked(canonical.canonicalJson).mock.calls.length).toBeLessThanOrEqual(2);
    expect(wf.toObject().spec.templates?.map((t) => t.name)).toEqual(['a', 'main', 'b']);
    const other = dag('other', (d) => {
      for (let i = 0; i < 4; i++) d.task(`t-${i}`, i % 2 === 0 ? a : tpl('b', 'changed'));
    });
    expect(() => workflow('w').templates(a.toTemplate(), b).entrypoint(other)).toThrowError(
      'Workflow "w": two different templates are named "b"',
    );
  });
});
