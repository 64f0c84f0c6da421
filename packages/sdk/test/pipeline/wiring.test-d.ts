import { defineStage } from '@sluice/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type OutputRef, pipeline, type WiringError } from '../../src/pipeline/index.js';
import { baseOptions, buildFeatures, extract, loadFeatures, validateFeatures, validateRaw } from './fixtures.js';

const needsCount = defineStage({
  name: 'needs-count',
  params: z.object({ rowCount: z.number().int() }),
  run: () => undefined,
});

const needsUnknown = defineStage({
  name: 'needs-unknown',
  params: z.object({ customerTable: z.string() }),
  run: () => undefined,
});

describe('typed upstream references', () => {
  it('offers each upstream output as a reference of its type', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      .validate(validateRaw, (up) => {
        expectTypeOf(up.extract.rawPath).toEqualTypeOf<OutputRef<string>>();
        expectTypeOf(up.extract.rowCount).toEqualTypeOf<OutputRef<number>>();
        return { rawPath: up.extract.rawPath };
      });
  });

  it('rejects a reference to an output the upstream stage does not declare', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      // @ts-expect-error rawPth is not an output of extract
      .validate(validateRaw, (up) => ({ rawPath: up.extract.rawPth }));
  });

  it('rejects a reference to a task that is not upstream', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      // @ts-expect-error transform has not been added yet
      .validate(validateRaw, (up) => ({ rawPath: up.transform.featuresPath }));
  });

  it('rejects binding an output of the wrong type', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      // @ts-expect-error rowCount is a number, rawPath a string
      .validate(validateRaw, (up) => ({ rawPath: up.extract.rowCount }));
  });

  it('accepts a number output for a number parameter', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      .stage(needsCount, (up) => ({ rowCount: up.extract.rowCount }));
  });

  it('rejects a stage whose required parameter nobody produces or binds', () => {
    // @ts-expect-error customerTable is produced by no upstream stage
    pipeline('p', baseOptions).extract(extract).stage(needsUnknown);
    pipeline('p', baseOptions)
      .extract(extract)
      .stage(needsUnknown, () => ({ customerTable: 'orders' }));
  });

  it('types the outputs of a fanned-out transform as lists', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      .validate(validateRaw)
      .transform(buildFeatures, { parallel: 16 })
      .validate(validateFeatures, (up) => {
        expectTypeOf(up.transform.rows).toEqualTypeOf<OutputRef<number[]>>();
        return {};
      });
  });

  it('names validation gates validate-raw and validate-features', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      .validate(validateRaw)
      .transform(buildFeatures)
      .validate(validateFeatures, (up) => {
        expectTypeOf(up).toHaveProperty('validateRaw');
        expectTypeOf(up.validateRaw.validPath).toEqualTypeOf<OutputRef<string>>();
        return {};
      });
  });
});

describe('gates enforced by types', () => {
  it('has no load straight after transform', () => {
    const transformed = pipeline('p', baseOptions).extract(extract).validate(validateRaw).transform(buildFeatures);
    // @ts-expect-error load needs a feature validation gate after transform
    transformed.load(loadFeatures);
    transformed.validate(validateFeatures).load(loadFeatures);
  });

  it('says how to fix the order, in the sentence the build-time check gives', () => {
    const transformed = pipeline('p', baseOptions).extract(extract).validate(validateRaw).transform(buildFeatures);
    type LoadGate =
      WiringError<'load straight after transform skips the feature gate; add .validate(<feature checks>) before .load()'>;
    expectTypeOf(transformed.load).parameter(0).toExtend<LoadGate>();
    expectTypeOf(transformed.validate(validateFeatures).load).parameter(0).not.toExtend<LoadGate>();
    type TrainGate = WiringError<'train runs only after load succeeded; add .load(<stage>) before .train()'>;
    expectTypeOf(transformed.train).parameter(0).toExtend<TrainGate>();
    expectTypeOf(transformed.validate(validateFeatures).load(loadFeatures).train)
      .parameter(0)
      .not.toExtend<TrainGate>();
  });

  it('has no train before load', () => {
    const validated = pipeline('p', baseOptions).extract(extract).validate(validateRaw);
    // @ts-expect-error train runs only after load
    validated.train({ image: 'registry.example.com/t:1.0.0', command: ['torchrun'] });
  });
});
