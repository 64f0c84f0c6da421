import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Outputs } from '@sluice/argo-types';

/** One reusable success. */
export interface CacheEntry {
  /** The node that produced it. */
  readonly nodeName: string;
  readonly outputs: Outputs | undefined;
  readonly finishedAt: string;
}

/** One line of the journal. */
interface JournalLine {
  readonly key: string;
  readonly entry: CacheEntry;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The entries of a journal; a line cut short by a crash (the last one) is skipped, as if never written. */
export function parseJournal(text: string): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let parsed: JournalLine;
    try {
      parsed = JSON.parse(line) as JournalLine;
    } catch {
      continue;
    }
    if (typeof parsed?.key === 'string' && parsed.entry !== undefined) entries.set(parsed.key, parsed.entry);
  }
  return entries;
}

/**
 * The successful leaf outputs of a run, keyed by template and inputs, so that `--resume` re-runs only what did
 * not succeed. Kept in the run directory's `cache.jsonl`, one line appended as each leaf succeeds (before its
 * dependents start), so a runner killed at any moment (`kill -9`) loses no recorded success: the resume reads
 * every complete line and ignores a last line cut short.
 */
export class ResumeCache {
  readonly #entries: Map<string, CacheEntry>;

  private constructor(
    private readonly file: string,
    entries: Map<string, CacheEntry>,
    /** Entries of the earlier run, the only ones that may be reused. */
    private readonly reusable: ReadonlySet<string>,
  ) {
    this.#entries = entries;
  }

  /**
   * Opens the cache journal of a run directory; with `reuse`, the entries already there may be reused (also those
   * of a `cache.json` written by earlier versions next to it).
   */
  static async open(file: string, reuse: boolean): Promise<ResumeCache> {
    let entries = new Map<string, CacheEntry>();
    if (reuse) {
      const legacy = await readIfExists(path.join(path.dirname(file), 'cache.json'));
      if (legacy !== undefined) entries = new Map(Object.entries(JSON.parse(legacy) as Record<string, CacheEntry>));
      for (const [k, v] of parseJournal((await readIfExists(file)) ?? '')) entries.set(k, v);
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

  /**
   * Records a success and appends it to the journal at once (synchronously: one `write` of one line, so that a
   * crash right after leaves it complete or absent, never half-recorded with a dependent already started).
   */
  put(key: string, entry: CacheEntry): void {
    this.#entries.set(key, entry);
    const line: JournalLine = { key, entry };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}
