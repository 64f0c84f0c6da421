import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { byName, runYaml } from '../support/run.js';
import { busyboxImage, containerSkipReason, ensureBusyboxImage } from './support/engine.js';

const skip = containerSkipReason();
if (skip !== undefined) console.warn(`container tests skipped: ${skip}`);

const podman = { engine: 'podman' as const, killGraceMs: 1000 };

/** A busybox web server as a daemon template, ready once it answers on port 8080. */
const server = `
  - name: server
    daemon: true
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["mkdir -p /www && echo served-by-daemon > /www/index.html && exec httpd -f -p 8080 -h /www"]
      readinessProbe:
        httpGet: { path: /index.html, port: 8080 }
        periodSeconds: 1
`;

/** Fetches the daemon's page with busybox nc, or says it could not. */
const client = `
  - name: fetch
    inputs: { parameters: [{ name: ip }] }
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["printf 'GET /index.html HTTP/1.0\\\\r\\\\n\\\\r\\\\n' | nc -w 5 {{inputs.parameters.ip}} 8080 | tail -1 || true; echo"]
`;

function leftovers(prefix: string): string {
  const containers = spawnSync('podman', ['ps', '--all', '--format', '{{.Names}}'], { encoding: 'utf8' }).stdout;
  const networks = spawnSync('podman', ['network', 'ls', '--format', '{{.Name}}'], { encoding: 'utf8' }).stdout;
  return `${containers}\n${networks}`
    .split('\n')
    .filter((n) => n.startsWith(`sluice-${prefix}`))
    .join(' ');
}

describe.skipIf(skip !== undefined)('daemon templates in podman containers', () => {
  beforeAll(() => ensureBusyboxImage());

  it('starts a daemon, gives later steps its pod IP, and stops it when its steps template ends', async () => {
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: daemon-steps }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: scoped
        template: scoped
    - - name: after
        template: fetch
        arguments: { parameters: [{ name: ip, value: "{{steps.scoped.outputs.parameters.ip}}" }] }
  - name: scoped
    outputs:
      parameters: [{ name: ip, valueFrom: { parameter: "{{steps.server.ip}}" } }]
    steps:
    - - name: server
        template: server
    - - name: during
        template: fetch
        arguments: { parameters: [{ name: ip, value: "{{steps.server.ip}}" }] }
${server}${client}`,
      podman,
    );
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    expect(n.server?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(n.during?.outputs?.result).toBe('served-by-daemon');
    // The daemon was stopped when `scoped` ended, before `after` ran: nothing answers at its address any more.
    expect(n.after?.outputs?.result).toBe('');
    expect(n.server?.phase).toBe('Succeeded');
    expect(n.server?.daemoned).toBeUndefined();
    expect(Date.parse(n.server?.finishedAt ?? '')).toBeLessThanOrEqual(Date.parse(n.after?.startedAt ?? ''));
    expect(leftovers('daemon-steps')).toBe('');
  });

  it('gives DAG tasks {{tasks.X.ip}}, a daemon with retries included, and fails a daemon that never gets ready', async () => {
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: daemon-dag }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - name: server
        template: server
      - name: reader
        depends: server
        template: fetch
        arguments: { parameters: [{ name: ip, value: "{{tasks.server.ip}}" }] }
      - name: broken
        template: broken
${server.replace('daemon: true', 'daemon: true\n    retryStrategy: { limit: 1 }')}${client}
  - name: broken
    daemon: true
    container:
      image: ${busyboxImage}
      command: [sh, -c, "exit 3"]
      readinessProbe:
        tcpSocket: { port: 9 }
        periodSeconds: 1
`,
      podman,
    );
    const n = byName(run);
    expect(n.reader?.outputs?.result).toBe('served-by-daemon');
    expect(n.server?.phase).toBe('Succeeded');
    expect(n.server?.type).toBe('Retry');
    // Exited before its probe ever passed: an ordinary failed pod, so the DAG fails.
    expect(n['broken']?.phase).toBe('Failed');
    expect(n['broken']?.message).toContain('exit code 3');
    expect(run.status.phase).toBe('Failed');
    expect(leftovers('daemon-dag')).toBe('');
  });
});
