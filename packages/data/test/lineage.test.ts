import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRunEvent,
  lineageDataset,
  lineageRunId,
  type RunEvent,
  recordLineage,
  replacePartition,
} from '../src/index.js';
import { useScratch } from './helpers.js';

const scratch = useScratch();
const DATE = '2026-06-17';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const created = createServer(handler);
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}

async function exampleEvent(eventType: 'START' | 'COMPLETE' | 'FAIL', error?: unknown): Promise<RunEvent> {
  const db = scratch.db();
  const root = join(scratch.dir(), 'lake');
  const raw = { root, name: 'raw' };
  const features = { root, name: 'features' };
  await replacePartition(db.connection, raw, DATE, { query: 'SELECT range AS id FROM range(10)' });
  const write = await replacePartition(db.connection, features, DATE, { query: 'SELECT range AS id FROM range(4)' });
  return createRunEvent({
    eventType,
    runId: lineageRunId('wf-uid', 'build-features', '0'),
    job: { namespace: 'customer-features', name: 'build-features' },
    executionDate: DATE,
    parameters: { day: DATE, limit: 4 },
    inputs: [await lineageDataset(raw, DATE)],
    outputs: [await lineageDataset(features, DATE, { rowCount: write.rows })],
    codeVersion: '0123abc',
    error,
    eventTime: new Date('2026-06-18T01:02:03.000Z'),
  });
}

describe('lineage', () => {
  it('builds an OpenLineage RunEvent with versions, code version, parameters and execution date', async () => {
    const event = await exampleEvent('COMPLETE');
    expect(event).toMatchObject({
      eventType: 'COMPLETE',
      eventTime: '2026-06-18T01:02:03.000Z',
      job: { namespace: 'customer-features', name: 'build-features' },
      producer: 'urn:sluice:data',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    });
    expect(event.run.facets.nominalTime).toMatchObject({
      nominalStartTime: '2026-06-17T00:00:00.000Z',
      nominalEndTime: '2026-06-18T00:00:00.000Z',
    });
    expect(event.run.facets.sluice).toMatchObject({
      executionDate: DATE,
      parameters: { day: DATE, limit: 4 },
      codeVersion: '0123abc',
    });
    const [input] = event.inputs;
    const [output] = event.outputs;
    expect(input?.name).toBe(join(scratch.dir(), 'lake', 'raw', `date=${DATE}`));
    expect(input?.facets.version?.datasetVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(output?.facets.version?.datasetVersion).not.toBe(input?.facets.version?.datasetVersion);
    expect(output?.outputFacets?.outputStatistics?.rowCount).toBe(4);
    for (const f of [...Object.values(event.run.facets), input?.facets.version]) {
      expect(f?._producer).toBe('urn:sluice:data');
      expect(f?._schemaURL).toMatch(/^(https:\/\/openlineage\.io\/spec\/facets\/|urn:sluice:)/);
    }
  });

  it('takes the code version from GIT_SHA and records the error of a FAIL event', async () => {
    process.env.GIT_SHA = 'feedbeef';
    try {
      const event = createRunEvent({
        eventType: 'FAIL',
        runId: lineageRunId('x'),
        job: { namespace: 'p', name: 's' },
        executionDate: DATE,
        error: new Error('source dropped column amount'),
      });
      expect(event.run.facets.sluice?.codeVersion).toBe('feedbeef');
      expect(event.run.facets.errorMessage).toMatchObject({
        message: 'source dropped column amount',
        programmingLanguage: 'TypeScript',
      });
    } finally {
      delete process.env.GIT_SHA;
    }
    expect(() =>
      createRunEvent({ eventType: 'START', runId: 'nope', job: { namespace: 'p', name: 's' }, executionDate: DATE }),
    ).toThrow(/runId must be a UUID/);
  });

  it('derives stable, valid run UUIDs from names', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 4 }), (parts) => {
        const id = lineageRunId(...parts);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(lineageRunId(...parts)).toBe(id);
      }),
    );
    expect(lineageRunId('a', 'b')).not.toBe(lineageRunId('a', 'c'));
  });

  it('writes START and COMPLETE atomically into the lineage dir and POSTs them to OPENLINEAGE_URL', async () => {
    const received: { path: string; body: RunEvent }[] = [];
    const url = await listen((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(body) as RunEvent });
        res.writeHead(201).end();
      });
    });
    const dir = join(scratch.dir(), 'lineage');
    const start = await recordLineage(await exampleEvent('START'), { dir, url });
    const complete = await recordLineage(await exampleEvent('COMPLETE'), { dir, url });
    expect(start.posted && complete.posted).toBe(true);
    expect(received.map((r) => [r.path, r.body.eventType])).toEqual([
      ['/api/v1/lineage', 'START'],
      ['/api/v1/lineage', 'COMPLETE'],
    ]);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      expect.stringMatching(/^customer-features\.build-features\.[0-9a-f-]{36}\.complete\.json$/),
      expect.stringMatching(/^customer-features\.build-features\.[0-9a-f-]{36}\.start\.json$/),
    ]);
    expect(JSON.parse(await readFile(complete.file, 'utf8'))).toEqual(received[1]?.body);
  });

  it('never fails or hangs the stage when the server is slow, down or refuses', async () => {
    const dir = join(scratch.dir(), 'lineage-down');
    const event = await exampleEvent('COMPLETE');
    const hanging = await listen(() => undefined);
    const began = performance.now();
    const slow = await recordLineage(event, { dir, url: hanging, timeoutMs: 300 });
    expect(performance.now() - began).toBeLessThan(1300);
    expect(slow).toMatchObject({ posted: false, postError: expect.stringMatching(/TimeoutError/) });
    await new Promise((resolve) => server?.close(resolve));
    server?.closeAllConnections();
    server = undefined;

    const down = await recordLineage(event, { dir, url: hanging, timeoutMs: 300 });
    expect(down).toMatchObject({ posted: false, postError: expect.stringMatching(/failed/) });

    let authorization: string | undefined;
    const refusing = await listen((req, res) => {
      authorization = req.headers.authorization;
      res.writeHead(503).end();
    });
    const refused = await recordLineage(event, { dir, url: `${refusing.replace('http://', 'http://user:secret@')}` });
    expect(refused.posted).toBe(false);
    expect(refused.postError).toMatch(/HTTP 503/);
    expect(refused.postError).not.toMatch(/secret/);
    expect(authorization).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
    // The file is written whatever happens to the POST.
    expect(JSON.parse(await readFile(refused.file, 'utf8'))).toEqual(event);
  });
});
