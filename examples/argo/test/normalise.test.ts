import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise } from './support/normalise.js';

const wf = (templates: unknown[], annotations?: Record<string, string>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { generateName: 'x-', ...(annotations === undefined ? {} : { annotations }) },
  spec: { entrypoint: 'a', templates },
});
const echo = (name: string, image = 'busybox') => ({ name, container: { image, command: ['echo'] } });

describe('normalise (what the golden comparison forgives)', () => {
  it('forgives the order of spec.templates, and of a CronWorkflow workflowSpec.templates', () => {
    expect(normalise(wf([echo('a'), echo('b')]))).toStrictEqual(normalise(wf([echo('b'), echo('a')])));
    const cron = (ts: unknown[]) => ({ kind: 'CronWorkflow', spec: { workflowSpec: { templates: ts } } });
    expect(normalise(cron([echo('a'), echo('b')]))).toStrictEqual(normalise(cron([echo('b'), echo('a')])));
  });

  it('does not forgive the order of DAG tasks, steps, command arguments or containers', () => {
    const dag = (names: string[]) =>
      wf([{ name: 'a', dag: { tasks: names.map((n) => ({ name: n, template: 'e' })) } }]);
    expect(normalise(dag(['x', 'y']))).not.toStrictEqual(normalise(dag(['y', 'x'])));
    const args = (a: string[]) => wf([{ name: 'a', container: { image: 'busybox', args: a } }]);
    expect(normalise(args(['1', '2']))).not.toStrictEqual(normalise(args(['2', '1'])));
  });

  it('reads a number or boolean parameter value or default as its text, and nothing else', () => {
    const param = (value: unknown) =>
      wf([{ name: 'a', inputs: { parameters: [{ name: 'p', value, default: value }] } }]);
    expect(normalise(param(5))).toStrictEqual(normalise(param('5')));
    expect(normalise(param(true))).toStrictEqual(normalise(param('true')));
    expect(normalise(param(5))).not.toStrictEqual(normalise(param('6')));
    const limit = (l: unknown) => wf([{ name: 'a', retryStrategy: { limit: l } }]);
    expect(normalise(limit(5))).not.toStrictEqual(normalise(limit('5')));
  });

  it('drops only the prose annotations (description, title), and an annotations map left empty', () => {
    const prose = { 'workflows.argoproj.io/description': 'upstream prose', 'workflows.argoproj.io/title': 'T' };
    expect(normalise(wf([], prose))).toStrictEqual(normalise(wf([])));
    const version = { 'workflows.argoproj.io/version': '>= 3.1.0' };
    expect(normalise(wf([], { ...prose, ...version }))).toStrictEqual(normalise(wf([], version)));
    expect(normalise(wf([], version))).not.toStrictEqual(normalise(wf([])));
  });

  it('detects a changed field anywhere', () => {
    expect(normalise(wf([echo('a', 'busybox')]))).not.toStrictEqual(normalise(wf([echo('a', 'alpine:3.23')])));
  });

  it('is idempotent and leaves JSON values without those keys unchanged (property)', () => {
    const key = fc
      .string({ minLength: 1, maxLength: 8 })
      .filter((k) => !['templates', 'annotations', 'value', 'default', 'parameters'].includes(k));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.string(),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4, noNullPrototype: true }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(normalise(v)).toStrictEqual(v);
        expect(normalise(normalise(v))).toStrictEqual(normalise(v));
      }),
    );
  });
});
