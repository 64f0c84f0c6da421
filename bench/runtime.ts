// `pnpm bench:runtime`: the cost of a checkpoint save and of a metrics delivery (to a real Pushgateway and to a
// file). Uses PUSHGATEWAY_URL / PUSHGATEWAY_TEST_URL, else starts `prometheus-pushgateway` when it is installed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointFile } from '../packages/runtime/src/checkpoint.js';
import { createLogger, Redactor } from '../packages/runtime/src/logger.js';
import { StageMetricsRegistry } from '../packages/runtime/src/metrics.js';
import { median } from './stats.js';

const work = mkdtempSync(join(tmpdir(), 'sluice-bench-runtime-'));
const log = createLogger({ bench: 'runtime' }, new Redactor());

async function timeEach(runs: number, body: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await body(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  return times;
}

async function benchCheckpoint(label: string, runs: number, state: (i: number) => unknown): Promise<void> {
  const identity = { stage: 'bench', executionDate: '2026-06-17', partition: { index: 0, count: 1 } };
  const checkpoint = new CheckpointFile(join(work, 'checkpoints', label, 'partition-0.json'), identity, log);
  await checkpoint.save(state(-1)); // creates the directory
  const times = await timeEach(runs, (i) => checkpoint.save(state(i)));
  console.log(
    `checkpoint save, ${label}: median ${median(times).toFixed(0)} µs over ${runs} saves (temp, fsync, rename, fsync dir)`,
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function pushgateway(): Promise<{ url: string; child?: ChildProcess } | undefined> {
  const given = process.env.PUSHGATEWAY_URL ?? process.env.PUSHGATEWAY_TEST_URL;
  if (given) return { url: given };
  if (spawnSync('prometheus-pushgateway', ['--version']).error) return undefined;
  const port = await freePort();
  const child = spawn(
    'prometheus-pushgateway',
    [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(work, 'metrics.store')}`],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  return undefined;
}

function registry(sink: { pushgatewayUrl?: string; file: string }): StageMetricsRegistry {
  const grouping = { pipeline: 'bench', stage: 'bench', partition: '0', execution_date: '2026-06-17' };
  const metrics = new StageMetricsRegistry(grouping, 0, { ...sink, timeoutMs: 2000 }, log, Date.now());
  metrics.processedRows(1000);
  metrics.counter('bench_rows_rejected_total', 'rows rejected').inc(3);
  metrics.gauge('bench_lag_seconds', 'lag').set(1.5);
  return metrics;
}

try {
  await benchCheckpoint('small state (~100 B)', 200, (i) => ({ offset: i * 1000, file: `part-${i}.parquet` }));
  const line = 'x'.repeat(1000);
  const big = Array.from({ length: 1024 }, (_, i) => `${i}:${line}`);
  await benchCheckpoint('1 MB state', 30, (i) => ({ offset: i, rows: big }));

  const file = join(work, 'metrics.prom');
  const toFile = registry({ file });
  const fileTimes = await timeEach(100, () => toFile.deliver({ success: true }));
  console.log(`metrics write to a file: median ${(median(fileTimes) / 1000).toFixed(2)} ms over 100 writes (atomic)`);

  const gateway = await pushgateway();
  if (gateway) {
    try {
      const toGateway = registry({ pushgatewayUrl: gateway.url, file });
      await toGateway.deliver(); // warm-up: connection and first registration
      const pushTimes = await timeEach(100, () => toGateway.deliver({ success: true }));
      console.log(
        `metrics push to a real Pushgateway: median ${(median(pushTimes) / 1000).toFixed(2)} ms over 100 pushes`,
      );
      await fetch(`${gateway.url}/metrics/job/bench/pipeline/bench/stage/bench/partition/0/execution_date/2026-06-17`, {
        method: 'DELETE',
      }).catch(() => undefined);
    } finally {
      const child = gateway.child;
      if (child) {
        // It writes its persistence file on the way out: wait, then the work directory can go.
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  } else {
    console.log(
      'metrics push to a real Pushgateway: not measured (set PUSHGATEWAY_URL or install prometheus-pushgateway)',
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
