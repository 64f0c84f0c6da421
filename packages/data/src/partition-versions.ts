import { link, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { FatalError } from '@sluice/runtime';
import type { Table } from 'apache-arrow';
import { partitionContentHash } from './content-hash.js';
import { type DatasetRef, datasetDir, executionDay, partFileName } from './dataset.js';
import { fsyncDir, fsyncFile } from './fs-atomic.js';
import { nodeCrypto } from './node-crypto.js';
import { lockPartition } from './partition-lock.js';
import { quoteString } from './sql.js';

/**
 * What a new partition version is made from: a query DuckDB runs, or an Arrow table.
 * @example
 * ```ts
 * import { openDuckDB, type PartitionSource, replacePartition } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const source: PartitionSource = { query: "SELECT * FROM read_csv('/tmp/orders.csv')" };
 * await replacePartition(db.connection, { root: '/lake', name: 'raw_orders' }, '2026-06-17', source);
 * ```
 */
export type PartitionSource =
  /** A `SELECT` (or any query) whose result becomes the partition. */
  | { readonly query: string }
  /** An Arrow table whose rows become the partition. */
  | { readonly arrow: Table };

/**
 * Options for {@link replacePartition}.
 * @example
 * ```ts
 * import type { ReplacePartitionOptions } from '@sluice/data';
 *
 * const options: ReplacePartitionOptions = { keepVersions: 5, compression: 'zstd', lockTimeoutMs: 60_000 };
 * ```
 */
export interface ReplacePartitionOptions {
  /** How many versions to keep (the current one is always kept as well); default 3, at least 1. */
  readonly keepVersions?: number;
  /** Parquet compression codec; default `zstd`. */
  readonly compression?: 'zstd' | 'snappy' | 'gzip' | 'uncompressed';
  /**
   * Whether to fsync the new files and directories before and after the swap; default true. With false the
   * replace is still atomic for readers and safe against a killed process (the operating system keeps what a
   * dead process wrote), but a node crash or power loss can lose or tear the newest version. On a busy disk an
   * fsync can cost more than the query itself; turn it off only for data you can recompute.
   */
  readonly durable?: boolean;
  /**
   * How long to wait, in milliseconds, while another writer (another run, another process) is replacing the same
   * partition; default 600000 (10 minutes). Writers of one partition take turns; the last to finish is current.
   */
  readonly lockTimeoutMs?: number;
}

/**
 * The result of writing a partition version.
 * @example
 * ```ts
 * import { openDuckDB, type PartitionWrite, replacePartition } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const write: PartitionWrite = await replacePartition(db.connection, { root: '/lake', name: 'orders' }, '2026-06-17', {
 *   query: 'SELECT 1 AS order_id',
 * });
 * console.log(`version ${write.version} (was ${write.previousVersion}), ${write.rows} rows, ${write.contentHash}`);
 * ```
 */
export interface PartitionWrite {
  /** The execution day, `YYYY-MM-DD`. */
  readonly date: string;
  /** The new version's number (1, 2, …). */
  readonly version: number;
  /** The version that was current before, if any. */
  readonly previousVersion: number | undefined;
  /** Rows written. */
  readonly rows: number;
  /** The data files, relative to the partition directory. */
  readonly files: readonly string[];
  /** {@link partitionContentHash} of the new version. */
  readonly contentHash: string;
  /** The partition path readers use, `<root>/<name>/date=YYYY-MM-DD`. */
  readonly path: string;
  /** Versions removed because more than `keepVersions` were kept. */
  readonly pruned: readonly number[];
}

/**
 * One kept version of a partition, as {@link listPartitionVersions} reports it.
 * @example
 * ```ts
 * import { listPartitionVersions, type PartitionVersion } from '@sluice/data';
 *
 * const versions: PartitionVersion[] = await listPartitionVersions({ root: '/lake', name: 'orders' }, '2026-06-17');
 * const current = versions.find((v) => v.current);
 * ```
 */
export interface PartitionVersion {
  /** The version's number. */
  readonly version: number;
  /** Whether the partition path points at this version. */
  readonly current: boolean;
  /** Rows in this version. */
  readonly rows: number;
  /** {@link partitionContentHash} of this version. */
  readonly contentHash: string;
  /** The version's own directory (stable while the version is kept). */
  readonly path: string;
  /** When the version was written (ISO 8601, for operators; pipeline logic uses the execution date). */
  readonly writtenAt: string;
  /** For a version made by {@link rollbackPartition}: the version whose content it restored. */
  readonly restoredFrom?: number;
}

interface VersionManifest {
  readonly version: number;
  readonly rows: number;
  readonly files: readonly string[];
  readonly contentHash: string;
  readonly writtenAt: string;
  readonly restoredFrom?: number;
}

const MANIFEST = '_version.json';
const COMPRESSIONS: readonly string[] = ['zstd', 'snappy', 'gzip', 'uncompressed'];
const VERSION_DIR = /^v(\d{5,})$/;
const LEFTOVER = /^\.(staging|trash)-/;

interface Layout {
  readonly date: string;
  /** `<root>/<name>` */
  readonly datasetDir: string;
  /** `<root>/<name>/date=D` — a symlink to the current version. */
  readonly link: string;
  /** `<root>/<name>/.versions/date=D` */
  readonly versionsDir: string;
  /** Whether files and directories are fsynced (see {@link ReplacePartitionOptions.durable}). */
  readonly durable: boolean;
}

async function syncDir(l: Layout, path: string): Promise<void> {
  if (l.durable) await fsyncDir(path);
}

async function syncFile(l: Layout, path: string): Promise<void> {
  if (l.durable) await fsyncFile(path);
}

/** Writes a file inside a staging directory (not yet visible to readers, so no temp-and-rename is needed). */
async function writeStagedFile(l: Layout, path: string, text: string): Promise<void> {
  await writeFile(path, text, { flag: 'wx', mode: 0o644 });
  await syncFile(l, path);
}

function layout(dataset: DatasetRef, date: string | Date, durable = true): Layout {
  const day = executionDay(date);
  const dir = datasetDir(dataset);
  return {
    date: day,
    datasetDir: dir,
    link: join(dir, `date=${day}`),
    versionsDir: join(dir, '.versions', `date=${day}`),
    durable,
  };
}

function versionName(version: number): string {
  return `v${version.toString().padStart(5, '0')}`;
}

async function readCurrentVersion(l: Layout): Promise<number | undefined> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(l.link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!info.isSymbolicLink()) {
    throw new FatalError(
      `partition ${l.link} is a plain directory, not one managed by replacePartition; ` +
        'move it aside (or load it through replacePartition) before replacing this date',
    );
  }
  const target = await readlink(l.link);
  const match = VERSION_DIR.exec(basename(target));
  if (!match?.[1])
    throw new FatalError(`partition link ${l.link} points at ${target}, which is not a version directory`);
  return Number(match[1]);
}

async function listVersionNumbers(l: Layout): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(l.versionsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((n) => VERSION_DIR.exec(n)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Moves a version aside under a trash name, then deletes it: a kill mid-delete never leaves a half version. */
async function discardVersion(l: Layout, version: number): Promise<void> {
  const trash = join(l.versionsDir, `.trash-${nodeCrypto().randomUUID()}`);
  await rename(join(l.versionsDir, versionName(version)), trash);
  await syncDir(l, l.versionsDir);
  await rm(trash, { recursive: true, force: true });
}

/**
 * Removes what an interrupted write left behind: staging and trash directories, half-made links, and versions
 * numbered above the current one (complete, but never swapped in: the current version is always the highest).
 */
async function cleanLeftovers(l: Layout, current: number | undefined): Promise<void> {
  const versionEntries = await readdir(l.versionsDir).catch(() => [] as string[]);
  for (const name of versionEntries) {
    if (LEFTOVER.test(name)) await rm(join(l.versionsDir, name), { recursive: true, force: true });
  }
  for (const version of await listVersionNumbers(l)) {
    if (current === undefined || version > current) await discardVersion(l, version);
  }
  const linkPrefix = `.date=${l.date}.link-`;
  const datasetEntries = await readdir(l.datasetDir).catch(() => [] as string[]);
  for (const name of datasetEntries) {
    if (name.startsWith(linkPrefix)) await rm(join(l.datasetDir, name), { force: true });
  }
}

/** Points the partition link at a version, atomically (a new link renamed over the old one). */
async function swapLink(l: Layout, version: number): Promise<void> {
  const tmp = join(l.datasetDir, `.date=${l.date}.link-${nodeCrypto().randomUUID()}`);
  await symlink(join('.versions', `date=${l.date}`, versionName(version)), tmp);
  await rename(tmp, l.link);
  await syncDir(l, l.datasetDir);
}

async function prune(l: Layout, keep: number, current: number): Promise<number[]> {
  const versions = await listVersionNumbers(l);
  const kept = new Set(versions.slice(-keep));
  kept.add(current);
  const pruned = versions.filter((v) => !kept.has(v));
  for (const v of pruned) await discardVersion(l, v);
  return pruned;
}

/** Renames a finished staging directory to the next version, swaps the link to it and prunes old versions. */
async function publish(l: Layout, staging: string, version: number, keep: number): Promise<readonly number[]> {
  await syncDir(l, staging);
  await rename(staging, join(l.versionsDir, versionName(version)));
  await syncDir(l, l.versionsDir);
  await swapLink(l, version);
  return prune(l, keep, version);
}

function checkKeep(keep: number, fn: string): number {
  if (!Number.isInteger(keep) || keep < 1) {
    throw new RangeError(`${fn}: keepVersions must be an integer of at least 1, got ${keep}`);
  }
  return keep;
}

/**
 * Refuses a source that is neither `{ query }` with a non-empty string nor `{ arrow }`, before anything touches the
 * disk. Without it a misspelt key (`{ sql: … }`) reached DuckDB as `COPY (undefined) TO …`.
 */
function checkSource(source: unknown, fn: string): asserts source is PartitionSource {
  const s = source as { query?: unknown; arrow?: unknown } | null;
  if (typeof s === 'object' && s !== null) {
    if ('arrow' in s && typeof s.arrow === 'object' && s.arrow !== null) return;
    if (typeof s.query === 'string' && s.query.trim() !== '') return;
  }
  const given =
    typeof s === 'object' && s !== null ? `an object with keys ${Object.keys(s).join(', ') || '(none)'}` : String(s);
  throw new TypeError(`${fn}: source must be { query: '<SQL>' } or { arrow: <Arrow table> }, got ${given}`);
}

async function writeSource(
  connection: DuckDBConnection,
  source: PartitionSource,
  file: string,
  compression: string,
): Promise<number> {
  let query: string;
  let temp: string | undefined;
  if ('arrow' in source) {
    // Loaded on demand: a stage that never hands over Arrow tables does not pay for loading apache-arrow.
    const { arrowToTempTable } = await import('./arrow-to-duckdb.js');
    temp = await arrowToTempTable(connection, source.arrow);
    query = `SELECT * FROM ${temp}`;
  } else {
    query = source.query;
  }
  try {
    const result = await connection.runAndReadAll(
      `COPY (${query}) TO ${quoteString(file)} (FORMAT parquet, COMPRESSION ${compression})`,
    );
    const count = result.getRows()[0]?.[0];
    return typeof count === 'bigint' || typeof count === 'number' ? Number(count) : 0;
  } finally {
    if (temp !== undefined) await connection.run(`DROP TABLE IF EXISTS ${temp}`);
  }
}

/**
 * Writes a new version of a date's partition beside the current one and swaps it in atomically: the partition
 * path `<root>/<name>/date=YYYY-MM-DD` is a symbolic link to `.versions/date=YYYY-MM-DD/vNNNNN`, replaced by
 * renaming a new link over it. A reader sees the old version or the new one, never a mix; running the same date
 * again replaces it (never duplicates rows); the newest `keepVersions` versions stay for
 * {@link rollbackPartition}.
 *
 * Crash safety: the version is written into a staging directory, fsynced, renamed to its version name, and only
 * then linked; old versions are renamed to a trash name before they are deleted. A process killed at any point
 * leaves the old or the new version current, and the next call removes whatever the killed one left behind
 * (including a version that was complete but never swapped in: the current version is always the highest).
 * Concurrent writers of one partition take turns: each holds the partition's lock file (`O_EXCL`, with its pid)
 * while it writes, and the leftover cleanup runs only under that lock, so it never removes a live writer's staging
 * directory; a lock whose process is gone (killed) is broken by the next writer. Waiting longer than
 * `lockTimeoutMs` fails with a message naming the holder.
 * @example
 * ```ts
 * import { openDuckDB, replacePartition } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const write = await replacePartition(
 *   db.connection,
 *   { root: '/lake', name: 'orders' },
 *   '2026-06-17',
 *   { query: "SELECT * FROM read_parquet('/tmp/staging/*.parquet') WHERE amount >= 0" },
 *   { keepVersions: 3 },
 * );
 * ```
 */
export async function replacePartition(
  connection: DuckDBConnection,
  dataset: DatasetRef,
  date: string | Date,
  source: PartitionSource,
  options: ReplacePartitionOptions = {},
): Promise<PartitionWrite> {
  checkSource(source, 'replacePartition');
  const keep = checkKeep(options.keepVersions ?? 3, 'replacePartition');
  const compression = options.compression ?? 'zstd';
  if (!COMPRESSIONS.includes(compression)) {
    throw new RangeError(`replacePartition: compression must be one of ${COMPRESSIONS.join(', ')}, got ${compression}`);
  }
  const l = layout(dataset, date, options.durable ?? true);
  await mkdir(l.versionsDir, { recursive: true });
  const unlock = await lockPartition(l.versionsDir, l.link, { timeoutMs: options.lockTimeoutMs });
  try {
    return await replaceLocked(connection, l, source, keep, compression);
  } finally {
    await unlock();
  }
}

async function replaceLocked(
  connection: DuckDBConnection,
  l: Layout,
  source: PartitionSource,
  keep: number,
  compression: string,
): Promise<PartitionWrite> {
  const previousVersion = await readCurrentVersion(l);
  await cleanLeftovers(l, previousVersion);
  const version = (previousVersion ?? 0) + 1;

  const staging = join(l.versionsDir, `.staging-${nodeCrypto().randomUUID()}`);
  await mkdir(staging);
  const file = partFileName(0);
  let rows: number;
  let contentHash: string;
  try {
    rows = await writeSource(connection, source, join(staging, file), compression);
    await syncFile(l, join(staging, file));
    contentHash = await partitionContentHash(staging);
    const manifest: VersionManifest = {
      version,
      rows,
      files: [file],
      contentHash,
      writtenAt: new Date().toISOString(),
    };
    await writeStagedFile(l, join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    // A failed query leaves nothing behind (a killed process leaves the staging directory to the next call).
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const pruned = await publish(l, staging, version, keep);
  return { date: l.date, version, previousVersion, rows, files: [file], contentHash, path: l.link, pruned };
}

async function readManifest(dir: string): Promise<VersionManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as VersionManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Lists the kept versions of a date's partition, oldest first, marking the current one.
 * @example
 * ```ts
 * import { listPartitionVersions } from '@sluice/data';
 *
 * for (const v of await listPartitionVersions({ root: '/lake', name: 'orders' }, '2026-06-17')) {
 *   console.log(v.version, v.current ? '(current)' : '', v.rows, v.writtenAt);
 * }
 * ```
 */
export async function listPartitionVersions(dataset: DatasetRef, date: string | Date): Promise<PartitionVersion[]> {
  const l = layout(dataset, date);
  const current = await readCurrentVersion(l);
  const result: PartitionVersion[] = [];
  for (const version of await listVersionNumbers(l)) {
    const path = join(l.versionsDir, versionName(version));
    const manifest = await readManifest(path);
    // A version above the current one was never swapped in (a killed write); the next write removes it.
    if (manifest === undefined || current === undefined || version > current) continue;
    result.push({
      version,
      current: version === current,
      rows: manifest.rows,
      contentHash: manifest.contentHash,
      path,
      writtenAt: manifest.writtenAt,
      ...(manifest.restoredFrom === undefined ? {} : { restoredFrom: manifest.restoredFrom }),
    });
  }
  return result;
}

/**
 * The result of {@link rollbackPartition}.
 * @example
 * ```ts
 * import { type PartitionRollback, rollbackPartition } from '@sluice/data';
 *
 * const rollback: PartitionRollback = await rollbackPartition({ root: '/lake', name: 'orders' }, '2026-06-17');
 * console.log(`restored version ${rollback.restored} as version ${rollback.version} (was ${rollback.from})`);
 * ```
 */
export interface PartitionRollback {
  /** The version that was current before. */
  readonly from: number;
  /** The kept version whose content was restored. */
  readonly restored: number;
  /** The new version (a copy of `restored`, sharing its files by hard link) that is current now. */
  readonly version: number;
}

/**
 * Options for {@link rollbackPartition}.
 * @example
 * ```ts
 * import { rollbackPartition, type RollbackPartitionOptions } from '@sluice/data';
 *
 * const options: RollbackPartitionOptions = { keepVersions: 5 };
 * await rollbackPartition({ root: '/lake', name: 'orders' }, '2026-06-17', 2, options);
 * ```
 */
export interface RollbackPartitionOptions {
  /** How many versions to keep afterwards, as for {@link replacePartition}; default 3. */
  readonly keepVersions?: number;
}

/**
 * Restores an earlier kept version of a date's partition (the seed's "object storage versioning so a bad load can
 * be reversed"): its files are hard-linked into a new version, which is swapped in atomically like any load. So
 * the current version is always the highest-numbered one, a rollback can itself be rolled back, and a kill at any
 * point leaves the old or the restored content. Without `version`, restores the version just before the current.
 * @example
 * ```ts
 * import { rollbackPartition } from '@sluice/data';
 *
 * await rollbackPartition({ root: '/lake', name: 'orders' }, '2026-06-17'); // back to the version before the current one
 * ```
 */
export async function rollbackPartition(
  dataset: DatasetRef,
  date: string | Date,
  version?: number,
  options: RollbackPartitionOptions = {},
): Promise<PartitionRollback> {
  const keep = checkKeep(options.keepVersions ?? 3, 'rollbackPartition');
  const l = layout(dataset, date);
  if ((await readCurrentVersion(l)) === undefined) {
    throw new FatalError(`cannot roll back ${l.link}: the partition does not exist`);
  }
  const unlock = await lockPartition(l.versionsDir, l.link);
  try {
    return await rollbackLocked(l, keep, version);
  } finally {
    await unlock();
  }
}

async function rollbackLocked(l: Layout, keep: number, version: number | undefined): Promise<PartitionRollback> {
  const current = await readCurrentVersion(l);
  if (current === undefined) throw new FatalError(`cannot roll back ${l.link}: the partition does not exist`);
  await cleanLeftovers(l, current);
  const versions = await listVersionNumbers(l);
  const target = version ?? versions.filter((v) => v < current).at(-1);
  if (target === undefined) {
    throw new FatalError(
      `cannot roll back ${l.link}: no version older than the current v${current} is kept (kept: ${versions.join(', ')})`,
    );
  }
  const source = join(l.versionsDir, versionName(target));
  const manifest = versions.includes(target) ? await readManifest(source) : undefined;
  if (manifest === undefined) {
    throw new FatalError(
      `cannot roll back ${l.link} to version ${target}: it is not kept; kept versions are ${versions.join(', ')}`,
    );
  }
  const next = current + 1;
  const staging = join(l.versionsDir, `.staging-${nodeCrypto().randomUUID()}`);
  await mkdir(staging);
  for (const file of manifest.files) await link(join(source, file), join(staging, file));
  const restored: VersionManifest = {
    ...manifest,
    version: next,
    writtenAt: new Date().toISOString(),
    restoredFrom: target,
  };
  await writeStagedFile(l, join(staging, MANIFEST), `${JSON.stringify(restored, null, 2)}\n`);
  await publish(l, staging, next, keep);
  return { from: current, restored: target, version: next };
}
