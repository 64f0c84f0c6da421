import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideRetry,
  ExpressionError,
  evaluateCondition,
  evaluateDepends,
  evaluateExpression,
  parseDepends,
  parseDuration,
  substitute,
  UnresolvedReferenceError,
} from '../src/index.js';

describe('conditions (govaluate / expr-lang over a jsep tree)', () => {
  it.each([
    ['heads == heads', true],
    ['heads == tails', false],
    ['5 > 3 && 2 <= 2', true],
    ["'a' in ('a', 'b')", true],
    ["'c' in ['a', 'b']", false],
    ["'pod deleted' matches 'deleted|evicted'", true],
    ['1 + 2 * 3 == 7', true],
    ['not (1 == 2) and true', true],
    ["asInt('12') == 12", true],
    ["'1' == 1", false],
  ])('%s is %s', (text, expected) => {
    expect(evaluateCondition(text, {}, { unknownIdentifiers: 'as-string' })).toBe(expected);
  });

  it('reads nested scope values and never evaluates code', () => {
    const scope = { lastRetry: { exitCode: '1', status: 'Failed' }, tasks: { 'my-task': { status: 'Succeeded' } } };
    expect(evaluateCondition("asInt(lastRetry.exitCode) == 1 && lastRetry.status == 'Failed'", scope)).toBe(true);
    expect(evaluateCondition("tasks['my-task'].status == 'Succeeded'", scope)).toBe(true);
    expect(() => evaluateExpression('process.exit(1)', scope)).toThrow(ExpressionError);
    expect(() => evaluateExpression('constructor.constructor("return 1")()', scope)).toThrow(ExpressionError);
  });

  it('names the unknown name or function', () => {
    expect(() => evaluateCondition('nope == 1', { a: 1 })).toThrow('unknown name "nope"; known: a');
    expect(() => evaluateCondition('eval(1)', {})).toThrow('unknown function eval()');
  });

  it('compares integers as numbers, for any pair', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(evaluateCondition(`${a} < ${b}`.replace(/--/g, '- -'), {})).toBe(a < b);
        expect(evaluateCondition(`asInt('${a}') == ${a}`.replace(/--/g, '- -'), {})).toBe(true);
      }),
    );
  });
});

describe('depends', () => {
  it('treats a bare name as Succeeded || Skipped || Daemoned and parses dashed names', () => {
    const results: Record<string, string> = { 'extract-a': 'Skipped', b: 'Failed' };
    const has = (task: string, result: string) => results[task] === result;
    expect(evaluateDepends(parseDepends('extract-a && b.Failed'), has)).toBe(true);
    expect(evaluateDepends(parseDepends('extract-a && !(b.Failed || b.Errored)'), has)).toBe(false);
  });

  it('rejects a result Argo does not know, in its words', () => {
    expect(() => parseDepends('a.Done')).toThrow("task result 'Done' for task 'a' is invalid");
    expect(() => parseDepends('a &&')).toThrow('expected a task name');
  });

  it('agrees with a direct boolean evaluation for random expressions', () => {
    const leaf = fc.tuple(fc.constantFrom('a', 'b-c', 'd_1'), fc.constantFrom('Succeeded', 'Failed', 'Skipped', ''));
    type Tree =
      | { t: 'leaf'; name: string; result: string }
      | { t: 'not'; x: Tree }
      | { t: 'and' | 'or'; l: Tree; r: Tree };
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf.map(([name, result]) => ({ t: 'leaf' as const, name, result })),
        tie('node').map((x) => ({ t: 'not' as const, x })),
        fc
          .tuple(fc.constantFrom('and' as const, 'or' as const), tie('node'), tie('node'))
          .map(([t, l, r]) => ({ t, l, r })),
      ),
    })).node;
    const text = (n: Tree): string =>
      n.t === 'leaf'
        ? n.result
          ? `${n.name}.${n.result}`
          : n.name
        : n.t === 'not'
          ? `!(${text(n.x)})`
          : `(${text(n.l)} ${n.t === 'and' ? '&&' : '||'} ${text(n.r)})`;
    fc.assert(
      fc.property(
        tree,
        fc.dictionary(fc.constantFrom('a', 'b-c', 'd_1'), fc.constantFrom('Succeeded', 'Failed', 'Skipped')),
        (t, phases) => {
          const has = (task: string, result: string) => phases[task] === result;
          const direct = (n: Tree): boolean =>
            n.t === 'leaf'
              ? n.result
                ? has(n.name, n.result)
                : has(n.name, 'Succeeded') || has(n.name, 'Skipped')
              : n.t === 'not'
                ? !direct(n.x)
                : n.t === 'and'
                  ? direct(n.l) && direct(n.r)
                  : direct(n.l) || direct(n.r);
          expect(evaluateDepends(parseDepends(text(t)), has)).toBe(direct(t));
        },
      ),
    );
  });
});

describe('substitution', () => {
  const scope = new Map([
    ['inputs.parameters.msg', 'hi'],
    ['tasks.a.outputs.result', '3'],
  ]);
  it('replaces tags, evaluates {{= }} expressions and leaves unchecked tags alone', () => {
    expect(
      substitute('{{ inputs.parameters.msg }} {{=asInt(tasks.a.outputs.result) + 1}} {{custom}}', scope, {
        where: 'w',
      }),
    ).toBe('hi 4 {{custom}}');
  });
  it('names an unresolved tag and where it is', () => {
    expect(() => substitute('{{tasks.b.outputs.result}}', scope, { where: 'templates.main.tasks.c' })).toThrow(
      new UnresolvedReferenceError('{{tasks.b.outputs.result}}', 'templates.main.tasks.c'),
    );
  });
});

describe('retry decisions (NOTES.md (c))', () => {
  const failed = { phase: 'Failed' as const, exitCode: 1, message: 'Error (exit code 1)', durationSeconds: 2 };
  it('defaults to OnFailure without an expression, Always with one', () => {
    expect(decideRetry({ limit: 1 }, { ...failed, phase: 'Error' }, 0, 0, 't').retry).toBe(false);
    expect(decideRetry({ limit: 1, expression: 'true' }, { ...failed, phase: 'Error' }, 0, 0, 't').retry).toBe(true);
  });
  it('stops at the limit and on a false expression; retries on a true one', () => {
    expect(decideRetry({ limit: '2' }, failed, 2, 0, 't')).toEqual({ retry: false, reason: 'No more retries left' });
    const onOne = { limit: 3, expression: "lastRetry.exitCode == '1'" };
    expect(decideRetry(onOne, failed, 0, 0, 't').retry).toBe(true);
    expect(decideRetry(onOne, { ...failed, exitCode: 2 }, 0, 0, 't').retry).toBe(false);
    const disruption = { limit: 3, expression: "lastRetry.message matches 'pod deleted|low on resource'" };
    expect(decideRetry(disruption, { ...failed, phase: 'Error', message: 'pod deleted' }, 0, 0, 't').retry).toBe(true);
  });
  it('backs off by duration × factor^n, capped, within maxDuration', () => {
    const backoff = { limit: 5, backoff: { duration: '1s', factor: '2', cap: '3s', maxDuration: '10s' } };
    expect(decideRetry(backoff, failed, 0, 0, 't')).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(backoff, failed, 1, 0, 't')).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry(backoff, failed, 3, 0, 't')).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry(backoff, failed, 1, 9000, 't')).toEqual({ retry: false, reason: 'Max duration limit exceeded' });
  });
  it('retries OnTransientError only for transient messages', () => {
    const s = { limit: 2, retryPolicy: 'OnTransientError' };
    expect(decideRetry(s, { ...failed, message: 'dial tcp: connection refused' }, 0, 0, 't').retry).toBe(true);
    expect(decideRetry(s, failed, 0, 0, 't').retry).toBe(false);
  });
});

describe('durations', () => {
  it('reads Go durations and bare seconds, and names the field when it cannot', () => {
    expect(parseDuration('1m30s', 'f')).toBe(90_000);
    expect(parseDuration('1.5h', 'f')).toBe(5_400_000);
    expect(parseDuration('20', 'f')).toBe(20_000);
    expect(parseDuration('250ms', 'f')).toBe(250);
    expect(() => parseDuration('soon', 'templates.wait.suspend.duration')).toThrow(
      'templates.wait.suspend.duration: "soon" is not a duration',
    );
  });
});
