import { expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import {
  defineStage,
  type StageContext,
  type StageOutputName,
  type StageOutputs,
  type StageParamName,
  type StageParams,
  type StageParamsInput,
} from '../src/index.js';

const buildFeatures = defineStage({
  name: 'build-features',
  params: z.object({ rawPath: z.string(), minRows: z.number().int().default(1) }),
  outputs: z.object({ rowCount: z.number().int(), tableName: z.string() }),
  async run(ctx) {
    expectTypeOf(ctx.params).toEqualTypeOf<{ rawPath: string; minRows: number }>();
    expectTypeOf(ctx.executionDate).toBeString();
    expectTypeOf(ctx.partition).toEqualTypeOf<{ readonly index: number; readonly count: number }>();
    expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
    expectTypeOf(await ctx.checkpoint.load<{ offset: number }>()).toEqualTypeOf<{ offset: number } | undefined>();
    expectTypeOf(ctx.secret).returns.resolves.toBeString();
    return { rowCount: 1, tableName: ctx.params.rawPath };
  },
});

test('a stage carries its parameter and output types for a pipeline to read', () => {
  expectTypeOf<StageParams<typeof buildFeatures>>().toEqualTypeOf<{ rawPath: string; minRows: number }>();
  expectTypeOf<StageParamsInput<typeof buildFeatures>>().toEqualTypeOf<{ rawPath: string; minRows?: number }>();
  expectTypeOf<StageOutputs<typeof buildFeatures>>().toEqualTypeOf<{ rowCount: number; tableName: string }>();
  expectTypeOf<StageParamName<typeof buildFeatures>>().toEqualTypeOf<'execution-date' | 'raw-path' | 'min-rows'>();
  expectTypeOf<StageOutputName<typeof buildFeatures>>().toEqualTypeOf<'row-count' | 'table-name'>();
  expectTypeOf(buildFeatures.name).toEqualTypeOf<'build-features'>();
});

test('run must return the outputs the schema asks for', () => {
  defineStage({
    name: 'wrong-output',
    outputs: z.object({ rowCount: z.number() }),
    // @ts-expect-error rowCount must be a number
    run: () => ({ rowCount: 'many' }),
  });
  defineStage({
    name: 'missing-output',
    outputs: z.object({ rowCount: z.number() }),
    // @ts-expect-error rowCount is required
    run: async () => undefined,
  });
});

test('a stage without outputs may return nothing, and ctx without params is an empty object', () => {
  const stage = defineStage({
    name: 'side-effect-only',
    async run(ctx) {
      expectTypeOf(ctx).toEqualTypeOf<StageContext<Record<string, never>>>();
    },
  });
  expectTypeOf<StageOutputs<typeof stage>>().toEqualTypeOf<Record<string, never>>();
});
