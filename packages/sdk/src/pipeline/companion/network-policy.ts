import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { LABELS } from '../defaults.js';
import { PipelineError } from '../image.js';
import type { ResolvedPipeline } from '../resolve.js';

const cidr = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** One egress allow-list entry turned into a NetworkPolicy egress rule. */
export function egressRule(
  where: string,
  entry: string,
): NonNullable<NonNullable<INetworkPolicy['spec']>['egress']>[number] {
  const at = entry.lastIndexOf(':');
  const target = entry.slice(0, at);
  const port = Number(entry.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new PipelineError(
      `${where}: egress "${entry}" must be <service>:<port> or <cidr>:<port>, e.g. postgres:5432`,
    );
  const to = cidr.test(target)
    ? { ipBlock: { cidr: target } }
    : { podSelector: { matchLabels: { 'app.kubernetes.io/name': target } } };
  return { to: [to], ports: [{ protocol: 'TCP', port }] };
}

/**
 * The pipeline's network policies: default-deny egress for the namespace; DNS, the Kubernetes API (the Argo
 * executor reports results through it) and the Pushgateway for the pipeline's pods; and, per stage, exactly its
 * allow-list (e.g. only extract reaches PostgreSQL on 5432).
 */
export function networkPolicies(pipeline: ResolvedPipeline): INetworkPolicy[] {
  const pushgateway = pipeline.definition.options.pushgatewayUrl;
  const meta = (name: string) => ({ name, namespace: pipeline.namespace, labels: { ...pipeline.labels } });
  const policies: INetworkPolicy[] = [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(`${pipeline.name}-default-deny-egress`),
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(`${pipeline.name}-allow-platform`),
      spec: {
        podSelector: { matchLabels: { [LABELS.pipeline]: pipeline.name } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
          {
            ports: [
              { protocol: 'TCP', port: 443 },
              { protocol: 'TCP', port: 6443 },
            ],
          },
          ...(pushgateway === undefined
            ? []
            : [egressRule(`${pipeline.name} › pushgatewayUrl`, pushgatewayTarget(pushgateway))]),
        ],
      },
    },
  ];
  for (const step of pipeline.steps) {
    const entries = step.step.options.egress ?? [];
    if (entries.length === 0) continue;
    const egress = entries.map((entry) => egressRule(`${pipeline.name} › ${step.id}`, entry));
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(`${pipeline.name}-${step.id}-egress`),
      spec: {
        podSelector: { matchLabels: { [LABELS.pipeline]: pipeline.name, [LABELS.stage]: step.id } },
        policyTypes: ['Egress'],
        egress,
      },
    });
  }
  return policies;
}

/** `http://pushgateway.monitoring:9091` → `pushgateway:9091`. */
function pushgatewayTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname.split('.')[0]}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
}
