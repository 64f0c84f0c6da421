import { describe, expectTypeOf, it } from 'vitest';
import { type ArgumentsFor, dag, type InputsOf, item, steps, tsScript } from '../src/index.js';
import { splitShards, sumCounts } from './fixtures/ts-script/functions.js';
import { splitInput } from './fixtures/ts-script/schemas.js';

const module = new URL('./fixtures/ts-script/functions.ts', import.meta.url);
const split = tsScript({
  name: 'split',
  image: 'node:20.19-alpine',
  module,
  function: splitShards,
  inputs: splitInput,
  outputs: ['shards', 'total'],
});
const sum = tsScript({
  name: 'sum',
  image: 'node:20.19-alpine',
  module,
  function: sumCounts,
  inputs: { counts: 'json', label: 'string' },
  outputs: ['summary'],
});

describe('tsScript types', () => {
  it('types the arguments by the function: numbers and booleans take their value or a string reference', () => {
    type Args = ArgumentsFor<InputsOf<typeof split>>;
    expectTypeOf<Args['count']>().toExtend<number | string>();
    expectTypeOf<3>().toExtend<Args['count']>();
    expectTypeOf<true>().toExtend<Args['dryRun']>();
    expectTypeOf<'{{tasks.a.outputs.parameters.n}}'>().toExtend<Args['count']>();
    expectTypeOf<3>().not.toExtend<Args['prefix']>();
    expectTypeOf<true>().not.toExtend<Args['count']>();
    expectTypeOf(split.name).toEqualTypeOf<'split'>();
  });

  it('checks a task call: a wrong argument type, a missing or unknown input are type errors', () => {
    dag('main', (d) => {
      const s = d.task('split', split, { prefix: 'p', count: 3, dryRun: false });
      // @ts-expect-error -- count is a number: true is not one
      d.task('bad-type', split, { prefix: 'p', count: true, dryRun: false });
      // @ts-expect-error -- prefix is a string: a number is not one
      d.task('bad-string', split, { prefix: 1, count: 3, dryRun: false });
      // @ts-expect-error -- dryRun is required
      d.task('missing', split, { prefix: 'p', count: 3 });
      // @ts-expect-error -- no input named `shard`
      d.task('unknown', split, { prefix: 'p', count: 3, dryRun: false, shard: 'x' });
      d.task('sum', sum, { counts: s.outputs.parameters.shards, label: 'rows' });
      d.task('each', sum, { counts: item(), label: 'x' }, { withParam: s.outputs.parameters.shards });
      // The object form types the arguments the same way.
      d.task({ name: 'object-form', template: split, args: { prefix: 'p', count: 3, dryRun: false }, depends: s });
      // @ts-expect-error -- count is a number: true is not one
      d.task({ name: 'object-bad', template: split, args: { prefix: 'p', count: true, dryRun: false } });
    });
  });

  it('types the outputs by the listed keys of the return value', () => {
    steps('main', (st) => {
      const s = st.step('split', split, { prefix: 'p', count: 2, dryRun: true });
      expectTypeOf(s.outputs.parameters.shards).toEqualTypeOf<string>();
      expectTypeOf(s.outputs.parameters.total).toEqualTypeOf<string>();
      // @ts-expect-error -- `summary` is an output of sum, not of split
      s.outputs.parameters.summary;
    });
  });

  it('checks the declaration against the function', () => {
    const base = { name: 'x', image: 'node:20.19-alpine', module, function: sumCounts } as const;
    // @ts-expect-error -- label is a string: it cannot be decoded as a number
    tsScript({ ...base, inputs: { counts: 'json', label: 'number' } });
    // @ts-expect-error -- counts is missing
    tsScript({ ...base, inputs: { label: 'string' } });
    // @ts-expect-error -- `total` is not a key of what sumCounts returns
    tsScript({ ...base, inputs: { counts: 'json', label: 'string' }, outputs: ['total'] });
    // @ts-expect-error -- the schema's output (prefix, count, dryRun) is not what sumCounts takes
    tsScript({ ...base, inputs: splitInput });
  });
});
