import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDocumentShape,
  DEFAULT_INPUT_LIMITS,
  inputLimits,
  parseJsonText,
  parseYamlDocuments,
} from '../src/index.js';

/** The size of a value with every shared subtree counted as often as it is reached. */
function expandedSize(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  return 1 + (Array.isArray(value) ? value : Object.values(value)).reduce<number>((n, v) => n + expandedSize(v), 0);
}

describe('input limits', () => {
  it('reads limits from the environment, ignoring anything but a positive integer', () => {
    expect(
      inputLimits({ SLUICE_MAX_INPUT_NODES: '7', SLUICE_MAX_INPUT_DEPTH: 'lots', SLUICE_MAX_INPUT_BYTES: '0' }),
    ).toEqual({ ...DEFAULT_INPUT_LIMITS, maxNodes: 7 });
  });

  it('counts values with aliases expanded: accepted exactly when the expanded size is within maxNodes', () => {
    const shared = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.integer(),
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 3 }), tie('tree'), { maxKeys: 3 }),
      ),
    })).tree;
    fc.assert(
      fc.property(shared, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 200 }), (leaf, copies, limit) => {
        // The same object reached `copies` times, as an alias makes it.
        const doc = { a: Array.from({ length: copies }, () => leaf), b: [leaf] };
        const size = expandedSize(doc);
        const limits = { ...DEFAULT_INPUT_LIMITS, maxNodes: limit };
        if (size <= limit) expect(() => checkDocumentShape(doc, 'x', 0, limits)).not.toThrow();
        else expect(() => checkDocumentShape(doc, 'x', 0, limits)).toThrow(/SLUICE_MAX_INPUT_NODES/);
      }),
    );
  });

  it('measures depth without recursion and names the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => checkDocumentShape(deep, 'deep.json', 0, DEFAULT_INPUT_LIMITS)).toThrow(
      'deep.json: document 1 nests deeper than 500 levels (limit SLUICE_MAX_INPUT_DEPTH=500;',
    );
    expect(() => parseJsonText(`${'['.repeat(600)}${']'.repeat(600)}`, 'x.json')).toThrow(/SLUICE_MAX_INPUT_DEPTH/);
  });

  it('a shallow document within the limits parses as before', () => {
    expect(parseYamlDocuments('a: &x [1, 2]\nb: *x\n')).toEqual([{ a: [1, 2], b: [1, 2] }]);
  });
});
