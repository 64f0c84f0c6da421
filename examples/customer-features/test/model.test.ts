import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, predict, rocAuc } from '../src/model.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for ties', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('is unchanged by a strictly increasing transform of the scores, and flips under negation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        (pairs) => {
          const labels = pairs.map(([, y]) => (y ? 1 : 0));
          fc.pre(labels.includes(0) && labels.includes(1));
          const scores = pairs.map(([s]) => s);
          const auc = rocAuc(scores, labels);
          expect(
            rocAuc(
              scores.map((s) => Math.exp(s / 5)),
              labels,
            ),
          ).toBeCloseTo(auc, 9);
          expect(
            rocAuc(
              scores.map((s) => -s),
              labels,
            ),
          ).toBeCloseTo(1 - auc, 9);
        },
      ),
    );
  });
});

describe('fitLogistic', () => {
  it('separates linearly separable data', () => {
    const x = Array.from({ length: 200 }, (_, i) => [i % 2 === 0 ? i / 10 : -i / 10, (i * 7) % 5]);
    const y = x.map(([a]) => ((a ?? 0) > 0 ? 1 : 0));
    expect(rocAuc(predict(fitLogistic(x, y), x), y)).toBe(1);
  });

  it('refuses empty input', () => {
    expect(() => fitLogistic([], [])).toThrow(/no rows/);
  });
});
