/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
export class Limiter {
  #active = 0;
  #peak = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    /** Most holders at once; `Infinity` for no limit. */
    readonly limit: number,
  ) {
    if (!(limit >= 1)) throw new RangeError(`a concurrency limit must be at least 1, got ${limit}`);
  }

  /** Holders right now. */
  get active(): number {
    return this.#active;
  }

  /** Most holders seen at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Waits for a slot; call the returned function exactly once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    this.#peak = Math.max(this.#peak, this.#active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    };
  }

  /** Runs `fn` holding a slot. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** Holds a slot of every limiter in order (outermost first), released in reverse. */
export async function acquireAll(limiters: readonly (Limiter | undefined)[]): Promise<() => void> {
  const releases: (() => void)[] = [];
  for (const l of limiters) if (l) releases.push(await l.acquire());
  return () => {
    for (const r of releases.reverse()) r();
  };
}
