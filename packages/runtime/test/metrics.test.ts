import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, Redactor } from '../src/logger.js';
import { StageMetricsRegistry } from '../src/metrics.js';
import { tempDir } from './helpers/run-fixture.js';

const grouping = { pipeline: 'features', stage: 'load', partition: '2', execution_date: '2026-06-17' };

function collect() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({}, new Redactor(), (line) => void lines.push(JSON.parse(line)));
  return { lines, log };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('stage metrics', () => {
  it('without a Pushgateway, writes the four job metrics and user metrics with the grouping labels to a file', async () => {
    const file = join(tempDir('sluice-metrics-'), 'metrics.prom');
    const metrics = new StageMetricsRegistry(grouping, 2, { file, timeoutMs: 2000 }, collect().log, Date.now() - 1500);
    metrics.processedRows(40);
    metrics.processedRows(2);
    metrics.counter('rows_rejected_total', 'Rows sent to the dead letters', ['reason']).inc(3, { reason: 'null_id' });
    metrics.gauge('source_lag_seconds', 'Source lag').set(12);
    await metrics.deliver({ success: true });
    const text = readFileSync(file, 'utf8');
    const labels = 'job="features",pipeline="features",stage="load",partition="2",execution_date="2026-06-17"';
    expect(text).toContain(`job_success{${labels}} 1`);
    expect(text).toContain(`job_processed_rows{${labels}} 42`);
    expect(text).toContain(`job_retries_total{${labels}} 2`);
    expect(text).toMatch(new RegExp(`job_duration_seconds\\{${labels}\\} 1\\.\\d+`));
    expect(text).toContain(`rows_rejected_total{reason="null_id",${labels}} 3`);
    expect(text).toContain(`source_lag_seconds{${labels}} 12`);
  });

  it('leaves job_success out of periodic deliveries until the end', async () => {
    const file = join(tempDir('sluice-metrics-'), 'metrics.prom');
    const metrics = new StageMetricsRegistry(grouping, 0, { file, timeoutMs: 2000 }, collect().log, Date.now());
    await metrics.deliver();
    expect(readFileSync(file, 'utf8')).not.toContain('job_success');
  });

  it('rejects bad and built-in metric names, and returns the same metric for the same name', () => {
    const metrics = new StageMetricsRegistry(grouping, 0, { file: '/dev/null', timeoutMs: 1 }, collect().log, 0);
    expect(() => metrics.counter('rows-rejected', 'x')).toThrow(/"rows-rejected" is not a Prometheus metric name/);
    expect(() => metrics.gauge('job_success', 'x')).toThrow(/built-in metric/);
    metrics.counter('a_total', 'x');
    expect(() => metrics.gauge('a_total', 'x')).toThrow(/already registered as a different kind/);
    expect(() => metrics.processedRows(-1)).toThrow(/not a non-negative number/);
  });

  it('a push to a closed port resolves quickly with a warning and never throws', async () => {
    const { lines, log } = collect();
    const url = `http://127.0.0.1:${await closedPort()}`;
    const metrics = new StageMetricsRegistry(grouping, 0, { pushgatewayUrl: url, file: '', timeoutMs: 2000 }, log, 0);
    const started = Date.now();
    await expect(metrics.deliver({ success: true })).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'metrics delivery failed; the stage carries on',
      target: url,
    });
  });

  it('a push to a Pushgateway that never answers gives up after the timeout', async () => {
    const server = createServer(() => undefined); // accepts connections, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const { lines, log } = collect();
      const sink = { pushgatewayUrl: `http://127.0.0.1:${port}`, file: '', timeoutMs: 500 };
      const metrics = new StageMetricsRegistry(grouping, 0, sink, log, 0);
      const started = Date.now();
      await metrics.deliver({ success: false });
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(lines[0]?.level).toBe('warn');
    } finally {
      server.close();
    }
  });
});

describe('stage metrics delivery order', () => {
  it('a final delivery behind a hanging periodic one still returns within the timeout', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      // Waiting for the hanging delivery first would take two timeouts (2 s); the bound leaves 0.7 s for a busy machine.
      const sink = { pushgatewayUrl: `http://127.0.0.1:${port}`, file: '', timeoutMs: 1000 };
      const metrics = new StageMetricsRegistry(grouping, 0, sink, collect().log, 0);
      void metrics.deliver();
      await expect(metrics.deliver()).resolves.toBeUndefined(); // skipped: one is in flight
      const started = Date.now();
      await metrics.deliver({ success: true });
      expect(Date.now() - started).toBeLessThan(1000 + 700);
    } finally {
      server.close();
    }
  });
});
