import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERNAL } from '../src/builders/internal.js';
import { container, dag, workflow } from '../src/index.js';
import { freezeCopy, share } from '../src/model/freeze.js';
import { sameJson } from '../src/model/same-json.js';

/** Whether every object and array reachable from `value` is frozen. */
function deeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

/** A deep copy that shares nothing with `value`. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const members = fc.constantFrom('resources', 'requests', 'command', 'env', 'securityContext', 'x');

describe('frozen copies share equal values', () => {
  it('copies any JSON value exactly (members in their order), deeply frozen, however copies of other values under the same names came before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(members, fc.jsonValue({ maxDepth: 4 })), { minLength: 1, maxLength: 30 }),
        (calls) => {
          for (const [member, value] of calls) {
            const copy = freezeCopy(value, member);
            expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
            expect(deeplyFrozen(copy)).toBe(true);
          }
        },
      ),
    );
  });

  it('gives an equal value under the same member name the very same copy, and a different value its own', () => {
    // Values of a few member names and short lists: the places a copy remembers are bounded (64 names or items each).
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(fc.constantFrom('name', 'value', 'cpu', 'memory', 'items'), tie('value'), { maxKeys: 4 }),
      ),
    }));
    const list = fc.array(value, { minLength: 1, maxLength: 5 });
    const record = fc.dictionary(fc.constantFrom('name', 'value', 'cpu'), value, { minKeys: 1 });
    fc.assert(
      fc.property(fc.constantFrom('same-a', 'same-b'), fc.oneof(list, record), (member, given) => {
        const first = freezeCopy(given, member);
        expect(freezeCopy(clone(given), member)).toBe(first);
        const other = Array.isArray(given) ? [...given, 'one more'] : { ...given, oneMore: true };
        const otherCopy = freezeCopy(other, member);
        expect(otherCopy).not.toBe(first);
        expect(otherCopy).toEqual(other);
      }),
    );
  });

  it('keeps the order of members: the same members in another order are another value', () => {
    const a = freezeCopy({ cpu: '1', memory: '1Gi' }, 'limits');
    const b = freezeCopy({ memory: '1Gi', cpu: '1' }, 'limits');
    expect(b).not.toBe(a);
    expect(Object.keys(b)).toEqual(['memory', 'cpu']);
  });

  it('never lets a caller change a shared value: the source object stays the caller’s, the copy is frozen', () => {
    const mine = { image: 'busybox:1.36', command: ['true'] };
    const copy = freezeCopy(mine, 'container');
    mine.command.push('changed');
    expect(copy.command).toEqual(['true']);
    expect(() => (copy.command as string[]).push('x')).toThrow(TypeError);
  });

  it('share() returns the last equal value of its slot and finishes a new one', () => {
    const names = share('test names', { a: 'a', b: 'b' });
    expect(share('test names', { a: 'a', b: 'b' })).toBe(names);
    expect(Object.isFrozen(names)).toBe(true);
    const other = share('test names', { a: 'a', b: 'c' });
    expect(other).toEqual({ a: 'a', b: 'c' });
    expect(share('another slot', { a: 'a', b: 'c' })).not.toBe(other);
  });
});

describe('templates of one shape share their parts', () => {
  const resources = () => ({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  const shard = (i: number, cpu = '250m') =>
    container({
      name: `step-${i}`,
      inputs: { parameters: { shard: {} } },
      container: {
        image: 'python:3.12-slim',
        args: ['{{inputs.parameters.shard}}'],
        resources: { ...resources(), requests: { cpu, memory: '256Mi' } },
      },
    });

  it('keeps one container, one inputs list and one io record for a thousand like templates, and still writes each in full', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => shard(i));
    const models = steps.map((s) => s[INTERNAL].template);
    expect(new Set(models.map((t) => t.container)).size).toBe(1);
    expect(new Set(models.map((t) => t.inputs)).size).toBe(1);
    expect(new Set(steps.map((s) => s[INTERNAL].io)).size).toBe(1);
    const main = dag('main', (d) => {
      steps.forEach((s, i) => void d.task(`task-${i}`, s, { shard: `shard-${i}` }));
    });
    const spec = workflow('w')
      .templates(...steps)
      .entrypoint(main)
      .toObject().spec;
    expect(spec.templates?.[999]).toEqual({
      name: 'step-999',
      inputs: { parameters: [{ name: 'shard' }] },
      container: { image: 'python:3.12-slim', args: ['{{inputs.parameters.shard}}'], resources: resources() },
    });
  });

  it('gives a template that differs in one field its own copy of that part only', () => {
    const a = shard(1)[INTERNAL].template.container;
    const b = shard(2, '500m')[INTERNAL].template.container;
    expect(b).not.toBe(a);
    expect(b?.resources?.requests).toEqual({ cpu: '500m', memory: '256Mi' });
    // The limits did not change: the same object as before.
    expect(b?.resources?.limits).toBe(a?.resources?.limits);
  });
});

describe('sameJson', () => {
  it('is true exactly when two JSON values write the same JSON text (members in order)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        expect(sameJson(a, clone(a))).toBe(true);
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
    );
  });

  it('reads an undefined member as an absent one, as a frozen copy drops it', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1, b: null })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
  });
});

describe('a repeated declaration is compiled once', () => {
  it('still follows a declaration the caller changed after using it', () => {
    const inputs: { parameters: Record<string, { default?: string }> } = { parameters: { day: { default: 'a' } } };
    const first = container({ name: 'first', inputs, container: { image: 'busybox:1.36' } });
    inputs.parameters.day = { default: 'b' };
    const second = container({ name: 'second', inputs, container: { image: 'busybox:1.36' } });
    expect(first[INTERNAL].template.inputs?.parameters).toEqual([{ name: 'day', default: 'a' }]);
    expect(second[INTERNAL].template.inputs?.parameters).toEqual([{ name: 'day', default: 'b' }]);
  });
});
