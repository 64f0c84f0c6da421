import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { FatalError } from './errors.js';
import type { Logger } from './logger.js';

/**
 * The checkpoint of one workflow + node + partition. A retried attempt (after preemption or a retriable error)
 * loads what the previous attempt saved and continues from there.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 *
 * export default defineStage({
 *   name: 'backfill',
 *   async run(ctx) {
 *     const state = (await ctx.checkpoint.load<{ offset: number }>()) ?? { offset: 0 };
 *     for (let offset = state.offset; offset < 10_000; offset += 1000) {
 *       ctx.log.info('batch', { offset });
 *       await ctx.checkpoint.save({ offset: offset + 1000 });
 *     }
 *   },
 * });
 * ```
 */
export interface CheckpointStore {
  /** The checkpoint file. */
  readonly file: string;
  /** The state the last attempt saved, or `undefined` when there is none (a first attempt). */
  load<T>(): Promise<T | undefined>;
  /**
   * Saves `state` (anything JSON can hold), snapshotting it now, and resolves once it is durable: temp file,
   * fsync, rename, fsync of the directory. Saves are written in order; when several are queued only the latest
   * is written. On SIGTERM the runtime waits for the latest save to land before exiting.
   */
  save(state: unknown): Promise<void>;
  /** Deletes the checkpoint. The runtime does this itself when the stage succeeds. */
  clear(): Promise<void>;
}

/** Who a checkpoint belongs to; a saved file whose identity does not match is ignored. */
export interface CheckpointIdentity {
  readonly stage: string;
  readonly executionDate: string;
  readonly partition: { readonly index: number; readonly count: number };
}

interface Envelope extends CheckpointIdentity {
  readonly sluiceCheckpoint: 1;
  readonly state: unknown;
}

/** A path segment made safe: anything but letters, digits, `.`, `_`, `-` becomes `_`; never `.` or `..`. */
export function safeSegment(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]/g, '_');
  return cleaned === '' || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Argo names a retried node `name(1)`, `name(2)`, …: the checkpoint key drops that suffix so retries share it. */
export function stableNodeName(node: string): string {
  return node.replace(/\(\d+\)$/, '');
}

/**
 * The checkpoint file of a workflow + node + partition under `root`:
 * `<root>/<workflow name>/<workflow uid>/<node>/partition-<index>.json`.
 */
export function checkpointFile(
  root: string,
  workflow: { name: string; uid: string },
  node: string,
  partitionIndex: number,
): string {
  return join(
    root,
    safeSegment(workflow.name),
    safeSegment(workflow.uid),
    safeSegment(stableNodeName(node)),
    `partition-${partitionIndex}.json`,
  );
}

/** The checkpoint store behind `ctx.checkpoint`, with the `flush` the runtime calls on SIGTERM. */
export class CheckpointFile implements CheckpointStore {
  readonly file: string;
  readonly #identity: CheckpointIdentity;
  readonly #log: Logger;
  #latest = '';
  #requested = 0;
  #written = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(file: string, identity: CheckpointIdentity, log: Logger) {
    this.file = file;
    this.#identity = identity;
    this.#log = log;
  }

  async load<T>(): Promise<T | undefined> {
    await this.#removeStaleTemps();
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      throw new FatalError(
        `checkpoint ${this.file} is not valid JSON: it was not written by the Sluice runtime; delete it to start over`,
      );
    }
    if (envelope?.sluiceCheckpoint !== 1)
      throw new FatalError(`checkpoint ${this.file} has no sluiceCheckpoint: 1 header: delete it to start over`);
    const want = this.#identity;
    const mismatch =
      envelope.stage !== want.stage ||
      envelope.executionDate !== want.executionDate ||
      envelope.partition?.index !== want.partition.index ||
      envelope.partition?.count !== want.partition.count;
    if (mismatch) {
      this.#log.warn('ignoring a checkpoint saved by a different stage, date or partition', {
        checkpoint: this.file,
        saved: { stage: envelope.stage, executionDate: envelope.executionDate, partition: envelope.partition },
      });
      return undefined;
    }
    return envelope.state as T;
  }

  /** Temporary files an attempt killed mid-write left behind (only one attempt of a node runs at a time). */
  async #removeStaleTemps(): Promise<void> {
    const name = basename(this.file);
    const dir = dirname(this.file);
    const entries = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      entries
        .filter((entry) => entry.startsWith(`.${name}.`) && entry.endsWith('.tmp'))
        .map((entry) => rm(join(dir, entry), { force: true })),
    );
  }

  save(state: unknown): Promise<void> {
    const envelope: Envelope = { sluiceCheckpoint: 1, ...this.#identity, state };
    const text = JSON.stringify(envelope);
    if (state === undefined || text === undefined)
      return Promise.reject(new TypeError('ctx.checkpoint.save: the state must be a JSON value, not undefined'));
    this.#latest = text;
    const generation = ++this.#requested;
    const link = this.#chain.catch(() => undefined).then(() => this.#writeUpTo(generation));
    this.#chain = link;
    return link;
  }

  async #writeUpTo(generation: number): Promise<void> {
    if (this.#written >= generation) return;
    const target = this.#requested;
    await writeFileAtomic(this.file, this.#latest, 0o600);
    this.#written = target;
  }

  /** Waits until every save requested so far is durable (or failed). */
  async flush(): Promise<void> {
    await this.#chain.catch(() => undefined);
  }

  async clear(): Promise<void> {
    await this.flush();
    await rm(this.file, { force: true });
  }
}
