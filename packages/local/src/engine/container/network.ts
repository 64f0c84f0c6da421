import type { Template } from '@sluice/argo-types';

interface EgressPeerPort {
  readonly port?: number | string;
}

interface NetworkPolicyDoc {
  readonly kind?: string;
  readonly spec?: {
    readonly podSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
    readonly policyTypes?: readonly string[];
    readonly egress?: readonly { readonly ports?: readonly EgressPeerPort[]; readonly to?: readonly unknown[] }[];
  };
}

function selects(policy: NetworkPolicyDoc, labels: Readonly<Record<string, string>>): boolean {
  const match = policy.spec?.podSelector?.matchLabels ?? {};
  return Object.entries(match).every(([k, v]) => labels[k] === v);
}

/** A rule that only opens DNS (port 53) gives a pod no reachable service locally. */
function opensMoreThanDns(rule: { readonly ports?: readonly EgressPeerPort[] }): boolean {
  const ports = rule.ports ?? [];
  return ports.length === 0 || ports.some((p) => String(p.port) !== '53');
}

/**
 * Decides, from the NetworkPolicies given with the workflow, whether a template's pod may reach the network in a
 * container run. A local engine cannot enforce a policy's destinations and ports, so this is all or nothing: the
 * pod gets the engine's default network when a policy selecting its labels allows egress beyond DNS, and
 * `--network none` otherwise (also when no policy is given: a local run assumes the deny-by-default a pipeline
 * installs).
 *
 * @example
 * ```ts
 * const allowed = egressAllowed(manifests, { 'sluice.dev/pipeline': 'features' });
 * allowed(template); // true when a policy opens e.g. postgres:5432 for the stage
 * ```
 */
export function egressAllowed(
  manifests: readonly unknown[],
  podLabels: Readonly<Record<string, string>>,
): (template: Template) => boolean {
  const policies = manifests.filter(
    (m): m is NetworkPolicyDoc =>
      typeof m === 'object' && m !== null && (m as NetworkPolicyDoc).kind === 'NetworkPolicy',
  );
  return (template) => {
    const labels = { ...podLabels, ...(template.metadata?.labels ?? {}) };
    return policies.some(
      (p) =>
        selects(p, labels) &&
        (p.spec?.policyTypes ?? []).includes('Egress') &&
        (p.spec?.egress ?? []).some(opensMoreThanDns),
    );
  };
}
