import { defineStage } from '@sluice/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type OutputRef, pipeline } from '../../src/pipeline/index.js';
import { baseOptions, extract } from './fixtures.js';

/** A stage without `params` or `outputs`: zod types both as `Record<string, never>`. */
const hello = defineStage({ name: 'hello', run: () => undefined });

const needsTable = defineStage({
  name: 'needs-table',
  params: z.object({ customerTable: z.string() }),
  run: () => undefined,
});

describe('a stage without params', () => {
  it('is wired by every stage method without a binding function', () => {
    pipeline('p', baseOptions).stage(hello);
    pipeline('p', baseOptions).extract(hello);
    pipeline('p', baseOptions).extract(extract).validate(hello).transform(hello, { parallel: 2 });
    pipeline('p', baseOptions).extract(extract).stage(hello, { id: 'hi' });
  });

  it('still accepts an empty binding function', () => {
    pipeline('p', baseOptions).stage(hello, () => ({}));
  });
});

describe('a stage without outputs upstream', () => {
  it('offers no references: its empty outputs are not an output under every name', () => {
    pipeline('p', baseOptions)
      .stage(hello)
      .stage(extract, (up) => {
        expectTypeOf<keyof typeof up.hello>().toEqualTypeOf<never>();
        return {};
      });
  });

  it('keeps checking the wiring of the stages after it', () => {
    // @ts-expect-error customerTable is produced by no upstream stage (hello's empty outputs do not count)
    pipeline('p', baseOptions).stage(hello).stage(needsTable);
  });

  it('keeps typing the outputs of other upstream stages', () => {
    pipeline('p', baseOptions)
      .extract(extract)
      .stage(hello)
      .stage(
        extract,
        (up) => {
          expectTypeOf(up.extract.rawPath).toEqualTypeOf<OutputRef<string>>();
          return {};
        },
        { id: 'again' },
      );
  });
});
