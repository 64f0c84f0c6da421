import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { fullPipeline } from './fixtures.js';

describe('compiled pipelines pass the linter', () => {
  it('every compiled Argo object has no lint findings (schema, Argo rules, policies)', () => {
    const objects = fullPipeline({ pushgatewayUrl: 'http://pushgateway:9091' }).toObjects({
      executionDate: '2026-06-17',
    });
    const results = lint(
      objects.map((doc, i) => ({ source: `object-${i}`, doc })),
      { policy: true },
    );
    expect(results.map((r) => r.kind).sort()).toEqual(['CronWorkflow', 'Workflow', 'WorkflowTemplate']);
    expect(results.flatMap((r) => r.errors.map((e) => `${r.kind} ${e.rule} ${e.path ?? ''}: ${e.message}`))).toEqual(
      [],
    );
  });

  it('the policies did run: a compiled template broken by hand is reported', () => {
    const template = fullPipeline().compile().workflowTemplate;
    const broken = structuredClone(template);
    const extract = broken.spec.templates?.find((t) => t.name === 'extract');
    if (extract?.container) extract.container.image = 'python:latest';
    const [result] = lint([{ source: 'broken', doc: broken }], { policy: true });
    expect(result?.errors.map((e) => e.rule)).toEqual(['policy/pinned-image']);
  });
});
