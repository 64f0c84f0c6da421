import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { container, dag, steps } from '../src/index.js';
import { NAME_TABLE_LIMIT, NameMap } from '../src/model/name-map.js';

/**
 * Applies `names` (each set to its index) to a `NameMap` and to a `Map`, and checks they agree on what each `has`
 * before every set, on their sizes, and on every name and probe after.
 */
function agreeWithMap(names: readonly string[], probes: readonly string[]): void {
  const ours = new NameMap<number>();
  const theirs = new Map<string, number>();
  const hadOurs: boolean[] = [];
  const hadTheirs: boolean[] = [];
  names.forEach((name, i) => {
    hadOurs.push(ours.has(name));
    hadTheirs.push(theirs.has(name));
    ours.set(name, i);
    theirs.set(name, i);
  });
  expect(hadOurs).toEqual(hadTheirs);
  expect(ours.size).toBe(theirs.size);
  const all = [...names, ...probes];
  expect(all.map((name) => [ours.get(name), ours.has(name)])).toEqual(
    all.map((name) => [theirs.get(name), theirs.has(name)]),
  );
}

describe('NameMap', () => {
  it('answers as a Map does, below and past the size where it splits its table (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6 }),
        fc.integer({ min: 1, max: 3 * NAME_TABLE_LIMIT }),
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 7 }),
        (prefix, count, probes, stride) => {
          // Repeats (every `stride`-th name again) as well as new names, past the split and before it.
          const names = Array.from({ length: count }, (_, i) => `${prefix}${i % stride === 0 && i > 0 ? i - 1 : i}`);
          agreeWithMap(names, [...probes, `${prefix}${count}`]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('still finds every name when thousands agree on the units that choose their table', () => {
    // Forty units long: the table is chosen by units 39, 34, …, 4; these names differ only in units 0 to 3.
    const tail = 'x'.repeat(36);
    const names = Array.from({ length: NAME_TABLE_LIMIT + 500 }, (_, i) => `${i.toString(36).padStart(4, '0')}${tail}`);
    agreeWithMap(names, [`zzzz${tail}`, '']);
  });

  it('keeps names that differ only in case or in characters past U+00FF apart', () => {
    const names = Array.from({ length: NAME_TABLE_LIMIT + 10 }, (_, i) => (i % 2 === 0 ? `Step-${i}` : `step-${i}é∑`));
    agreeWithMap(
      names,
      names.map((n) => n.toLowerCase()),
    );
  });
});

describe('DAGs and steps past one table of names', () => {
  const echo = container({ name: 'echo', container: { image: 'busybox:1.36' } });
  const count = NAME_TABLE_LIMIT + 100;

  it('refuses a task name declared thousands of tasks before, and infers an edge to it', () => {
    expect(() =>
      dag('big', (d) => {
        for (let i = 0; i < count; i++) d.task(`task-${i}`, echo);
        d.task('task-17', echo);
      }),
    ).toThrowError('a task of this name already exists in the DAG');
    const reader = container({
      name: 'reader',
      inputs: { parameters: { from: {} } },
      container: { image: 'busybox:1.36' },
    });
    const big = dag('big', (d) => {
      for (let i = 0; i < count; i++) d.task(`task-${i}`, echo);
      d.task('last', reader, { from: '{{tasks.task-5.status}}' });
    });
    const last = big.toTemplate().dag?.tasks.at(-1);
    expect(last?.depends).toBe('task-5');
  });

  it('refuses a step name declared thousands of steps before', () => {
    expect(() =>
      steps('long', (s) => {
        for (let i = 0; i < count; i++) s.step(`step-${i}`, echo);
        s.step('step-4000', echo);
      }),
    ).toThrowError('a step of this name already exists in the template');
  });
});
