import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MissingImagesError, renderReport } from '../../src/index.js';
import { byName, param, runYaml } from '../support/run.js';
import { busyboxImage, containerSkipReason, ensureBusyboxImage } from './support/engine.js';

const skip = containerSkipReason();
if (skip !== undefined) console.warn(`container tests skipped: ${skip}`);

const podman = { engine: 'podman' as const, killGraceMs: 1000 };

/** The containers on this machine whose names start with `prefix`, sorted. */
function podNamed(prefix: string): string[] {
  const names = spawnSync('podman', ['ps', '--all', '--format', '{{.Names}}'], { encoding: 'utf8' }).stdout;
  return names
    .split('\n')
    .filter((n) => n.startsWith(prefix))
    .sort();
}

describe.skipIf(skip !== undefined)('workflow runs in podman containers', () => {
  beforeAll(() => ensureBusyboxImage());

  it('passes parameters, result and artifacts between steps, as the executor collects them', async () => {
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: params }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: produce
        template: produce
        arguments: { parameters: [{ name: who, value: world }] }
    - - name: consume
        template: consume
        arguments:
          parameters: [{ name: greeting, value: "{{steps.produce.outputs.parameters.greeting}}" }]
          artifacts: [{ name: data, from: "{{steps.produce.outputs.artifacts.data}}" }]
  - name: produce
    inputs: { parameters: [{ name: who }] }
    outputs:
      parameters: [{ name: greeting, valueFrom: { path: /tmp/greeting } }]
      artifacts: [{ name: data, path: /tmp/data }]
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["echo hello {{inputs.parameters.who}} > /tmp/greeting; mkdir -p /tmp/data/sub; echo one > /tmp/data/sub/a.txt; echo uid=$(id -u)"]
      securityContext: { runAsUser: 10001, runAsGroup: 10001, capabilities: { drop: [ALL] }, allowPrivilegeEscalation: false }
  - name: consume
    inputs:
      parameters: [{ name: greeting }]
      artifacts: [{ name: data, path: /in/data }]
    script:
      image: ${busyboxImage}
      command: [sh]
      source: |
        echo "{{inputs.parameters.greeting}} $(cat /in/data/sub/a.txt)"
`,
      podman,
    );
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    expect(param(n.produce, 'greeting')).toBe('hello world');
    expect(n.produce?.outputs?.result).toBe('uid=10001');
    const artifact = n.produce?.outputs?.artifacts?.find((a) => a.name === 'data');
    expect(artifact?.path).toBeDefined();
    expect(readFileSync(path.join(artifact?.path as string, 'sub', 'a.txt'), 'utf8')).toBe('one\n');
    expect(n.consume?.outputs?.result).toBe('hello world one');
    const placed = Object.values(run.placements);
    expect(placed).toHaveLength(2);
    expect(placed[0]).toMatchObject({ engine: 'podman', image: busyboxImage });
    expect(placed[0]?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const html = renderReport({
      workflow: 'params',
      status: run.status,
      counts: [],
      generatedAt: new Date().toISOString(),
      placements: run.placements,
    });
    expect(html).toContain('<th>runs in</th>');
    expect(html).toContain(`podman ${busyboxImage}`);
  });

  it('gives the same outputs as the host engine running the same commands (mapped image)', async () => {
    const text = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: same }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: count, template: count }
      - { name: sum, template: sum, depends: count, arguments: { artifacts: [{ name: numbers, from: "{{tasks.count.outputs.artifacts.numbers}}" }] } }
  - name: count
    outputs:
      parameters: [{ name: n, valueFrom: { path: /tmp/n } }]
      artifacts: [{ name: numbers, path: /tmp/numbers.txt }]
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["seq 1 10 > /tmp/numbers.txt; wc -l < /tmp/numbers.txt > /tmp/n; echo counted"]
  - name: sum
    inputs: { artifacts: [{ name: numbers, path: /tmp/in/numbers.txt }] }
    outputs: { parameters: [{ name: total, valueFrom: { path: /tmp/total } }] }
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["awk '{ s += $1 } END { print s }' /tmp/in/numbers.txt | tee /tmp/total"]
`;
    const host = await runYaml(text, { imageMap: { [busyboxImage]: '' } });
    const boxed = await runYaml(text, podman);
    expect(host.status.phase, host.status.message).toBe('Succeeded');
    expect(boxed.status.phase, boxed.status.message).toBe('Succeeded');
    const outputs = (r: typeof host) =>
      Object.values(r.status.nodes ?? {})
        .filter((n) => n.type === 'Pod')
        .map((n) => ({ name: n.displayName, result: n.outputs?.result, parameters: n.outputs?.parameters }))
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(outputs(boxed)).toEqual(outputs(host));
    expect(param(byName(boxed).sum, 'total')).toBe('55');
    expect(Object.keys(host.placements)).toHaveLength(0);
  });

  it('retries exit code 1 and not exit code 2, and reports the termination message', async () => {
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: exits }
spec:
  entrypoint: main
  volumeClaimTemplates:
  - metadata: { name: state }
    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Mi } } }
  templates:
  - name: main
    dag:
      tasks:
      - { name: flaky, template: exit-with, arguments: { parameters: [{ name: code, value: "1" }, { name: file, value: flaky }] } }
      - { name: broken, template: exit-with, arguments: { parameters: [{ name: code, value: "2" }, { name: file, value: broken }] } }
  - name: exit-with
    inputs: { parameters: [{ name: code }, { name: file }] }
    retryStrategy: { limit: "3", expression: "asInt(lastRetry.exitCode) == 1" }
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args:
      - |
        f=/state/{{inputs.parameters.file}}; echo x >> $f
        [ $(wc -l < $f) -ge 3 ] && exit 0
        echo "attempt $(wc -l < $f) failed" > /dev/termination-log
        exit {{inputs.parameters.code}}
      volumeMounts: [{ name: state, mountPath: /state }]
`,
      podman,
    );
    const n = byName(run);
    expect(n.flaky?.phase).toBe('Succeeded');
    expect(n.flaky?.children).toHaveLength(3);
    expect(n['flaky(0)']?.message).toBe('Error (exit code 1): attempt 1 failed');
    expect(n.broken?.phase).toBe('Failed');
    expect(n.broken?.children).toHaveLength(1);
    expect(n['broken(0)']?.message).toBe('Error (exit code 2): attempt 1 failed');
    expect(run.status.phase).toBe('Failed');
  });

  it('shares a claim between steps, keeps emptyDir per pod, and enforces a read-only root file system', async () => {
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: volumes }
spec:
  entrypoint: main
  volumes: [{ name: shared, persistentVolumeClaim: { claimName: features } }, { name: scratch, emptyDir: {} }]
  templates:
  - name: main
    steps:
    - - { name: write, template: write }
    - - { name: read, template: read }
  - name: write
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["echo rows > /data/table; echo mine > /scratch/own; if touch /root-file 2>/dev/null; then echo root-writable; else echo root-read-only; fi"]
      securityContext: { readOnlyRootFilesystem: true, runAsUser: 10001 }
      volumeMounts: [{ name: shared, mountPath: /data }, { name: scratch, mountPath: /scratch }]
  - name: read
    outputs: { parameters: [{ name: table, valueFrom: { path: /data/table } }] }
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["ls /scratch | wc -l"]
      volumeMounts: [{ name: shared, mountPath: /data, readOnly: true }, { name: scratch, mountPath: /scratch }]
`,
      podman,
    );
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    expect(n.write?.outputs?.result).toBe('root-read-only');
    expect(param(n.read, 'table')).toBe('rows');
    expect(n.read?.outputs?.result).toBe('0');
    expect(readFileSync(path.join(run.runDir, 'volumes', 'features', 'table'), 'utf8')).toBe('rows\n');
  });

  it('runs without a network unless a NetworkPolicy opens egress, and runs a sidecar beside the main container', async () => {
    const docs = (allow: boolean) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: net }
spec:
  entrypoint: main
  templates:
  - name: main
    metadata: { labels: { app: net } }
    container:
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://127.0.0.1:8080/ && break; sleep 0.5; done; ls /sys/class/net | tr '\\\\n' ' '"]
    sidecars:
    - name: web
      image: ${busyboxImage}
      command: [sh, -c]
      args: ["mkdir -p /tmp/www && echo served > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www"]
${
  allow
    ? `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-net }
spec:
  podSelector: { matchLabels: { app: net } }
  policyTypes: [Egress]
  egress: [{ ports: [{ protocol: TCP, port: 443 }] }]`
    : ''
}`;
    const before = podNamed('sluice-net-');
    const closed = await runYaml(docs(false), podman);
    expect(closed.status.phase, closed.status.message).toBe('Succeeded');
    const closedOut = byName(closed).net?.outputs?.result ?? '';
    expect(closedOut.split('\n')[0]).toBe('served');
    expect(closedOut.split('\n')[1]?.trim()).toBe('lo');
    const open = await runYaml(docs(true), podman);
    expect(open.status.phase, open.status.message).toBe('Succeeded');
    expect(byName(open).net?.outputs?.result?.split('\n')[1]?.trim().split(' ').length).toBeGreaterThan(1);
    // Regression (sidecars left behind): the main container and its sidecars are all removed after the step.
    expect(podNamed('sluice-net-')).toEqual(before);
  });

  it('refuses to run, naming the image and the build command, when an image is missing', async () => {
    const run = runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: missing }
spec:
  entrypoint: main
  templates:
  - name: main
    container: { image: "localhost/sluice-not-built:0.0.1", command: ["true"] }
`,
      podman,
    );
    await expect(run).rejects.toBeInstanceOf(MissingImagesError);
    await expect(run).rejects.toThrow(/localhost\/sluice-not-built:0\.0\.1[\s\S]*workflow build/);
  });
});
