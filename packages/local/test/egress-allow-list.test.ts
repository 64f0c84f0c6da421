import type { Template } from '@sluice/argo-types';
import { describe, expect, it } from 'vitest';
import { allowListRules, egressAllowList } from '../src/engine/container/network.js';

const stage: Template = { name: 'load', metadata: { labels: { stage: 'load' } } };

function policy(name: string, match: Record<string, string>, egress: unknown, types = ['Egress']): unknown {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name },
    spec: { podSelector: { matchLabels: match }, policyTypes: types, egress },
  };
}

describe('egress allow-lists from NetworkPolicies', () => {
  it('gives no network when no policy selects the pod with Egress rules', () => {
    const egress = egressAllowList(
      [policy('other', { stage: 'extract' }, [{}]), policy('ingress-only', { stage: 'load' }, [{}], ['Ingress'])],
      {},
    );
    expect(egress(stage)).toBeUndefined();
  });

  it('unions the rules of every selecting policy: CIDRs, exceptions, protocols, port ranges', () => {
    const egress = egressAllowList(
      [
        policy('db', { stage: 'load' }, [
          { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 5432 }] },
        ]),
        policy('dns', {}, [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53, endPort: 54 }] }]),
      ],
      { team: 'ml' },
    );
    expect(egress(stage)).toEqual([
      { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'], ports: [{ protocol: 'tcp', from: 5432, to: 5432 }] },
      { cidr: undefined, except: [], ports: [{ protocol: 'udp', from: 53, to: 54 }] },
    ]);
  });

  it('refuses a named port, naming the policy and the fix', () => {
    const egress = egressAllowList([policy('web', {}, [{ ports: [{ port: 'https' }] }])], {});
    expect(() => egress(stage)).toThrow(
      /NetworkPolicy\/web\.spec\.egress\[0\]\.ports\[0\]\.port: "https" is a named port.*give the number/,
    );
  });

  it('rejects everything the rules do not accept, exceptions first', () => {
    const rules = allowListRules([
      { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'], ports: [{ protocol: 'tcp', from: 8000, to: 8080 }] },
    ]);
    expect(rules.at(-1)).toEqual(['-A', 'OUTPUT', '-j', 'REJECT']);
    const chain = rules.filter((r) => r[0] === '-A' && r[1] === 'SLUICE-EGRESS-0');
    expect(chain[0]).toEqual(['-A', 'SLUICE-EGRESS-0', '-d', '10.1.0.0/16', '-j', 'RETURN']);
    expect(chain[1]).toEqual(['-A', 'SLUICE-EGRESS-0', '-p', 'tcp', '--dport', '8000:8080', '-j', 'ACCEPT']);
    expect(rules).toContainEqual(['-A', 'OUTPUT', '-d', '10.0.0.0/8', '-j', 'SLUICE-EGRESS-0']);
  });
});
