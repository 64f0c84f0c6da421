import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINTED_KINDS, lint } from '../../src/index.js';
import { intendedKind } from '../../src/lint/misspelt-kind.js';
import { hint } from '../../src/model/did-you-mean.js';
import { container, type Doc, messages, workflow, workflowTemplate } from './support.js';

/** Regressions found by a new user's trial of the linter: each `describe` is named after the bug. */

const lintOne = (doc: Doc) => lint([{ source: 'wf.yaml', doc }]);

describe('a wrong-case kind was silently ignored', () => {
  it.each([
    ['workflow', 'Workflow'],
    ['cronworkflow', 'CronWorkflow'],
    ['WORKFLOWTEMPLATE', 'WorkflowTemplate'],
    ['clusterWorkflowTemplate', 'ClusterWorkflowTemplate'],
  ])('kind: %s is an error naming %s', (kind, valid) => {
    const results = lintOne({ ...workflow([container('main')]), kind });
    expect(results).toEqual([
      {
        source: 'wf.yaml',
        kind,
        name: 'case-',
        errors: [
          {
            path: 'kind',
            message: `kind "${kind}" is not a valid kind (kinds are case-sensitive); did you mean ${valid}?`,
            rule: 'schema/structure',
            severity: 'error',
          },
        ],
      },
    ]);
  });

  it('reports a near-miss argoproj.io kind, but skips foreign kinds and Argo’s other kinds', () => {
    expect(lintOne({ ...workflow([container('main')]), kind: 'Workfow' })[0]?.errors[0]?.message).toContain(
      'did you mean Workflow?',
    );
    for (const doc of [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
      { apiVersion: 'v1', kind: 'configmap', metadata: { name: 'c' } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowEventBinding', metadata: { name: 'b' } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Sensor', metadata: { name: 's' } },
      { apiVersion: 'apps/v1', kind: 'Workload', metadata: { name: 'w' } },
    ]) {
      expect(lintOne(doc)).toEqual([]);
    }
  });

  it('respects the kinds filter: a misspelling of a kind not linted is skipped', () => {
    const doc = { ...workflow([container('main')]), kind: 'workflow' };
    expect(lint([{ source: 'wf.yaml', doc }], { kinds: ['CronWorkflow'] })).toEqual([]);
  });

  it('never calls a valid kind misspelt (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINTED_KINDS), fc.string(), (kind, apiVersion) => {
        expect(intendedKind({ kind, apiVersion }, LINTED_KINDS)).toBeUndefined();
      }),
    );
  });
});

describe('messages did not say what would be valid', () => {
  it('an undefined template name suggests the close one', () => {
    const wf = workflow([{ name: 'main', dag: { tasks: [{ name: 'b', template: 'stepp' }] } }, container('step')]);
    expect(messages(wf)).toEqual([`templates.main.tasks.b template name 'stepp' undefined; did you mean "step"?`]);
  });

  it('an undefined template name far from all lists the few defined templates', () => {
    const wf = workflow([{ name: 'main', steps: [[{ name: 'a', template: 'zzz' }]] }, container('step')]);
    expect(messages(wf)).toEqual([
      `templates.main.steps[0].a template name 'zzz' undefined; defined templates: main, step`,
    ]);
  });

  it('an invalid task result lists the valid results', () => {
    const wf = workflow([
      {
        name: 'main',
        dag: {
          tasks: [
            { name: 'a', template: 'leaf', depends: 'b.Finished' },
            { name: 'b', template: 'leaf' },
          ],
        },
      },
      container('leaf'),
    ]);
    expect(messages(wf)).toEqual([
      "templates.main.tasks.a task result 'Finished' for task 'b' is invalid; valid results: Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded, AllFailed",
    ]);
  });

  it('an invalid retryPolicy lists the valid policies', () => {
    const wf = workflow([container('main', { retryStrategy: { limit: 2, retryPolicy: 'Sometimes' } })]);
    expect(messages(wf)).toEqual([
      'templates.main Sometimes is not a valid RetryPolicy; use one of Always, OnFailure, OnError, OnTransientError',
    ]);
  });

  it('an entrypoint naming a missing template suggests the close one', () => {
    expect(messages(workflow([container('main')], { entrypoint: 'mian' }))).toEqual([
      `template name 'mian' undefined; did you mean "main"?`,
    ]);
  });

  it('keeps Argo’s text first: the hint only ever follows it (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.array(fc.string()), (given, candidates) => {
        const h = hint(given, candidates, 'defined templates');
        expect(h === '' || h.startsWith('; ')).toBe(true);
        expect(h).not.toContain(`"${given}"?`);
      }),
    );
  });
});

describe('a root cause was reported after its consequence', () => {
  const fetchTask = (name: string) => ({ name, templateRef: { name: 'data-lib', template: 'fetch' } });
  const usesLib = workflow([
    {
      name: 'main',
      dag: {
        tasks: [
          fetchTask('fetch-users'),
          {
            name: 'gate',
            depends: 'fetch-users',
            template: 'leaf',
            arguments: { parameters: [{ name: 'path', value: '{{tasks.fetch-users.outputs.parameters.path}}' }] },
          },
        ],
      },
    },
    container('leaf', { inputs: { parameters: [{ name: 'path' }] } }),
  ]);

  it('a missing WorkflowTemplate comes first, and the variable error says why', () => {
    expect(messages(usesLib)).toEqual([
      'templates.main.tasks.fetch-users template reference data-lib.fetch not found; no WorkflowTemplate "data-lib" among the linted files (lint it together with this file)',
      'templates.main.tasks.gate failed to resolve {{tasks.fetch-users.outputs.parameters.path}} (task fetch-users: its templateRef data-lib.fetch is not found)',
    ]);
  });

  it('a missing template of a present WorkflowTemplate lists what it defines', () => {
    const lib = workflowTemplate('data-lib', [container('fetch-all')]);
    expect(messages([usesLib, lib])[0]).toBe(
      'templates.main.tasks.fetch-users template reference data-lib.fetch not found; WorkflowTemplate "data-lib" defines: fetch-all',
    );
  });
});

describe('--policy was noisy: four lines per container', () => {
  it('one finding per container names everything missing', () => {
    const wf = workflow([
      container('x'),
      container('y', {
        container: { image: 'alpine:3.20', resources: { requests: { cpu: '1' }, limits: { cpu: 1 } } },
      }),
    ]);
    const found = lint([{ source: 'wf.yaml', doc: wf }], { policy: true })[0]?.errors.filter(
      (e) => e.rule === 'policy/resource-limits',
    );
    expect(found?.map((e) => [e.path, e.message.split(';')[0]])).toEqual([
      [
        'spec.templates[0].container.resources',
        'templates.x.container: resources missing requests.cpu, requests.memory, limits.cpu, limits.memory',
      ],
      [
        'spec.templates[1].container.resources',
        'templates.y.container: resources missing requests.memory, limits.memory',
      ],
    ]);
  });
});
