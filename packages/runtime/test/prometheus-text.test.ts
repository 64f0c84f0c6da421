import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricFamily, MetricRegistry } from '../src/prometheus-text.js';
import { groupSegment, pushToGateway } from '../src/pushgateway-push.js';

/** Reads one sample line back: `name{a="x",b="y"} value`, undoing the format's escapes. */
function parseSample(line: string): { name: string; labels: Record<string, string>; value: string } {
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
  if (!match) throw new Error(`not a sample line: ${line}`);
  const labels: Record<string, string> = {};
  const pairs = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
  for (const [, name, raw] of (match[2] ?? '').matchAll(pairs))
    labels[name as string] = (raw as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  return { name: match[1] as string, labels, value: match[3] as string };
}

describe('the Prometheus text format', () => {
  it('writes HELP and TYPE, user labels before the default labels, and a zero for an unlabelled family', () => {
    const registry = new MetricRegistry();
    registry.setDefaultLabels({ job: 'p', stage: 's' });
    registry.register(new MetricFamily('counter', 'rows_total', 'Rows\nread \\ here', []));
    const rejected = registry.register(new MetricFamily('counter', 'rejected_total', 'Rejected', ['reason']));
    rejected.inc({ reason: 'null_id' }, 3);
    rejected.inc({ reason: 'null_id' }, 2);
    expect(registry.text()).toBe(
      [
        '# HELP rows_total Rows\\nread \\\\ here',
        '# TYPE rows_total counter',
        'rows_total{job="p",stage="s"} 0',
        '',
        '# HELP rejected_total Rejected',
        '# TYPE rejected_total counter',
        'rejected_total{reason="null_id",job="p",stage="s"} 5',
        '',
      ].join('\n'),
    );
  });

  it('keeps one sample per label set whatever order the labels are given in', () => {
    const gauge = new MetricFamily('gauge', 'lag', 'Lag', ['a', 'b']);
    gauge.set({ a: '1', b: '2' }, 4);
    gauge.set({ b: '2', a: '1' }, 7);
    gauge.inc({ a: '1', b: '2' }, -2);
    expect(
      gauge
        .text({})
        .split('\n')
        .filter((l) => l.startsWith('lag{')),
    ).toEqual(['lag{a="1",b="2"} 5']);
  });

  it('refuses a counter going down, an undeclared label, a second family of one name and setting a counter', () => {
    const counter = new MetricFamily('counter', 'c_total', 'C', ['x']);
    expect(() => counter.inc({}, -1)).toThrow(/cannot go down/);
    expect(() => counter.inc({ y: '1' }, 1)).toThrow(/label "y" was not declared \(declared: x\)/);
    expect(() => counter.set({}, 1)).toThrow(/only a gauge/);
    const registry = new MetricRegistry();
    registry.register(counter);
    expect(() => registry.register(new MetricFamily('gauge', 'c_total', 'C', []))).toThrow(/already registered/);
  });

  it('writes infinities the way Prometheus reads them', () => {
    const gauge = new MetricFamily('gauge', 'g', 'G', []);
    gauge.set({}, Number.POSITIVE_INFINITY);
    expect(gauge.text({})).toContain('g +Inf');
    gauge.set({}, Number.NEGATIVE_INFINITY);
    expect(gauge.text({})).toContain('g -Inf');
  });

  it('any label value reads back unchanged (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b, value) => {
        const gauge = new MetricFamily('gauge', 'm', 'M', ['a']);
        gauge.set({ a }, value);
        const line = gauge.text({ job: b }).split('\n')[2] as string;
        const sample = parseSample(line);
        expect(sample.labels).toEqual({ a, job: b });
        expect(Number(sample.value) === value).toBe(true); // -0 is written as 0, which is the same sample value
      }),
    );
  });
});

describe('the Pushgateway push', () => {
  it('encodes a grouping value with a slash, or an empty one, as base64url', () => {
    expect(groupSegment('stage', 'load')).toBe('stage/load');
    expect(groupSegment('stage', 'a b')).toBe('stage/a%20b');
    expect(groupSegment('path', 'x/y')).toBe(`path@base64/${Buffer.from('x/y').toString('base64url')}`);
    expect(groupSegment('partition', '')).toBe('partition@base64/=');
  });

  it('PUTs the text to the group path under the base path, with URL credentials as a Basic header', async () => {
    const seen: { method?: string; url?: string; auth?: string; type?: string; body: string } = { body: '' };
    const server = createServer((req, res) => {
      seen.method = req.method;
      seen.url = req.url;
      seen.auth = req.headers.authorization;
      seen.type = req.headers['content-type'];
      req.on('data', (chunk: Buffer) => {
        seen.body += chunk.toString();
      });
      req.on('end', () => res.writeHead(200).end());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      await pushToGateway(
        `http://ci:s%3Acret@127.0.0.1:${port}/gateway/`,
        'features',
        { pipeline: 'features', stage: 'load' },
        'm 1\n',
        30_000,
      );
    } finally {
      server.close();
    }
    expect(seen).toEqual({
      method: 'PUT',
      url: '/gateway/metrics/job/features/pipeline/features/stage/load',
      auth: `Basic ${Buffer.from('ci:s:cret').toString('base64')}`,
      type: 'text/plain; version=0.0.4; charset=utf-8',
      body: 'm 1\n',
    });
  });

  it('fails with the status and the Pushgateway’s message when it refuses the push', async () => {
    const server = createServer((_req, res) => res.writeHead(400).end('text format parsing error in line 1'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      await expect(pushToGateway(`http://127.0.0.1:${port}`, 'p', {}, 'bad', 30_000)).rejects.toThrow(
        `Pushgateway http://127.0.0.1:${port}/metrics/job/p answered 400 Bad Request: text format parsing error in line 1`,
      );
    } finally {
      server.close();
    }
  });
});
