import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { byName, runYaml } from './support/run.js';

/** A port nobody listens on right now (the daemon takes it). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('daemon templates on the host engine', () => {
  it('keeps a daemon running for the later steps of its scope at 127.0.0.1 and stops it when the scope ends', async () => {
    const port = await freePort();
    const serve = `require('node:http').createServer((q, r) => r.end('pong')).listen(${port}, '127.0.0.1')`;
    const ask = `fetch('http://{{inputs.parameters.ip}}:${port}/').then(async (r) => console.log(await r.text()), () => console.log('down'))`;
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: host-daemon }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: scoped
        template: scoped
    - - name: after
        template: ask
        arguments: { parameters: [{ name: ip, value: "127.0.0.1" }] }
  - name: scoped
    steps:
    - - name: server
        template: server
    - - name: during
        template: ask
        arguments: { parameters: [{ name: ip, value: "{{steps.server.ip}}" }] }
  - name: server
    daemon: true
    container:
      image: local/node:20
      command: [node, -e, "${serve}"]
      readinessProbe: { tcpSocket: { port: ${port} }, periodSeconds: 1 }
  - name: ask
    inputs: { parameters: [{ name: ip }] }
    container:
      image: local/node:20
      command: [node, -e, "${ask}"]
`,
      { imageMap: { 'local/node:20': '' }, killGraceMs: 1000 },
    );
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    expect(n.server?.podIP).toBe('127.0.0.1');
    expect(n.during?.outputs?.result).toBe('pong');
    expect(n.after?.outputs?.result).toBe('down');
    expect(n.server?.phase).toBe('Succeeded');
    expect(n.server?.message).toBe('daemon stopped: its scope ended');
  });
});
