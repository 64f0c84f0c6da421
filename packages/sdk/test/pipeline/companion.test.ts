import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../../src/pipeline/index.js';
import { fullPipeline } from './fixtures.js';
import { companion } from './helpers.js';

const compiled = fullPipeline({ pushgatewayUrl: 'http://pushgateway.monitoring:9091' }).compile();

/** Validates an object against the Kubernetes API schema of its kind (kubernetes-models). */
function validate(object: KubernetesObject): void {
  // biome-ignore lint/suspicious/noExplicitAny: the models' constructors take their own interface; the kind picks it.
  const models: Record<string, new (data: any) => { validate(): void }> = {
    NetworkPolicy,
    ServiceAccount,
    Role,
    RoleBinding,
    ResourceQuota,
    LimitRange,
    PriorityClass,
    PrometheusRule,
  };
  const Model = models[object.kind];
  if (Model === undefined) throw new Error(`no model for ${object.kind}`);
  new Model(object).validate();
}

describe('companion manifests', () => {
  it('are all valid against the Kubernetes API types', () => {
    expect(compiled.companions.map((o) => o.kind)).toEqual([
      'NetworkPolicy',
      'NetworkPolicy',
      'NetworkPolicy',
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'ResourceQuota',
      'LimitRange',
      'PriorityClass',
      'PrometheusRule',
    ]);
    for (const object of compiled.companions) expect(() => validate(object)).not.toThrow();
  });

  it('the validation catches a broken object (the check is real)', () => {
    const broken = { ...companion(compiled, 'ResourceQuota', 'customer-features-quota'), spec: { hard: { pods: {} } } };
    expect(() => validate(broken as unknown as KubernetesObject)).toThrow(/hard/);
  });

  it('denies all egress in the namespace by default', () => {
    expect(companion(compiled, 'NetworkPolicy', 'customer-features-default-deny-egress').spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [],
    });
  });

  it('allows DNS to kube-dns for the pipeline pods', () => {
    const spec = companion(compiled, 'NetworkPolicy', 'customer-features-allow-platform').spec as {
      egress: { ports: unknown[] }[];
    };
    expect(spec.egress[0]?.ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  it('allows the Kubernetes API and the Pushgateway to every pipeline pod', () => {
    const spec = companion(compiled, 'NetworkPolicy', 'customer-features-allow-platform').spec as { egress: unknown[] };
    expect(spec.egress.slice(1)).toEqual([
      {
        ports: [
          { protocol: 'TCP', port: 443 },
          { protocol: 'TCP', port: 6443 },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'pushgateway' } } }],
        ports: [{ protocol: 'TCP', port: 9091 }],
      },
    ]);
  });

  it('allows the extract stage exactly PostgreSQL on 5432', () => {
    expect(companion(compiled, 'NetworkPolicy', 'customer-features-extract-egress').spec).toEqual({
      podSelector: { matchLabels: { 'sluice.dev/pipeline': 'customer-features', 'sluice.dev/stage': 'extract' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'postgres' } } }],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
      ],
    });
  });

  it('gives the executor only what it needs: task results', () => {
    expect(companion(compiled, 'Role', 'customer-features-executor').rules).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
    ]);
    expect(companion(compiled, 'RoleBinding', 'customer-features-executor').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'customer-features-executor', namespace: 'ml-data-pipelines' },
    ]);
    expect(compiled.workflowTemplate.spec.serviceAccountName).toBe('customer-features-executor');
  });

  it('issue 15 item 21: stage pods get no token; only the training launcher may create PyTorchJobs', () => {
    const spec = compiled.workflowTemplate.spec;
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.executor).toEqual({ serviceAccountName: 'customer-features-executor' });
    const launchers = (spec.templates ?? []).filter((t) => t.executor !== undefined).map((t) => t.name);
    expect(launchers).toEqual(['train']);
    expect(spec.templates?.find((t) => t.name === 'train')?.executor).toEqual({
      serviceAccountName: 'customer-features-executor-launcher',
    });
    expect(companion(compiled, 'Role', 'customer-features-executor-launcher').rules).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
      {
        apiGroups: ['kubeflow.org'],
        resources: ['pytorchjobs'],
        verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'],
      },
    ]);
    for (const name of ['customer-features-executor', 'customer-features-executor-launcher'])
      expect(companion(compiled, 'ServiceAccount', name).automountServiceAccountToken).toBe(false);
  });

  it('caps CPU, memory and GPUs with a ResourceQuota sized from the peak of a run', () => {
    expect(companion(compiled, 'ResourceQuota', 'customer-features-quota').spec).toEqual({
      hard: {
        'requests.cpu': '24',
        'limits.cpu': '48',
        'requests.memory': '192Gi',
        'limits.memory': '384Gi',
        'requests.nvidia.com/gpu': '24',
        pods: '100',
      },
    });
  });

  it('gives unsized containers defaults with a LimitRange', () => {
    expect(companion(compiled, 'LimitRange', 'customer-features-limits').spec).toEqual({
      limits: [
        { type: 'Container', defaultRequest: { cpu: '500m', memory: '512Mi' }, default: { cpu: '1', memory: '1Gi' } },
      ],
    });
  });

  it('sets a PriorityClass used by the pipeline pods', () => {
    expect(companion(compiled, 'PriorityClass', 'customer-features').value).toBe(100000);
    expect(compiled.workflowTemplate.spec.podPriorityClassName).toBe('customer-features');
  });

  it("alerts on the seed's three signals", () => {
    const spec = companion(compiled, 'PrometheusRule', 'customer-features-alerts').spec as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    expect(spec.groups[0]?.rules.map((r) => [r.alert, r.expr])).toEqual([
      [
        'PipelineJobFailed',
        'kube_job_status_failed{namespace="ml-data-pipelines",job_name=~"customer-features-.*"} > 0 or job_success{pipeline="customer-features"} == 0',
      ],
      ['ProcessedRowsBelowExpected', 'sum(job_processed_rows{pipeline="customer-features"}) < 1'],
      ['DurationAboveBaseline', 'max(job_duration_seconds{pipeline="customer-features"}) > 3600 * 1.5'],
    ]);
  });
});
