import { beforeAll, describe, expect, it } from 'vitest';
import { onPath } from '../../src/engine/container/discover.js';
import { byName, runYaml } from '../support/run.js';
import { busyboxImage, containerSkipReason, ensureBusyboxImage } from './support/engine.js';

const skip =
  containerSkipReason() ??
  (process.getuid?.() !== 0
    ? 'egress allow-lists need podman as root'
    : onPath('iptables', process.env) === undefined || onPath('nsenter', process.env) === undefined
      ? 'egress allow-lists need iptables and nsenter (apt-get install iptables util-linux)'
      : undefined);
if (skip !== undefined) console.warn(`egress tests skipped: ${skip}`);

/** A probe template labelled `probe: <label>`: tries ports 8080 and 8081 of the daemon, prints what answered. */
function probe(label: string): string {
  return `
  - name: probe-${label}
    metadata: { labels: { probe: ${label} } }
    inputs: { parameters: [{ name: ip }] }
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["for p in 8080 8081; do r=$(printf 'GET /i HTTP/1.0\\\\r\\\\n\\\\r\\\\n' | nc -w 3 {{inputs.parameters.ip}} $p | tail -1); echo -n \\"$p:\${r:-no} \\"; done"]
`;
}

function policy(label: string, egress: string): string {
  return `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${label} }
spec:
  podSelector: { matchLabels: { probe: ${label} } }
  policyTypes: [Egress]
  egress: ${egress}
`;
}

const labels = ['port', 'cidr', 'except', 'range', 'none'] as const;

const workflow = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: egress }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: server
        template: server
    - ${labels.map((l) => `- { name: ${l}, template: probe-${l}, arguments: { parameters: [{ name: ip, value: "{{steps.server.ip}}" }] } }`).join('\n      ')}
  - name: server
    daemon: true
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["mkdir -p /w && echo up > /w/i && httpd -p 8080 -h /w && exec httpd -f -p 8081 -h /w"]
      readinessProbe: { tcpSocket: { port: 8081 }, periodSeconds: 1 }
${labels.map(probe).join('')}
${policy('port', '[{ to: [{ ipBlock: { cidr: 10.0.0.0/8 } }], ports: [{ protocol: TCP, port: 8080 }] }]')}
${policy('cidr', '[{ to: [{ ipBlock: { cidr: 192.168.0.0/16 } }] }]')}
${policy('except', '[{ to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }] }]')}
${policy('range', '[{ ports: [{ protocol: TCP, port: 8000, endPort: 8080 }, { protocol: UDP, port: 8081 }] }]')}
`;

describe.skipIf(skip !== undefined)('NetworkPolicy egress rules as each container allow-list', () => {
  beforeAll(() => ensureBusyboxImage());

  it('opens exactly the CIDRs, exceptions, protocols and ports the selecting policies allow, and nothing else', async () => {
    const run = await runYaml(workflow, { engine: 'podman', killGraceMs: 1000 });
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    expect(n.port?.outputs?.result).toBe('8080:up 8081:no');
    expect(n.cidr?.outputs?.result).toBe('8080:no 8081:no');
    expect(n.except?.outputs?.result).toBe('8080:no 8081:no');
    expect(n.range?.outputs?.result).toBe('8080:up 8081:no');
    // No policy selects it: it is only on the run's own network, where the daemon is.
    expect(n.none?.outputs?.result).toBe('8080:up 8081:up');
    expect(Object.values(run.placements).every((p) => p.note === undefined)).toBe(true);
  });
});
