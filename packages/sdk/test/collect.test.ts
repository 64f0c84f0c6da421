import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { container, workflow } from '../src/index.js';
import { copyArray } from '../src/model/freeze.js';

const tpl = (name: string, arg = name) => container({ name, container: { image: 'busybox:1.36', args: [arg] } });

describe('listing templates one call at a time', () => {
  it('keeps each name once, and still refuses a different template of a listed name, along a chain and from a branch', () => {
    let wf = workflow('w');
    for (let i = 0; i < 50; i++) wf = wf.templates(tpl(`t-${i}`));
    const base = wf;
    const a = base.templates(tpl('t-3'), tpl('extra-a'));
    const b = base.templates(tpl('extra-b'));
    expect(
      a
        .toObject()
        .spec.templates?.map((t) => t.name)
        .slice(-2),
    ).toEqual(['t-49', 'extra-a']);
    expect(
      b
        .toObject()
        .spec.templates?.map((t) => t.name)
        .slice(-2),
    ).toEqual(['t-49', 'extra-b']);
    // The branch `b` must not see `extra-a`, and both still know every earlier name.
    expect(() => b.templates(tpl('extra-a'))).not.toThrow();
    expect(() => a.templates(tpl('t-7', 'other'))).toThrowError(
      'Workflow "w": two different templates are named "t-7"; rename one of them',
    );
    expect(() => b.templates(tpl('t-7', 'other'))).toThrowError(/two different templates are named "t-7"/);
    // After a failed call, the builder it was called on still works.
    expect(a.templates(tpl('extra-c')).toObject().spec.templates).toHaveLength(52);
  });

  it('lists the same templates in the same order however the calls are split (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (ids, chunk) => {
          const ts = ids.map((i) => tpl(`t-${i}`));
          let split = workflow('w');
          for (let i = 0; i < ts.length; i += chunk) split = split.templates(...ts.slice(i, i + chunk));
          const once = workflow('w').templates(...ts);
          expect(split.toObject()).toEqual(once.toObject());
          expect(once.toObject().spec.templates?.map((t) => t.name) ?? []).toEqual([
            ...new Set(ids.map((i) => `t-${i}`)),
          ]);
        },
      ),
    );
  });

  it('copyArray gives a mutable copy of a frozen array', () => {
    const frozen = Object.freeze([1, 2, 3]);
    const copy = copyArray(frozen);
    copy.push(4);
    expect(copy).toEqual([1, 2, 3, 4]);
    expect(frozen).toEqual([1, 2, 3]);
  });
});
