import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pushMetrics } from '../src/metrics.js';

const sockets = new Set<net.Socket>();
let server: net.Server | undefined;
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

/** Accepts connections and never answers, as a hung Pushgateway or a black-holing proxy does. */
async function silentServer(): Promise<string> {
  server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('issue 15 item 10: a Pushgateway that never answers', () => {
  it('bug: the run push gives up after its timeout with an error naming the gateway (the run used to never exit)', async () => {
    const url = await silentServer();
    const started = Date.now();
    await expect(pushMetrics(url, 'wf', 'x 1\n', 500)).rejects.toThrow(
      `Pushgateway ${url}/metrics/job/sluice_local/workflow/wf: no answer within 500 ms`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('credentials in PUSHGATEWAY_URL go as basic authentication and never into the error', async () => {
    const url = (await silentServer()).replace('http://', 'http://user:gw-secret@');
    const error = await pushMetrics(url, 'wf', 'x 1\n', 300).catch((e: unknown) => e as Error);
    expect(String(error)).not.toContain('gw-secret');
    expect(String(error)).toContain('no answer within 300 ms');
  });
});
