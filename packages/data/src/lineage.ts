import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { partitionContentHash } from './content-hash.js';
import { type DatasetRef, executionDay, partitionDir } from './dataset.js';
import { writeFileAtomic } from './fs-atomic.js';
import { nodeCrypto } from './node-crypto.js';

/** The OpenLineage spec version the events follow. */
const RUN_EVENT_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACET_SCHEMA = 'https://openlineage.io/spec/facets/1-0-1';
/**
 * Identifies Sluice as the producer of events and facets.
 * @example
 * ```ts
 * import { createRunEvent, LINEAGE_PRODUCER, lineageRunId } from '@sluice/data';
 *
 * const event = createRunEvent({
 *   eventType: 'START',
 *   runId: lineageRunId('wf-uid', 'extract'),
 *   job: { namespace: 'customer-features', name: 'extract' },
 *   executionDate: '2026-06-17',
 * });
 * console.log(event.producer === LINEAGE_PRODUCER); // true
 * ```
 */
export const LINEAGE_PRODUCER = 'urn:sluice:data';
const SLUICE_FACET_SCHEMA = 'urn:sluice:facets:SluiceRunFacet';

/**
 * A dataset as lineage records it: where it is and which version (content hash) was read or written.
 * @example
 * ```ts
 * import type { LineageDataset } from '@sluice/data';
 *
 * const input: LineageDataset = { namespace: 'file', name: '/lake/raw_orders/date=2026-06-17', rowCount: 1200 };
 * ```
 */
export interface LineageDataset {
  /** OpenLineage namespace; `file` for local and mounted paths. */
  readonly namespace: string;
  /** The dataset's name in that namespace (for files, the partition's path). */
  readonly name: string;
  /** The version read or written, e.g. `sha256:…` from {@link partitionContentHash}. */
  readonly version?: string;
  /** Rows written (outputs only), reported as the `outputStatistics` facet. */
  readonly rowCount?: number;
}

/**
 * The kinds of run event.
 * @example
 * ```ts
 * import type { RunEventType } from '@sluice/data';
 *
 * const ended = (failed: boolean): RunEventType => (failed ? 'FAIL' : 'COMPLETE');
 * ```
 */
export type RunEventType = 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT';

/**
 * What {@link createRunEvent} needs.
 * @example
 * ```ts
 * import { createRunEvent, lineageRunId, type RunEventInput } from '@sluice/data';
 *
 * const input: RunEventInput = {
 *   eventType: 'FAIL',
 *   runId: lineageRunId('wf-uid', 'load', '0'),
 *   job: { namespace: 'customer-features', name: 'load' },
 *   executionDate: '2026-06-17',
 *   error: new Error('warehouse unavailable'),
 * };
 * const event = createRunEvent(input);
 * ```
 */
export interface RunEventInput {
  readonly eventType: RunEventType;
  /** The run's UUID; the same for every event of one run (see {@link lineageRunId}). */
  readonly runId: string;
  /** The job: namespace (the pipeline) and name (the stage). */
  readonly job: { readonly namespace: string; readonly name: string };
  /** The execution date the run processes; recorded as the nominal time. */
  readonly executionDate: string | Date;
  /** The stage's parameters (never secrets). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly inputs?: readonly LineageDataset[];
  readonly outputs?: readonly LineageDataset[];
  /** The code version; default the `GIT_SHA` environment variable. */
  readonly codeVersion?: string;
  /** For FAIL events: what went wrong. */
  readonly error?: unknown;
  /** When the event happened; default now. */
  readonly eventTime?: Date;
}

/**
 * A facet: any object that names its producer and schema.
 * @example
 * ```ts
 * import type { LineageFacet } from '@sluice/data';
 *
 * const owner: LineageFacet = { _producer: 'urn:example:etl', _schemaURL: 'https://example.com/owner.json', team: 'data' };
 * ```
 */
export interface LineageFacet {
  readonly _producer: string;
  readonly _schemaURL: string;
  readonly [key: string]: unknown;
}

/**
 * An OpenLineage RunEvent (spec 2-0-2).
 * @example
 * ```ts
 * import { createRunEvent, lineageRunId, type RunEvent } from '@sluice/data';
 *
 * const event: RunEvent = createRunEvent({
 *   eventType: 'COMPLETE',
 *   runId: lineageRunId('wf-uid', 'extract'),
 *   job: { namespace: 'customer-features', name: 'extract' },
 *   executionDate: '2026-06-17',
 * });
 * console.log(event.eventTime, event.run.runId);
 * ```
 */
export interface RunEvent {
  readonly eventType: RunEventType;
  readonly eventTime: string;
  readonly run: { readonly runId: string; readonly facets: Readonly<Record<string, LineageFacet>> };
  readonly job: {
    readonly namespace: string;
    readonly name: string;
    readonly facets: Readonly<Record<string, LineageFacet>>;
  };
  readonly inputs: readonly LineageEventDataset[];
  readonly outputs: readonly LineageEventDataset[];
  readonly producer: string;
  readonly schemaURL: string;
}

/**
 * A dataset inside a {@link RunEvent}.
 * @example
 * ```ts
 * import type { LineageEventDataset, RunEvent } from '@sluice/data';
 *
 * const outputNames = (event: RunEvent) => event.outputs.map((d: LineageEventDataset) => d.name);
 * ```
 */
export interface LineageEventDataset {
  readonly namespace: string;
  readonly name: string;
  readonly facets: Readonly<Record<string, LineageFacet>>;
  readonly outputFacets?: Readonly<Record<string, LineageFacet>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * A stable run UUID derived from names (SHA-256 based, in UUID form), so every process of one attempt — and a
 * START written before a crash and the FAIL written after it — agree without passing an id around.
 * @example
 * ```ts
 * import { lineageRunId } from '@sluice/data';
 *
 * const workflowUid = 'c0ffee00-0000-4000-8000-000000000001';
 * lineageRunId(workflowUid, 'customer-features.extract', '0'); // the same UUID for every event of this attempt
 * ```
 */
export function lineageRunId(...parts: readonly string[]): string {
  const bytes = nodeCrypto().createHash('sha256').update(parts.join('\0')).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Describes a date's partition for lineage, with its content hash as the dataset version.
 * @example
 * ```ts
 * import { lineageDataset } from '@sluice/data';
 *
 * const rawOrders = { root: '/lake', name: 'raw_orders' };
 * const input = await lineageDataset(rawOrders, '2026-06-17'); // { namespace: 'file', name: '/lake/raw_orders/date=…', version: 'sha256:…' }
 * ```
 */
export async function lineageDataset(
  dataset: DatasetRef,
  date: string | Date,
  extra: { readonly rowCount?: number } = {},
): Promise<LineageDataset> {
  const path = partitionDir(dataset, date);
  return { namespace: 'file', name: path, version: await partitionContentHash(path), ...extra };
}

function facet(schema: string, fields: Record<string, unknown>): LineageFacet {
  return { _producer: LINEAGE_PRODUCER, _schemaURL: schema, ...fields };
}

function eventDataset(d: LineageDataset, output: boolean): LineageEventDataset {
  const facets: Record<string, LineageFacet> = {};
  if (d.version !== undefined) {
    facets.version = facet(`${FACET_SCHEMA}/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet`, {
      datasetVersion: d.version,
    });
  }
  const base = { namespace: d.namespace, name: d.name, facets };
  if (!output || d.rowCount === undefined) return base;
  return {
    ...base,
    outputFacets: {
      outputStatistics: facet(
        `${FACET_SCHEMA}/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet`,
        {
          rowCount: d.rowCount,
        },
      ),
    },
  };
}

/**
 * Builds an OpenLineage RunEvent for a stage run: the job, the run (with the execution date as nominal time, the
 * parameters and code version in a `sluice` facet, and for FAIL the error message), and the inputs and outputs
 * with their dataset versions.
 * @example
 * ```ts
 * import { createRunEvent, lineageDataset, lineageRunId } from '@sluice/data';
 *
 * const day = '2026-06-17';
 * const raw = { root: '/lake', name: 'raw_orders' };
 * const features = { root: '/lake', name: 'customer_features' };
 * const event = createRunEvent({
 *   eventType: 'COMPLETE',
 *   runId: lineageRunId('wf-uid', 'build-features'),
 *   job: { namespace: 'customer-features', name: 'build-features' },
 *   executionDate: day,
 *   parameters: { day },
 *   inputs: [await lineageDataset(raw, day)],
 *   outputs: [await lineageDataset(features, day, { rowCount: 1200 })],
 * });
 * ```
 */
export function createRunEvent(input: RunEventInput): RunEvent {
  if (!UUID.test(input.runId)) throw new TypeError(`lineage runId must be a UUID, got ${JSON.stringify(input.runId)}`);
  const day = executionDay(input.executionDate);
  const start = new Date(`${day}T00:00:00.000Z`);
  const end = new Date(start.getTime() + 86_400_000);
  const codeVersion = input.codeVersion ?? process.env.GIT_SHA;
  const runFacets: Record<string, LineageFacet> = {
    nominalTime: facet(`${FACET_SCHEMA}/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet`, {
      nominalStartTime: start.toISOString(),
      nominalEndTime: end.toISOString(),
    }),
    sluice: facet(SLUICE_FACET_SCHEMA, {
      executionDate: day,
      parameters: input.parameters ?? {},
      codeVersion: codeVersion ?? null,
    }),
  };
  if (input.eventType === 'FAIL' && input.error !== undefined) {
    const error = input.error;
    runFacets.errorMessage = facet(`${FACET_SCHEMA}/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet`, {
      message: error instanceof Error ? error.message : String(error),
      programmingLanguage: 'TypeScript',
      ...(error instanceof Error && error.stack ? { stackTrace: error.stack } : {}),
    });
  }
  return {
    eventType: input.eventType,
    eventTime: (input.eventTime ?? new Date()).toISOString(),
    run: { runId: input.runId, facets: runFacets },
    job: { namespace: input.job.namespace, name: input.job.name, facets: {} },
    inputs: (input.inputs ?? []).map((d) => eventDataset(d, false)),
    outputs: (input.outputs ?? []).map((d) => eventDataset(d, true)),
    producer: LINEAGE_PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA,
  };
}

/**
 * Options for {@link recordLineage}.
 * @example
 * ```ts
 * import { createRunEvent, lineageRunId, recordLineage, type RecordLineageOptions } from '@sluice/data';
 *
 * const options: RecordLineageOptions = { dir: '/tmp/lineage', url: 'http://marquez:5000/api/v1/lineage', timeoutMs: 2000 };
 * const event = createRunEvent({
 *   eventType: 'START',
 *   runId: lineageRunId('wf-uid', 'extract'),
 *   job: { namespace: 'customer-features', name: 'extract' },
 *   executionDate: '2026-06-17',
 * });
 * await recordLineage(event, options);
 * ```
 */
export interface RecordLineageOptions {
  /** Where event files go; default `SLUICE_LINEAGE_DIR`, else `<SLUICE_OUTPUTS_DIR>/../lineage`. */
  readonly dir?: string;
  /** The OpenLineage server; default `OPENLINEAGE_URL`. Events go to `<url>/api/v1/lineage` (or `OPENLINEAGE_ENDPOINT`). */
  readonly url?: string;
  /** How long the POST may take; default 2000 ms. */
  readonly timeoutMs?: number;
}

/**
 * What {@link recordLineage} did.
 * @example
 * ```ts
 * import { createRunEvent, type LineageRecord, lineageRunId, recordLineage } from '@sluice/data';
 *
 * const event = createRunEvent({
 *   eventType: 'START',
 *   runId: lineageRunId('wf-uid', 'extract'),
 *   job: { namespace: 'customer-features', name: 'extract' },
 *   executionDate: '2026-06-17',
 * });
 * const record: LineageRecord = await recordLineage(event, { dir: '/tmp/lineage' });
 * console.log(record.file, record.posted);
 * ```
 */
export interface LineageRecord {
  /** The event file written. */
  readonly file: string;
  /** Whether the event was POSTed and accepted (2xx); false when there is no URL or the POST failed. */
  readonly posted: boolean;
  /** Why the POST failed, if it did. The stage carries on regardless. */
  readonly postError?: string;
}

function defaultDir(): string {
  const env = process.env;
  if (env.SLUICE_LINEAGE_DIR) return env.SLUICE_LINEAGE_DIR;
  return join(env.SLUICE_OUTPUTS_DIR ?? '/tmp/sluice/outputs', '..', 'lineage');
}

/** A URL fit for a log line: no user name, password or query. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function endpoint(base: string): string {
  const path = process.env.OPENLINEAGE_ENDPOINT ?? 'api/v1/lineage';
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}

/**
 * Records a RunEvent: writes it atomically as JSON into the lineage directory
 * (`<job>.<runId>.<eventtype>.json`) and, when a URL is configured, POSTs it with a timeout. A failed or slow
 * POST never fails the stage: it is reported in the result for the stage to log.
 * @example
 * ```ts
 * import { createRunEvent, lineageRunId, recordLineage } from '@sluice/data';
 *
 * const event = createRunEvent({
 *   eventType: 'COMPLETE',
 *   runId: lineageRunId('wf-uid', 'extract'),
 *   job: { namespace: 'customer-features', name: 'extract' },
 *   executionDate: '2026-06-17',
 * });
 * const { posted, postError } = await recordLineage(event);
 * if (postError) console.error(JSON.stringify({ level: 'warn', msg: 'lineage POST failed', postError }));
 * ```
 */
export async function recordLineage(event: RunEvent, options: RecordLineageOptions = {}): Promise<LineageRecord> {
  const dir = options.dir ?? defaultDir();
  await mkdir(dir, { recursive: true });
  const safeJob = `${event.job.namespace}.${event.job.name}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  const file = join(dir, `${safeJob}.${event.run.runId}.${event.eventType.toLowerCase()}.json`);
  const body = `${JSON.stringify(event, null, 2)}\n`;
  await writeFileAtomic(file, body);
  const url = options.url ?? process.env.OPENLINEAGE_URL;
  if (!url) return { file, posted: false };
  let target: URL;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  try {
    target = new URL(endpoint(url));
  } catch {
    return { file, posted: false, postError: `OPENLINEAGE_URL ${redact(url)} is not a valid URL` };
  }
  if (target.username || target.password) {
    // Credentials in the URL become a Basic header; fetch refuses them in the URL, and they must not be logged.
    const user = decodeURIComponent(target.username);
    const password = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
    });
    await response.body?.cancel();
    if (!response.ok) return { file, posted: false, postError: `HTTP ${response.status} from ${redact(target.href)}` };
    return { file, posted: true };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      file,
      posted: false,
      postError: `POST ${redact(target.href)} failed: ${reason.replace(/\/\/[^/@\s]*@/g, '//')}`,
    };
  }
}
