import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineStage, isStage } from '../src/index.js';

describe('defineStage', () => {
  const stage = defineStage({
    name: 'build-features',
    params: z.object({ rawPath: z.string(), minRows: z.number().default(1) }),
    outputs: z.object({ rowCount: z.number() }),
    run: (ctx) => ({ rowCount: ctx.params.minRows }),
  });

  it('returns a frozen stage with kebab-case parameter and output names', () => {
    expect(isStage(stage)).toBe(true);
    expect(Object.isFrozen(stage)).toBe(true);
    expect(Object.isFrozen(stage.paramNames)).toBe(true);
    expect(stage.paramNames).toEqual(['execution-date', 'raw-path', 'min-rows']);
    expect(stage.outputNames).toEqual(['row-count']);
    expect(() => {
      (stage as { name: string }).name = 'other';
    }).toThrow(TypeError);
  });

  it('defaults to no parameters and no outputs', () => {
    const bare = defineStage({ name: 'bare', run: () => undefined });
    expect(bare.paramNames).toEqual(['execution-date']);
    expect(bare.outputNames).toEqual([]);
    expect(bare.params).toBeUndefined();
    expect(bare.outputs).toBeUndefined();
  });

  it('accepts a zod object schema from another copy of zod (recognised by its structure, not its class)', () => {
    const foreign = Object.assign(Object.create(null), {
      shape: { rawPath: z.string() },
      _zod: { def: { type: 'object' } },
    });
    expect(defineStage({ name: 'foreign', params: foreign, run: () => undefined }).paramNames).toEqual([
      'execution-date',
      'raw-path',
    ]);
    expect(() => defineStage({ name: 'x', params: { shape: {} } as never, run: () => undefined })).toThrow(
      /params must be a zod object schema/,
    );
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ name: 'Build_Features', run: () => undefined }, /name "Build_Features" is invalid: use lower-case letters/],
    [
      { name: 'x', params: z.object({ raw_path: z.string() }), run: () => undefined },
      /params\.raw_path must be camelCase/,
    ],
    [
      { name: 'x', outputs: z.object({ tableURL: z.string() }), run: () => undefined },
      /outputs\.tableURL has consecutive/,
    ],
    [{ name: 'x', params: z.object({ executionDate: z.string() }), run: () => undefined }, /executionDate is reserved/],
    [{ name: 'x', params: z.string(), run: () => undefined }, /params must be a zod object schema/],
  ])('rejects %# with an error naming the field', (definition, message) => {
    const untyped = defineStage as (definition: unknown) => unknown;
    expect(() => untyped(definition)).toThrow(message);
  });

  it('tells stages from other values', () => {
    expect(isStage({ name: 'x' })).toBe(false);
    expect(isStage(null)).toBe(false);
  });
});
