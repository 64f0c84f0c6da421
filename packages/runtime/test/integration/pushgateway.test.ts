import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FixtureResult,
  finished,
  makeRunDirs,
  params,
  removeTempDirs,
  runFixture,
  stageEnv,
  startFixture,
} from '../helpers/run-fixture.js';

/**
 * Against a real Prometheus Pushgateway: PUSHGATEWAY_TEST_URL (CI starts one), or one this test starts when the
 * `prometheus-pushgateway` binary is installed. Neither: the test fails, saying how to provide one.
 */
let url = process.env.PUSHGATEWAY_TEST_URL ?? '';
let started: { child: ChildProcess; dir: string } | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitReady(base: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  if (url) return;
  const binary = process.env.PUSHGATEWAY_BIN ?? 'prometheus-pushgateway';
  if (spawnSync(binary, ['--version']).error)
    throw new Error(
      'No Pushgateway for the integration test: set PUSHGATEWAY_TEST_URL (e.g. http://127.0.0.1:9091) or install the ' +
        "Debian package prometheus-pushgateway so the test can start one (see TOOLCHAIN.md). '.ci/run' does both.",
    );
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pushgateway-'));
  const port = await freePort();
  const child = spawn(
    binary,
    [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(dir, 'metrics.store')}`],
    { stdio: 'ignore' },
  );
  started = { child, dir };
  url = `http://127.0.0.1:${port}`;
  if (!(await waitReady(url, 10_000)))
    throw new Error(`the Pushgateway started by the test did not become ready at ${url}`);
}, 20_000);

afterAll(() => {
  removeTempDirs();
  if (!started) return;
  started.child.kill('SIGTERM');
  rmSync(started.dir, { recursive: true, force: true });
});

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

async function scrape(): Promise<Sample[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      const labels: Record<string, string> = {};
      for (const pair of (match?.[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[pair[1] as string] = pair[2] as string;
      return { name: match?.[1] ?? '', labels, value: Number(match?.[3]) };
    });
}

const group = (pipeline: string) => ({
  job: pipeline,
  pipeline,
  stage: 'basic-stage',
  partition: '3',
  execution_date: '2026-06-17',
});

function expectSample(samples: Sample[], name: string, labels: Record<string, string>): Sample {
  const found = samples.find(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  expect(found, `${name} with ${JSON.stringify(labels)} on ${url}/metrics`).toBeDefined();
  return found as Sample;
}

/** Milliseconds from the stage's "stage started" log line to the process's exit. */
function stageMs(result: FixtureResult, exitedAt: number): number {
  const startedLine = result.logs.find((line) => line.msg === 'stage started');
  return exitedAt - Date.parse(String(startedLine?.time));
}

describe('metrics against a real Pushgateway', () => {
  it('pushes job_success, job_duration_seconds, job_processed_rows and job_retries_total with the grouping labels', async () => {
    const pipeline = `it-${randomBytes(4).toString('hex')}`;
    const env = stageEnv(makeRunDirs(), {
      PUSHGATEWAY_URL: url,
      SLUICE_PIPELINE: pipeline,
      SLUICE_PARTITION_INDEX: '3',
      SLUICE_PARTITION_COUNT: '4',
      SLUICE_RETRY: '2',
    });
    const result = await runFixture(
      'basic-stage.ts',
      params({ mode: 'ok', 'execution-date': '2026-06-17', 'row-count': 42 }),
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.logs.filter((line) => line.level === 'warn')).toEqual([]);
    const samples = await scrape();
    const labels = group(pipeline);
    expect(expectSample(samples, 'job_success', labels).value).toBe(1);
    expect(expectSample(samples, 'job_processed_rows', labels).value).toBe(42);
    expect(expectSample(samples, 'job_retries_total', labels).value).toBe(2);
    expect(expectSample(samples, 'job_duration_seconds', labels).value).toBeGreaterThan(0);
    const path = Object.entries(labels)
      .map(([key, value]) => `${key}/${value}`)
      .join('/');
    await fetch(`${url}/metrics/${path}`, { method: 'DELETE' });
  });

  it('pushes periodically during a long stage, before job_success exists', async () => {
    const pipeline = `it-${randomBytes(4).toString('hex')}`;
    const env = stageEnv(makeRunDirs(), {
      PUSHGATEWAY_URL: url,
      SLUICE_PIPELINE: pipeline,
      SLUICE_METRICS_INTERVAL_SECONDS: '0.2',
    });
    const child = startFixture(
      'long-stage.ts',
      params({ items: 60, 'delay-ms': 25, 'execution-date': '2026-06-17' }),
      env,
    );
    const done = finished(child);
    let midRun: Sample[] = [];
    while (child.exitCode === null) {
      midRun = (await scrape()).filter((sample) => sample.labels.pipeline === pipeline);
      if (midRun.some((sample) => sample.name === 'job_processed_rows' && sample.value > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stillRunning = child.exitCode === null;
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(stillRunning).toBe(true);
    expect(midRun.some((sample) => sample.name === 'job_success')).toBe(false);
    await fetch(
      `${url}/metrics/job/${pipeline}/pipeline/${pipeline}/stage/long-stage/partition/0/execution_date/2026-06-17`,
      {
        method: 'DELETE',
      },
    );
  });

  it.each([
    ['down (a closed port)', 'closed'],
    ['hanging (accepts, never answers)', 'silent'],
  ])('with the Pushgateway %s the stage still succeeds within the 2 s timeout + 1 s', async (_label, kind) => {
    let server: Server | undefined;
    const port = await freePort();
    if (kind === 'silent') {
      server = createServer(() => undefined);
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    }
    try {
      const env = stageEnv(makeRunDirs(), { PUSHGATEWAY_URL: `http://127.0.0.1:${port}`, SLUICE_PIPELINE: 'down' });
      const child = startFixture('basic-stage.ts', params({ mode: 'ok', 'execution-date': '2026-06-17' }), env);
      let exitedAt = 0;
      child.on('exit', () => {
        exitedAt = Date.now();
      });
      const result = await finished(child);
      expect(result.code, result.stderr).toBe(0);
      expect(stageMs(result, exitedAt)).toBeLessThan(2000 + 1000);
      expect(result.logs.find((line) => line.level === 'warn')?.msg).toBe(
        'metrics delivery failed; the stage carries on',
      );
    } finally {
      server?.close();
    }
  });
});
