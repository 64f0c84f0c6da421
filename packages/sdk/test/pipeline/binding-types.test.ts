import { defineStage } from '@sluice/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PipelineError, pipeline } from '../../src/pipeline/index.js';
import { baseOptions, buildFeatures, extract, validateRaw } from './fixtures.js';

/** Takes a string and an optional number: the binding's types are checked against both. */
const needsTable = defineStage({
  name: 'needs-table',
  params: z.object({ customerTable: z.string(), limit: z.number().int().optional() }),
  outputs: z.object({ tablePath: z.string() }),
  run: () => ({ tablePath: '/data/table' }),
});

/** Takes a list of numbers: what a fanned-out transform's number output becomes. */
const sumsRows = defineStage({
  name: 'sums-rows',
  params: z.object({ rows: z.array(z.number()) }),
  run: () => undefined,
});

/** Takes a coercing number: its input type is not checked (tsc accepts anything for it too). */
const coerces = defineStage({
  name: 'coerces',
  params: z.object({ limit: z.coerce.number() }),
  run: () => undefined,
});

/**
 * The builder as a JavaScript caller sees it: no types, so only the build-time check stands between a wrong binding
 * and a stage that fails when it parses its parameters.
 */
type Untyped = {
  stage: (stage: unknown, bind?: (up: Record<string, Record<string, unknown>>) => Record<string, unknown>) => Untyped;
};
const extracted = () => pipeline('p', baseOptions).extract(extract) as unknown as Untyped;

describe('binding-wrong-type: a binding of the wrong type is rejected when the pipeline is built', () => {
  it('rejects a number output bound to a string parameter, with the type-level sentence', () => {
    const build = () => extracted().stage(needsTable, (up) => ({ customerTable: up.extract?.rowCount }));
    expect(build).toThrow(PipelineError);
    expect(build).toThrow(
      'p › needs-table: stage "needs-table": parameter customerTable takes a string but is bound to a number; bind an upstream output or a value of type string',
    );
  });

  it('rejects a string output bound to a number parameter', () => {
    expect(() =>
      extracted().stage(needsTable, (up) => ({ customerTable: up.extract?.rawPath, limit: up.extract?.rawPath })),
    ).toThrow('parameter limit takes a number but is bound to a string');
  });

  it('rejects literals of the wrong type', () => {
    expect(() => extracted().stage(needsTable, () => ({ customerTable: 42 }))).toThrow(
      'parameter customerTable takes a string but is bound to a number',
    );
    expect(() => extracted().stage(needsTable, () => ({ customerTable: 'orders', limit: '10' }))).toThrow(
      'parameter limit takes a number but is bound to a string',
    );
  });

  it('types a fanned-out output as a list', () => {
    const fanned = () =>
      pipeline('p', baseOptions)
        .extract(extract)
        .validate(validateRaw)
        .transform(buildFeatures, { parallel: 4 }) as unknown as Untyped;
    expect(() => fanned().stage(sumsRows, (up) => ({ rows: up.transform?.rows }))).not.toThrow();
    expect(() => fanned().stage(needsTable, (up) => ({ customerTable: up.transform?.featuresPath }))).toThrow(
      'parameter customerTable takes a string but is bound to a string[]',
    );
  });

  it('accepts bindings of the parameter type and leaves coercing schemas alone', () => {
    expect(() =>
      extracted().stage(needsTable, (up) => ({ customerTable: 'orders', limit: up.extract?.rowCount })),
    ).not.toThrow();
    expect(() => extracted().stage(coerces, (up) => ({ limit: up.extract?.rawPath }))).not.toThrow();
  });
});
