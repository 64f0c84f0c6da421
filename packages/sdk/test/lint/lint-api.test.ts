import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronScheduleProblem, formatLintReport, type LintRule, lint } from '../../src/index.js';
import { container, type Doc, messages, workflow, workflowTemplate } from './support.js';

const broken = workflow([container('main')], { entrypoint: 'nope' });
const fine = workflowTemplate('lib', [container('hello')]);

describe('lint()', () => {
  it('reports every error of a document, not just the first, with rule ids and paths', () => {
    const doc = workflow([container('main'), container('main'), { name: 'x_y', container: { image: 'alpine:3.20' } }], {
      entrypoint: 'nope',
    });
    const [result] = lint([{ source: 'wf.yaml', doc }]);
    expect(result?.errors.map((e) => [e.rule, e.path, e.message])).toEqual([
      ['argo/template-names', 'spec.templates[1].name', "spec.templates[1].name 'main' is not unique"],
      [
        'argo/template-names',
        'spec.templates[2].name',
        "spec.templates[2].name: 'x_y' is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)",
      ],
      ['argo/entrypoint', 'spec.entrypoint', "template name 'nope' undefined; defined templates: main, x_y"],
    ]);
  });

  it('names objects by name, generateName, or their position in the file', () => {
    const anonymous = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      spec: { entrypoint: 'main', templates: [container('main')] },
    };
    const results = lint([
      { source: 'a.yaml', doc: fine },
      { source: 'a.yaml', doc: anonymous },
    ]);
    expect(results.map((r) => [r.kind, r.name])).toEqual([
      ['WorkflowTemplate', 'lib'],
      ['Workflow', 'object #2'],
    ]);
  });

  it('skips other kinds silently and honours the kinds filter', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(lint([{ source: 'a.yaml', doc: configMap }])).toEqual([]);
    const results = lint(
      [
        { source: 'a.yaml', doc: broken },
        { source: 'b.yaml', doc: fine },
      ],
      { kinds: ['WorkflowTemplate'] },
    );
    expect(results.map((r) => r.source)).toEqual(['b.yaml']);
  });

  it('resolves templateRefs across documents, and flags duplicate template names', () => {
    const user = workflow([
      { name: 'main', steps: [[{ name: 'a', templateRef: { name: 'lib', template: 'hello' } }]] },
    ]);
    expect(messages([user, fine])).toEqual([]);
    expect(messages(user)).toEqual([
      'templates.main.steps[0].a template reference lib.hello not found; no WorkflowTemplate "lib" among the linted files (lint it together with this file)',
    ]);
    const results = lint([
      { source: 'one.yaml', doc: fine },
      { source: 'two.yaml', doc: structuredClone(fine) },
    ]);
    expect(results[1]?.errors.map((e) => e.message)).toEqual([
      'duplicate WorkflowTemplate "lib": already defined in one.yaml',
    ]);
  });

  it('lets severities be changed or rules turned off, and takes extra rules', () => {
    expect(lint([{ source: 'a.yaml', doc: broken }], { severity: { 'argo/entrypoint': 'off' } })[0]?.errors).toEqual(
      [],
    );
    const warned = lint([{ source: 'a.yaml', doc: broken }], { severity: { 'argo/entrypoint': 'warning' } });
    expect(warned[0]?.errors.map((e) => e.severity)).toEqual(['warning']);
    expect(formatLintReport(warned, 'simple').ok).toBe(true);
    const pinned: LintRule = {
      id: 'policy/test-pinned-image',
      severity: 'error',
      description: 'images carry a tag',
      check(ctx, report) {
        for (const t of ctx.templates) {
          const image = (t.template.container as { image?: string } | undefined)?.image ?? '';
          if (!image.includes(':'))
            report({ path: `${t.path}.container.image`, message: `templates.${t.name} image is not pinned` });
        }
      },
    };
    const doc = workflow([{ name: 'main', container: { image: 'alpine' } }]);
    expect(lint([{ source: 'a.yaml', doc }], { extraRules: [pinned] })[0]?.errors).toEqual([
      {
        path: 'spec.templates[0].container.image',
        message: 'templates.main image is not pinned',
        rule: 'policy/test-pinned-image',
        severity: 'error',
      },
    ]);
  });

  it('reports a crashing rule as an error instead of throwing', () => {
    const crash: LintRule = {
      id: 'policy/crash',
      severity: 'error',
      description: 'throws',
      check() {
        throw new Error('boom');
      },
    };
    expect(messages(fine, { extraRules: [crash] })).toEqual(['internal error in lint rule policy/crash: boom']);
  });
});

describe('formatLintReport()', () => {
  const results = lint([
    { source: 'bad.yaml', doc: broken },
    { source: 'good.yaml', doc: fine },
  ]);

  it('renders pretty like argo lint', () => {
    expect(formatLintReport(results, 'pretty').text).toBe(
      'bad.yaml:\n   ✖ in "case-" (Workflow): template name \'nope\' undefined; defined templates: main\n\n✖ 1 linting errors found!\n',
    );
    expect(formatLintReport(lint([{ source: 'good.yaml', doc: fine }]), 'pretty').text).toBe(
      '✔ no linting errors found!\n',
    );
  });

  it('renders simple like argo lint', () => {
    expect(formatLintReport(results, 'simple').text).toBe(
      'bad.yaml: in "case-" (Workflow): template name \'nope\' undefined; defined templates: main\n',
    );
    expect(formatLintReport([], 'simple')).toEqual({
      text: 'found nothing to lint in the specified paths, failing...\n',
      ok: false,
      errorCount: 0,
    });
  });

  it('renders json like argo lint, plus structured problems', () => {
    const json = JSON.parse(formatLintReport(results, 'json', { files: ['bad.yaml', 'good.yaml', 'cm.yaml'] }).text);
    expect(json.success).toBe(false);
    expect(json.anything_linted).toBe(true);
    expect(
      json.results.map((r: { file: string; linted: boolean; errors: string[] }) => [r.file, r.linted, r.errors]),
    ).toEqual([
      ['bad.yaml', true, ['in "case-" (Workflow): template name \'nope\' undefined; defined templates: main']],
      ['good.yaml', true, []],
      ['cm.yaml', false, []],
    ]);
    expect(json.results[0].problems[0]).toMatchObject({
      rule: 'argo/entrypoint',
      path: 'spec.entrypoint',
      kind: 'Workflow',
    });
  });
});

describe('properties', () => {
  /** A DAG of n tasks where each task depends on some earlier ones. */
  const dagDoc = (n: number, edges: boolean[][]): Doc => {
    const tasks = Array.from({ length: n }, (_, i) => {
      const deps = Array.from({ length: i }, (_, j) => j).filter((j) => edges[i]?.[j] === true);
      return {
        name: `t${i}`,
        template: 'leaf',
        ...(deps.length > 0 ? { depends: deps.map((j) => `t${j}`).join(' && ') } : {}),
      };
    });
    return workflow([{ name: 'main', dag: { tasks } }, container('leaf')]);
  };
  const shape = fc
    .integer({ min: 2, max: 12 })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
      ),
    );

  it('an acyclic DAG passes; a back edge on any dependency path is reported as a cycle', () => {
    fc.assert(
      fc.property(shape, ([n, edges]) => {
        expect(messages(dagDoc(n, edges))).toEqual([]);
        // Make the first task depend on the last, and the last on the first: always a cycle.
        const doc = dagDoc(n, edges);
        const tasks = ((doc.spec as Doc).templates as Doc[])[0]?.dag as { tasks: Doc[] };
        const last = `t${n - 1}`;
        tasks.tasks[0] = { ...tasks.tasks[0], depends: last };
        tasks.tasks[n - 1] = { ...tasks.tasks[n - 1], depends: 't0' };
        expect(messages(doc).filter((m) => m.includes('dependency cycle detected'))).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  it('every five-field schedule of in-range numbers parses', () => {
    const field = (min: number, max: number) => fc.integer({ min, max }).map(String);
    fc.assert(
      fc.property(fc.tuple(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 6)), (fields) => {
        expect(cronScheduleProblem(fields.join(' '))).toBeUndefined();
      }),
    );
  });
});
