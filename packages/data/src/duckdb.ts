import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * Options for {@link openDuckDB}.
 * @example
 * ```ts
 * import { openDuckDB, type OpenDuckDBOptions } from '@sluice/data';
 *
 * const options: OpenDuckDBOptions = { threads: 2, memoryLimit: '1GB', scratchDir: '/tmp/scratch' };
 * const db = await openDuckDB(options);
 * db.close();
 * ```
 */
export interface OpenDuckDBOptions {
  /** A database file; default an in-memory database (a stage's state lives in Parquet, not in DuckDB). */
  readonly path?: string;
  /** Scratch directory for DuckDB's spill files and its (empty) extension directory; default the OS temp dir. */
  readonly scratchDir?: string;
  /** Worker threads; default DuckDB's (the number of cores). Set it to the pod's CPU limit. */
  readonly threads?: number;
  /** Memory limit such as `'2GB'`; set it below the pod's memory limit so DuckDB spills instead of being OOM-killed. */
  readonly memoryLimit?: string;
  /** Further DuckDB settings, applied after the safe defaults (so they can override them). */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * An open DuckDB database and one connection to it. Close it when the stage is done.
 * @example
 * ```ts
 * import { type DuckDB, openDuckDB } from '@sluice/data';
 *
 * const db: DuckDB = await openDuckDB();
 * try {
 *   const reader = await db.connection.runAndReadAll('SELECT 42 AS answer');
 *   console.log(reader.getRowObjects()); // [ { answer: 42 } ]
 * } finally {
 *   db.close();
 * }
 * ```
 */
export interface DuckDB {
  /** The DuckDB instance (one per process is enough). */
  readonly instance: DuckDBInstance;
  /** A connection to run SQL on. */
  readonly connection: DuckDBConnection;
  /** Closes the connection and the instance. Safe to call twice. */
  close(): void;
}

/**
 * Opens DuckDB with settings that suit a stage container: no extension is downloaded or auto-loaded
 * (Parquet and JSON are built in; a stage must not fetch code at run time), community extensions are off,
 * and the extension and spill directories point into scratch space (the root filesystem is read-only in Argo).
 * @example
 * ```ts
 * import { openDuckDB } from '@sluice/data';
 *
 * const db = await openDuckDB({ threads: 2, memoryLimit: '1GB', scratchDir: process.env.SLUICE_SCRATCH_DIR });
 * try {
 *   const rows = await db.connection.runAndReadAll('SELECT 42 AS answer');
 * } finally {
 *   db.close();
 * }
 * ```
 */
export async function openDuckDB(options: OpenDuckDBOptions = {}): Promise<DuckDB> {
  const scratch = options.scratchDir ?? join(tmpdir(), 'sluice-duckdb');
  const extensionDir = join(scratch, 'duckdb-extensions');
  const spillDir = join(scratch, 'duckdb-spill');
  await mkdir(extensionDir, { recursive: true, mode: 0o700 });
  const settings: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    extension_directory: extensionDir,
    temp_directory: spillDir,
  };
  if (options.threads !== undefined) {
    if (!Number.isInteger(options.threads) || options.threads < 1) {
      throw new RangeError(`openDuckDB: threads must be a positive integer, got ${options.threads}`);
    }
    settings.threads = String(options.threads);
  }
  if (options.memoryLimit !== undefined) settings.memory_limit = options.memoryLimit;
  Object.assign(settings, options.settings);
  // The native binding is loaded on first use: importing a stage for its definition must not load DuckDB.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', settings);
  const connection = await instance.connect();
  let closed = false;
  return {
    instance,
    connection,
    close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}
