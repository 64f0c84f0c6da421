import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyJsonPatch, diffJson, type JsonPatchOperation } from '../../src/pipeline/json-patch.js';
import { kustomizeObjectsLayout } from '../../src/pipeline/kustomize.js';
import { fullPipeline } from './fixtures.js';

const files = fullPipeline().toKustomize();
const byPath = new Map(files.map((f) => [f.path, f.content]));
const read = (path: string): unknown => {
  const text = byPath.get(path);
  if (text === undefined) throw new Error(`no file ${path}`);
  return parse(text);
};

describe('Kustomize layout', () => {
  it('writes a base and two overlays, each with a kustomization.yaml', () => {
    expect(files.map((f) => f.path).filter((p) => p.endsWith('kustomization.yaml'))).toEqual([
      'base/kustomization.yaml',
      'overlays/staging/kustomization.yaml',
      'overlays/production/kustomization.yaml',
    ]);
  });

  it('lists every base object file as a resource, without a one-off Workflow', () => {
    const kustomization = read('base/kustomization.yaml') as { resources: string[] };
    const objectFiles = files.filter((f) => f.path.startsWith('base/') && !f.path.endsWith('kustomization.yaml'));
    expect(kustomization.resources).toEqual(objectFiles.map((f) => f.path.slice('base/'.length)));
    expect(kustomization.resources).toContain('workflow-template-customer-features.yaml');
    expect(kustomization.resources).toContain('cron-workflow-customer-features.yaml');
    expect(kustomization.resources.some((r) => r.startsWith('workflow-customer'))).toBe(false);
  });

  it('staging halves the resource limits and retries once; production is the base', () => {
    const staging = read('overlays/staging/kustomization.yaml') as {
      resources: string[];
      patches: { path: string; target: { kind: string } }[];
    };
    expect(staging.resources).toEqual(['../../base']);
    expect(staging.patches.map((p) => p.target.kind)).toEqual(['ResourceQuota', 'WorkflowTemplate']);
    const ops = read('overlays/staging/patches/workflow-template-customer-features.yaml') as JsonPatchOperation[];
    expect(ops).toContainEqual({
      op: 'replace',
      path: '/spec/templates/3/container/resources/limits/memory',
      value: '3840Mi',
    });
    expect(ops).toContainEqual({ op: 'replace', path: '/spec/templates/1/retryStrategy/limit', value: 1 });
    const production = read('overlays/production/kustomization.yaml') as Record<string, unknown>;
    expect(production.patches).toBeUndefined();
  });

  it('applying an overlay patch to the base object yields the environment compile', () => {
    const base = fullPipeline().compile().workflowTemplate;
    const staging = fullPipeline().compile({ environment: { resourceScale: 0.5, retries: 1 } }).workflowTemplate;
    const ops = read('overlays/staging/patches/workflow-template-customer-features.yaml') as JsonPatchOperation[];
    expect(applyJsonPatch(base, ops)).toEqual(staging);
  });

  it('environments differ in alert thresholds when asked', () => {
    const layout = fullPipeline({
      alerts: { minProcessedRows: 1_000_000 },
      environments: { staging: { alerts: { minProcessedRows: 1000 } }, production: {} },
    }).toKustomize();
    const patch = layout.find(
      (f) => f.path === 'overlays/staging/patches/prometheus-rule-customer-features-alerts.yaml',
    );
    expect(parse(patch?.content ?? '')).toContainEqual(
      expect.objectContaining({ op: 'replace', value: 'sum(job_processed_rows{pipeline="customer-features"}) < 1000' }),
    );
  });
});

describe('diffJson', () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), tie('value'), { maxKeys: 3 }),
    ),
  })).value;

  it('produces a patch that turns a into b', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(applyJsonPatch(a, diffJson(a, b))).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  it('is empty for equal values', () => {
    fc.assert(fc.property(json, (a) => diffJson(a, structuredClone(a)).length === 0));
  });
});

describe('Kustomize layout of plain objects', () => {
  const objects = [
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'etl' } },
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'etl-run-' } },
  ];

  it('lists each object as a base resource, named by kind and name (generateName without its dash)', () => {
    const layout = kustomizeObjectsLayout(objects);
    expect(layout.map((f) => f.path)).toEqual([
      'base/kustomization.yaml',
      'base/workflow-template-etl.yaml',
      'base/workflow-etl-run.yaml',
      'overlays/staging/kustomization.yaml',
      'overlays/production/kustomization.yaml',
    ]);
    expect(parse(layout[0]?.content ?? '')).toMatchObject({
      resources: ['workflow-template-etl.yaml', 'workflow-etl-run.yaml'],
    });
  });

  it('refuses two objects that would share a file', () => {
    expect(() => kustomizeObjectsLayout([objects[0], objects[0]] as never)).toThrow(/base\/workflow-template-etl.yaml/);
  });
});
