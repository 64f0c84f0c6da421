import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { type ContractServer, startContractServer } from './support/contract-server.js';
import { selfSignedCertificate } from './support/tls.js';

let server: ContractServer;
let proxy: http.Server;
const tunnels: string[] = [];
const open = new Set<net.Socket>();

beforeAll(async () => {
  server = await startContractServer({ tls: selfSignedCertificate() });
  // A minimal CONNECT proxy: records each tunnel's target and pipes bytes both ways.
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    open.add(socket);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    open.add(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of open) socket.destroy();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await server.close();
});

it('tunnels HTTPS through HTTPS_PROXY with CONNECT, keeping TLS end to end', async () => {
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const client = createClient({
    env: { ARGO_SERVER: server.hostPort, ARGO_INSECURE_SKIP_VERIFY: 'true', HTTPS_PROXY: proxyUrl },
  });
  expect((await client.info.version()).version).toBe('v4.1.0');
  client.close();
  expect(tunnels).toEqual([server.hostPort]);
  expect(server.requests.map((r) => r.url)).toEqual(['/api/v1/version']);
});
