import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Outputs } from '@sluice/argo-types';
import { writeFileAtomic } from '../run-dir/atomic.js';

/** One reusable success. */
export interface CacheEntry {
  /** The node that produced it. */
  readonly nodeName: string;
  readonly outputs: Outputs | undefined;
  readonly finishedAt: string;
}

/**
 * The successful leaf outputs of a run, keyed by template and inputs, so that `--resume` re-runs only what did
 * not succeed. Persisted in the run directory's `cache.json` (atomic writes).
 */
export class ResumeCache {
  readonly #entries: Map<string, CacheEntry>;
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    entries: Map<string, CacheEntry>,
    /** Entries of the earlier run, the only ones that may be reused. */
    private readonly reusable: ReadonlySet<string>,
  ) {
    this.#entries = entries;
  }

  /** Opens the cache of a run directory; with `reuse`, the entries already there may be reused. */
  static async open(file: string, reuse: boolean): Promise<ResumeCache> {
    let entries = new Map<string, CacheEntry>();
    if (reuse) {
      try {
        entries = new Map(Object.entries(JSON.parse(await readFile(file, 'utf8')) as Record<string, CacheEntry>));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return new ResumeCache(file, entries, new Set(entries.keys()));
  }

  /** The key of a leaf: its template identity and fully substituted definition (inputs included). */
  static key(templateId: string, substituted: unknown, partition: unknown): string {
    return createHash('sha256')
      .update(JSON.stringify([templateId, substituted, partition ?? null]))
      .digest('hex');
  }

  /** A reusable entry of the earlier run. */
  hit(key: string): CacheEntry | undefined {
    return this.reusable.has(key) ? this.#entries.get(key) : undefined;
  }

  /** Records a success. */
  put(key: string, entry: CacheEntry): void {
    this.#entries.set(key, entry);
  }

  /** Writes `cache.json`. */
  flush(): Promise<void> {
    const text = JSON.stringify(Object.fromEntries(this.#entries));
    this.#writing = this.#writing.then(() => writeFileAtomic(this.file, text));
    return this.#writing;
  }
}
