import { describe, expectTypeOf, it } from 'vitest';
import type { Container, DAGTask, IntOrString, Quantity, RetryStrategy, Template, Workflow } from '../src/index.js';
import type * as V35 from '../src/v3.5.js';
import type * as V37 from '../src/v3.7.js';
import type * as V40 from '../src/v4.0.js';
import type * as V41 from '../src/v4.1.js';

describe('generated types', () => {
  it('types a hand-written Workflow literal', () => {
    const wf: Workflow = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'hello-' },
      spec: {
        entrypoint: 'main',
        templates: [{ name: 'main', container: { image: 'alpine:3.20', command: ['echo', 'hi'] } }],
      },
    };
    expectTypeOf(wf.spec.templates).toEqualTypeOf<Template[] | undefined>();
  });

  it('rejects a wrong field type', () => {
    const bad: Workflow = {
      metadata: {},
      // @ts-expect-error entrypoint is a string
      spec: { entrypoint: 42 },
    };
    expectTypeOf(bad).toEqualTypeOf<Workflow>();
  });

  it('rejects an unknown field', () => {
    const container: Container = {
      image: 'alpine:3.20',
      // @ts-expect-error `comand` is not a field of Container
      comand: ['echo'],
    };
    expectTypeOf(container.image).toEqualTypeOf<string>();
  });

  it('types int-or-string and quantity fields as string | number', () => {
    expectTypeOf<IntOrString>().toEqualTypeOf<string | number>();
    expectTypeOf<Quantity>().toEqualTypeOf<string | number>();
    expectTypeOf<RetryStrategy['limit']>().toEqualTypeOf<string | number | undefined>();
    expectTypeOf<DAGTask['name']>().toEqualTypeOf<string>();
  });
});

describe('per-release types', () => {
  it('CronWorkflowSpec has schedule up to 3.7 and schedules from 3.6; only schedules from 4.0', () => {
    expectTypeOf<V35.CronWorkflowSpec>().toHaveProperty('schedule');
    expectTypeOf<V35.CronWorkflowSpec>().not.toHaveProperty('schedules');
    expectTypeOf<V37.CronWorkflowSpec>().toHaveProperty('schedule');
    expectTypeOf<V37.CronWorkflowSpec>().toHaveProperty('schedules');
    expectTypeOf<V40.CronWorkflowSpec>().not.toHaveProperty('schedule');
    expectTypeOf<V41.CronWorkflowSpec>().toHaveProperty('schedules');
  });

  it('the root types are the newest release’s', () => {
    expectTypeOf<V41.Workflow>().toEqualTypeOf<Workflow>();
  });
});
