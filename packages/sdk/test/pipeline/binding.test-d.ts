import { defineStage } from '@sluice/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type CheckWired,
  type OutputRef,
  pipeline,
  type StageArgs,
  type StageOptions,
  type UpstreamRefs,
  type WiringError,
} from '../../src/pipeline/index.js';
import { baseOptions, buildFeatures, extract, loadFeatures, validateFeatures, validateRaw } from './fixtures.js';

/** Takes a parameter that no upstream stage outputs under its name: it can only be bound explicitly. */
const needsTable = defineStage({
  name: 'needs-table',
  params: z.object({ customerTable: z.string(), limit: z.number().int().optional() }),
  outputs: z.object({ tablePath: z.string() }),
  run: () => ({ tablePath: '/data/table' }),
});

/** Two required parameters: one matches an upstream output by name, one must be bound. */
const needsBoth = defineStage({
  name: 'needs-both',
  params: z.object({ rawPath: z.string(), customerTable: z.string() }),
  run: () => undefined,
});

const needsDataset = defineStage({
  name: 'needs-dataset',
  params: z.object({ modelInput: z.string(), storeRoot: z.string() }),
  run: () => undefined,
});

/** Two required parameters, neither produced upstream: a misspelt key is then the binding's only key. */
const gateEvents = defineStage({
  name: 'gate-events',
  params: z.object({ sourcePath: z.string(), lakeRoot: z.string() }),
  run: () => undefined,
});

/** What `up` holds after `.extract(extract)`. */
type AfterExtract = { extract: { rawPath: string; rowCount: number } };

const extracted = () => pipeline('p', baseOptions).extract(extract);

describe('a binding function with renamed parameters', () => {
  it('binds a parameter from an upstream output of another name, on every stage method', () => {
    extracted().validate(needsTable, (up) => ({ customerTable: up.extract.rawPath }));
    extracted().stage(needsTable, (up) => ({ customerTable: up.extract.rawPath }));
    extracted().transform(needsTable, (up) => ({ customerTable: up.extract.rawPath }), { parallel: 4 });
    pipeline('p', baseOptions).extract(needsTable, () => ({ customerTable: 'orders' }));
    extracted()
      .validate(validateRaw)
      .transform(buildFeatures)
      .validate(validateFeatures)
      .load(needsTable, (up) => ({ customerTable: up.validateFeatures.checkedRows.task }));
  });

  it('binds a renamed parameter with options after it', () => {
    extracted().validate(needsTable, (up) => ({ customerTable: up.extract.rawPath }), { id: 'check-table' });
  });

  it('binds the local stage of train by another name', () => {
    extracted()
      .validate(validateRaw)
      .transform(buildFeatures)
      .validate(validateFeatures)
      .load(loadFeatures)
      .train({ image: 'registry.example.com/t:1.0.0', command: ['torchrun'], local: needsDataset }, (up) => ({
        modelInput: up.load.datasetVersion,
      }));
  });

  it('mixes a renamed binding with a same-named upstream output', () => {
    extracted().stage(needsBoth, (up) => ({ customerTable: up.extract.rawPath }));
  });

  it('keeps the outputs of the bound stage typed downstream', () => {
    extracted()
      .stage(needsTable, (up) => ({ customerTable: up.extract.rawPath }))
      .stage(validateRaw, (up) => {
        expectTypeOf(up.needsTable.tablePath).toEqualTypeOf<OutputRef<string>>();
        return { rawPath: up.needsTable.tablePath };
      });
  });

  it('keeps typing a fanned-out or indexed-job transform from its options', () => {
    extracted()
      .transform(needsTable, (up) => ({ customerTable: up.extract.rawPath }), { parallel: 4 })
      .stage(validateRaw, (up) => {
        expectTypeOf(up.transform.tablePath).toEqualTypeOf<OutputRef<string[]>>();
        return { rawPath: up.extract.rawPath };
      });
    extracted()
      .transform(needsTable, (up) => ({ customerTable: up.extract.rawPath }), { parallel: 4, as: 'indexed-job' })
      .stage(validateRaw, (up) => {
        expectTypeOf<keyof typeof up.transform>().toEqualTypeOf<never>();
        return { rawPath: up.extract.rawPath };
      });
  });
});

describe('what the binding function is checked against', () => {
  it('rejects a reference to an output the upstream stage does not declare', () => {
    // @ts-expect-error rawPth is not an output of extract
    extracted().validate(needsTable, (up) => ({ customerTable: up.extract.rawPth }));
  });

  it('rejects a reference to a task that is not upstream', () => {
    // @ts-expect-error validateRaw has not been added yet
    extracted().stage(needsTable, (up) => ({ customerTable: up.validateRaw.validPath }));
  });

  it('rejects a returned key that is not a parameter of the stage', () => {
    // @ts-expect-error customerTabel is not a parameter of needs-table
    extracted().stage(needsTable, (up) => ({ customerTable: up.extract.rawPath, customerTabel: up.extract.rawPath }));
    // @ts-expect-error rowCount is not a parameter of needs-table (and customerTable is then unbound)
    extracted().stage(needsTable, (up) => ({ rowCount: up.extract.rowCount }));
  });

  it('names a misspelt key in a sentence when it is the only key returned', () => {
    // @ts-expect-error sourcePth is not a parameter of gate-events
    extracted().validate(gateEvents, (up) => ({ sourcePth: up.extract.rawPath }));
    // The arguments themselves type-check, so the error is the stage's WiringError, not a weak-type mismatch…
    expectTypeOf<readonly [(up: UpstreamRefs<AfterExtract>) => { sourcePth: OutputRef<string> }]>().toExtend<
      StageArgs<AfterExtract, typeof gateEvents, StageOptions>
    >();
    // …and it reads as the documented sentence.
    expectTypeOf<
      CheckWired<typeof gateEvents, AfterExtract, typeof baseOptions.parameters, { sourcePth: OutputRef<string> }>
    >().toEqualTypeOf<
      WiringError<'stage "gate-events": the binding function returns sourcePth, which is not a parameter of the stage; return only keys of its params schema'>
    >();
  });

  it('names the missing required parameter when the keys are right but too few', () => {
    // @ts-expect-error lakeRoot of gate-events is bound by nobody
    extracted().validate(gateEvents, (up) => ({ sourcePath: up.extract.rawPath }));
    expectTypeOf<
      CheckWired<typeof gateEvents, AfterExtract, typeof baseOptions.parameters, { sourcePath: OutputRef<string> }>
    >().toEqualTypeOf<
      WiringError<'stage "gate-events": parameter lakeRoot is produced by no upstream stage and not bound; declare it upstream or map it with (up) => ({ lakeRoot: up.<task>.<output> })'>
    >();
    extracted().validate(gateEvents, (up) => ({ sourcePath: up.extract.rawPath, lakeRoot: '/lake' }));
  });

  it('rejects a returned value whose type does not match the parameter', () => {
    // @ts-expect-error rowCount is a number, customerTable a string
    extracted().stage(needsTable, (up) => ({ customerTable: up.extract.rowCount }));
    // @ts-expect-error rawPath is a string, limit a number
    extracted().stage(needsTable, (up) => ({ customerTable: up.extract.rawPath, limit: up.extract.rawPath }));
    // @ts-expect-error a literal of the wrong type
    extracted().stage(needsTable, () => ({ customerTable: 42 }));
  });

  it('says which parameter has the wrong type, in the sentence the build-time check gives', () => {
    expectTypeOf<
      CheckWired<typeof needsTable, AfterExtract, typeof baseOptions.parameters, { customerTable: OutputRef<number> }>
    >().toEqualTypeOf<
      WiringError<'stage "needs-table": parameter customerTable takes a string but is bound to a number; bind an upstream output or a value of type string'>
    >();
    expectTypeOf<
      CheckWired<
        typeof needsTable,
        AfterExtract,
        typeof baseOptions.parameters,
        { customerTable: 'orders'; limit: OutputRef<string> }
      >
    >().toEqualTypeOf<
      WiringError<'stage "needs-table": parameter limit takes a number but is bound to a string; bind an upstream output or a value of type number'>
    >();
    expectTypeOf<
      CheckWired<typeof needsTable, AfterExtract, typeof baseOptions.parameters, { customerTable: OutputRef<string[]> }>
    >().toEqualTypeOf<
      WiringError<'stage "needs-table": parameter customerTable takes a string but is bound to a string[]; bind an upstream output or a value of type string'>
    >();
    expectTypeOf<
      CheckWired<typeof needsTable, AfterExtract, typeof baseOptions.parameters, { customerTable: 'orders'; limit: 10 }>
    >().toEqualTypeOf<unknown>();
  });

  it('accepts literals and references of the parameter type, optional parameters included', () => {
    extracted().stage(needsTable, (up) => ({ customerTable: 'orders', limit: up.extract.rowCount }));
  });
});

describe('required parameters', () => {
  it('rejects a required parameter that is neither bound nor produced upstream', () => {
    // @ts-expect-error customerTable is bound by nobody
    extracted().stage(needsTable);
    // @ts-expect-error customerTable is bound by nobody (options are no binding)
    extracted().stage(needsTable, { id: 'table' });
    // @ts-expect-error the binding function binds only the optional limit
    extracted().stage(needsTable, (up) => ({ limit: up.extract.rowCount }));
    // @ts-expect-error customerTable of needs-both is bound by nobody; rawPath comes from extract
    extracted().stage(needsBoth, () => ({}));
    extracted()
      .validate(validateRaw)
      .transform(buildFeatures)
      .validate(validateFeatures)
      .load(loadFeatures)
      .train({
        image: 'registry.example.com/t:1.0.0',
        command: ['torchrun'],
        // @ts-expect-error modelInput of the local stage is bound by nobody
        local: needsDataset,
      });
  });

  it('takes a required parameter implicitly from a same-named upstream output or a pipeline parameter', () => {
    extracted().stage(validateRaw);
    extracted().validate(validateRaw).transform(buildFeatures, { parallel: 2 });
    extracted().stage(needsBoth, () => ({ customerTable: 'orders' }));
  });

  it('accepts a stage without params, with or without a binding function', () => {
    const hello = defineStage({ name: 'hello', run: () => undefined });
    extracted().stage(hello);
    extracted().stage(hello, () => ({}));
    extracted().stage(hello, { id: 'hi' });
  });
});
