import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { describe, expect, it } from 'vitest';
import customerFeatures from '../pipeline.js';
import { lint, validateManifestKinds } from './support.js';

describe('customer-features passes the linter', () => {
  const objects = customerFeatures.toObjects({ executionDate: '2026-06-17' });

  it('every compiled Argo object: schema, Argo rules and policies, no finding at all', () => {
    const results = lint(
      objects.map((doc, i) => ({ source: `object ${i}`, doc })),
      { policy: true },
    );
    expect(results.map((r) => r.kind).sort()).toEqual(['CronWorkflow', 'Workflow', 'WorkflowTemplate']);
    expect(results.flatMap((r) => r.errors.map((e) => `${r.kind}/${r.name} ${e.rule}: ${e.message}`))).toEqual([]);
  });

  it('every companion manifest is valid against the Kubernetes API types', () => {
    const companions = objects.filter((o) => !o.apiVersion.startsWith('argoproj.io/'));
    expect(validateManifestKinds(companions)).toEqual([]);
    expect(PrometheusRule.is(companions.at(-1))).toBe(true);
  });
});
