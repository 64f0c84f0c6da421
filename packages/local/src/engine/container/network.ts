import type { Template } from '@sluice/argo-types';

interface EgressPeerPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

interface EgressPeer {
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
  readonly podSelector?: unknown;
  readonly namespaceSelector?: unknown;
}

interface EgressRuleDoc {
  readonly ports?: readonly EgressPeerPort[];
  readonly to?: readonly EgressPeer[];
}

interface NetworkPolicyDoc {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
  readonly spec?: {
    readonly podSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
    readonly policyTypes?: readonly string[];
    readonly egress?: readonly EgressRuleDoc[];
  };
}

/** A port range a rule opens: protocol, first and last port (undefined: every port of the protocol). */
export interface AllowedPorts {
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly from: number;
  readonly to: number;
}

/** One allowed destination: a CIDR (undefined: any address) minus its exceptions, on some ports (empty: all). */
export interface AllowedDestination {
  readonly cidr: string | undefined;
  readonly except: readonly string[];
  readonly ports: readonly AllowedPorts[];
}

function selects(policy: NetworkPolicyDoc, labels: Readonly<Record<string, string>>): boolean {
  const match = policy.spec?.podSelector?.matchLabels ?? {};
  return Object.entries(match).every(([k, v]) => labels[k] === v);
}

function portsOf(rule: EgressRuleDoc, where: string): AllowedPorts[] {
  return (rule.ports ?? []).map((p, i) => {
    const protocol = (p.protocol ?? 'TCP').toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
      throw new Error(`${where}.ports[${i}].protocol: "${p.protocol}" is not TCP, UDP or SCTP`);
    }
    if (p.port === undefined) return { protocol, from: 1, to: 65535 };
    const from = Number(p.port);
    if (!Number.isInteger(from) || from < 1 || from > 65535) {
      throw new Error(
        `${where}.ports[${i}].port: "${p.port}" is a named port, which a local run cannot resolve; give the number`,
      );
    }
    return { protocol, from, to: p.endPort ?? from };
  });
}

/** The destinations one egress rule opens; selector peers (pods, namespaces) cannot be resolved locally: any address. */
function destinationsOf(rule: EgressRuleDoc, where: string): AllowedDestination[] {
  const ports = portsOf(rule, where);
  const peers = rule.to ?? [];
  if (peers.length === 0) return [{ cidr: undefined, except: [], ports }];
  return peers.map((peer) =>
    peer.ipBlock !== undefined
      ? { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [], ports }
      : { cidr: undefined, except: [], ports },
  );
}

/**
 * Turns the NetworkPolicies given with the workflow into each pod's egress allow-list, the way Kubernetes combines
 * them: no policy selecting the pod's labels with `Egress`, or none with a rule, means no network at all
 * (`undefined`: a local run assumes the deny-by-default a pipeline installs); otherwise the union of the selecting
 * policies' rules — `ipBlock` CIDRs with their `except`s, protocols, ports and `endPort` ranges. Pod and namespace
 * selector peers cannot be resolved on this machine: they allow any address, on the rule's ports.
 *
 * @example
 * ```ts
 * const egress = egressAllowList(manifests, { 'sluice.dev/pipeline': 'features' });
 * egress(template); // [{ cidr: '10.0.0.0/8', except: [], ports: [{ protocol: 'tcp', from: 5432, to: 5432 }] }]
 * ```
 */
export function egressAllowList(
  manifests: readonly unknown[],
  podLabels: Readonly<Record<string, string>>,
): (template: Template) => readonly AllowedDestination[] | undefined {
  const policies = manifests.filter(
    (m): m is NetworkPolicyDoc =>
      typeof m === 'object' && m !== null && (m as NetworkPolicyDoc).kind === 'NetworkPolicy',
  );
  return (template) => {
    const labels = { ...podLabels, ...(template.metadata?.labels ?? {}) };
    const allowed: AllowedDestination[] = [];
    for (const p of policies) {
      if (!selects(p, labels) || !(p.spec?.policyTypes ?? []).includes('Egress')) continue;
      for (const [i, rule] of (p.spec?.egress ?? []).entries()) {
        allowed.push(...destinationsOf(rule, `NetworkPolicy/${p.metadata?.name ?? '?'}.spec.egress[${i}]`));
      }
    }
    return allowed.length === 0 ? undefined : allowed;
  };
}

/**
 * The iptables commands (arguments after `iptables`) that make `allowed` the only egress of a network namespace:
 * loopback and replies pass, each destination's CIDR and ports are accepted (its `except`s first turned back), and
 * everything else is rejected at once, so a connection a policy does not open fails fast instead of hanging.
 */
export function allowListRules(allowed: readonly AllowedDestination[]): string[][] {
  const rules: string[][] = [
    ['-A', 'OUTPUT', '-o', 'lo', '-j', 'ACCEPT'],
    ['-A', 'OUTPUT', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT'],
  ];
  for (const [i, d] of allowed.entries()) {
    const chain = `SLUICE-EGRESS-${i}`;
    rules.push(['-N', chain]);
    for (const cidr of d.except) rules.push(['-A', chain, '-d', cidr, '-j', 'RETURN']);
    if (d.ports.length === 0) rules.push(['-A', chain, '-j', 'ACCEPT']);
    for (const p of d.ports) {
      const range = p.from === p.to ? String(p.from) : `${p.from}:${p.to}`;
      rules.push(['-A', chain, '-p', p.protocol, '--dport', range, '-j', 'ACCEPT']);
    }
    rules.push(['-A', 'OUTPUT', ...(d.cidr === undefined ? [] : ['-d', d.cidr]), '-j', chain]);
  }
  rules.push(['-A', 'OUTPUT', '-j', 'REJECT']);
  return rules;
}
