import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { emitYaml, emitYamlDocuments, parseYamlDocuments, toYaml } from '../src/index.js';

const TRICKY = [
  '',
  ' ',
  ' leading',
  'trailing ',
  'a: b',
  'a:',
  ':a',
  'a #b',
  '#x',
  'a#b',
  "it's",
  "'quoted'",
  '"double"',
  '{{inputs.parameters.x}}',
  '{{=sprig.upper(x)}}',
  '[1, 2]',
  '- item',
  '-',
  '--',
  '---',
  '...',
  '-c',
  '?',
  '? x',
  '!tag',
  '&anchor',
  '*alias',
  '%directive',
  '@at',
  '`tick',
  '|',
  '>',
  'line1\nline2',
  'line1\nline2\n',
  'line1\n\nline3\n',
  'trailing\n\n',
  '\nleading newline',
  '  indented\nnext',
  'a\n  b\n    c',
  'tab\there',
  'cr\r\nlf',
  'spaces \nat end',
  'x\n  \ny',
  'ünïcödé ✓ 日本語 😀',
  '\u0085nel',
  '\u2028ls',
  '\ufeffbom',
  '\u0000nul',
  '\u007fdel',
  '\ud800lone',
  'lone\udc00',
  '1',
  '-1',
  '+1',
  '1.5',
  '.5',
  '-.5',
  '1e3',
  '1E-3',
  '0x1F',
  '0o17',
  '017',
  '0b101',
  '1_000',
  '1:20',
  '1:20:30.5',
  '2026-06-17',
  '2001-12-14t21:59:43.10-05:00',
  '.inf',
  '.',
  '._',
  '-.',
  '.e1',
  '-.Inf',
  '.NaN',
  'true',
  'True',
  'FALSE',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'null',
  'Null',
  '~',
  '=',
  '<<',
  '512Mi',
  '250m',
  '1.5Gi',
  '12h',
  'python:3.12-slim',
  'http://example.com/a?b=c#d',
  'a, b',
  'x]',
  'key: {{x}}',
];

const tricky = fc.constantFrom(...TRICKY);
const anyString = fc.oneof(
  tricky,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...' :#-\n\'"{}[]|>?!&*01.ex') }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(anyString, tie('v'), { maxKeys: 4 }),
  ),
}));

/** The JSON meaning of a value (drops -0 and undefined the way JSON does). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('emitYaml', () => {
  it('reads back with the yaml library (YAML 1.2) as the same JSON value', () => {
    fc.assert(
      fc.property(value.v, (v) => {
        expect(YAML.parse(emitYaml(v))).toEqual(asJson(v));
      }),
      { numRuns: 400 },
    );
  });

  it('reads back the same under YAML 1.1 rules (as older Kubernetes tooling reads it)', () => {
    fc.assert(
      fc.property(value.v, (v) => {
        expect(YAML.parse(emitYaml(v), { version: '1.1' })).toEqual(asJson(v));
      }),
      { numRuns: 300 },
    );
  });

  it('reads back with the package reader (js-yaml) as the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(anyString, value.v, { maxKeys: 5 }), (v) => {
        expect(parseYamlDocuments(emitYaml(v))).toEqual(Object.keys(v).length === 0 ? [{}] : [asJson(v)]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(TRICKY.map((s) => [JSON.stringify(s), s] as const))(
    'keeps the string %s as a value and as a key',
    (_l, s) => {
      const text = emitYaml({ [s]: s, list: [s, [s]] });
      expect(YAML.parse(text)).toEqual({ [s]: s, list: [s, [s]] });
      expect(YAML.parse(text, { version: '1.1' })).toEqual({ [s]: s, list: [s, [s]] });
    },
  );

  it('writes plain, single-quoted, double-quoted and literal-block scalars where each fits', () => {
    expect(
      emitYaml({ a: 'python:3.12-slim', b: '1', c: '{{x}}', d: 'a\u0000b', e: 'l1\nl2\n', f: 'l1\nl2', g: '512Mi' }),
    ).toBe(
      "a: python:3.12-slim\nb: '1'\nc: '{{x}}'\nd: \"a\\u0000b\"\ne: |\n  l1\n  l2\nf: |-\n  l1\n  l2\ng: 512Mi\n",
    );
  });

  it('writes sequences at their key indentation, nested sequences inline, and empty collections in flow style', () => {
    expect(emitYaml({ s: [[1, 2], { name: 'x', v: [] }, {}] })).toBe('s:\n- - 1\n  - 2\n- name: x\n  v: []\n- {}\n');
  });

  it('orders keys as documented at every depth', () => {
    const text = emitYaml({
      spec: { templates: [{ container: { args: ['x'], image: 'i' }, b: 1, a: 2, name: 'main' }], entrypoint: 'main' },
      metadata: { name: 'w' },
      kind: 'Workflow',
      apiVersion: 'argoproj.io/v1alpha1',
    });
    expect(text).toBe(
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: w\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    a: 2\n    b: 1\n    container:\n      image: i\n      args:\n      - x\n',
    );
  });

  it('is deterministic whatever the insertion order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer(), { maxKeys: 8 }), (d) => {
        const reversed = Object.fromEntries(Object.entries(d).reverse());
        expect(emitYaml(reversed)).toBe(emitYaml(d));
      }),
    );
  });

  it('regression: quotes `.` and `n`, which YAML 1.1 readers take for a float and a boolean', () => {
    expect(emitYaml({ a: '.', b: 'n', c: 'N', d: '-.' })).toBe("a: '.'\nb: 'n'\nc: 'N'\nd: '-.'\n");
  });

  it('regression: quotes a bare exponent (`E0`, `-e+5`), which a YAML 1.1 reader took for a float', () => {
    expect(emitYaml({ E0: 'e1', x: '-e+5', w: 'E', z: 'E0x' })).toBe("'E0': 'e1'\nw: E\nx: '-e+5'\nz: E0x\n");
    expect(YAML.parse(emitYaml({ E0: 'E12' }), { version: '1.1' })).toEqual({ E0: 'E12' });
  });

  it('writes a document larger than the first output buffer whole, in order, with Latin-1 and wider text', () => {
    const tasks = Array.from({ length: 3000 }, (_, i) => ({
      name: `task-${i}`,
      note: `ünïcødé ✓ ${i}`,
      deps: [`t-${i - 1}`],
    }));
    const text = emitYaml({ tasks });
    expect(text.length).toBeGreaterThan(100_000);
    expect(YAML.parse(text)).toEqual({ tasks });
  });

  it('writes a document of many byte runs exactly as each of its parts alone', () => {
    // Some 200,000 pieces; every seventh item has characters above U+00FF, each of which ends a run of bytes, and the
    // buffer grows several times. A top-level sequence writes each item the same wherever it stands, so the whole
    // must be the concatenation of the items written alone (small documents, reusing the grown buffer).
    const items = Array.from({ length: 20_000 }, (_, i) => ({
      name: `task-${i}`,
      note: i % 7 === 0 ? `ünïcødé ✓ 日本語 😀 ${i}` : `plain ${i}`,
      script: i % 11 === 0 ? `echo ${i}\necho done\n` : undefined,
      args: [`--shard=${i}`, i % 3 === 0 ? '{{inputs.parameters.x}}' : 'y'],
      nested: { depth: { n: i, ok: i % 2 === 0 } },
    }));
    const whole = emitYaml(items);
    expect(whole.length).toBeGreaterThan(1_000_000);
    expect(whole).toBe(items.map((item) => emitYaml([item])).join(''));
  });

  it('keeps nothing of a previous document in the reused buffer, and lone surrogates as they are', () => {
    const long = 'x'.repeat(200_000);
    expect(emitYaml({ text: long })).toBe(`text: ${long}\n`);
    expect(emitYaml({ a: 'b' })).toBe('a: b\n');
    const surrogates = { 'k\ud800': `v\udc00 é ✓ \ud83d` };
    expect(YAML.parse(emitYaml(surrogates))).toEqual(surrogates);
  });

  it('drops undefined members and writes multi-document streams', () => {
    expect(emitYaml({ a: undefined, b: 1 })).toBe('b: 1\n');
    expect(emitYamlDocuments([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
    expect(toYaml([{ a: 1 }, [1]])).toBe('a: 1\n---\n- 1\n');
    expect(YAML.parseAllDocuments(toYaml([{ a: 'x' }, { b: 'y' }])).map((d) => d.toJSON())).toEqual([
      { a: 'x' },
      { b: 'y' },
    ]);
  });
});
