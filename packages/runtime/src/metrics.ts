import { writeFileAtomic } from './atomic-write.js';
import { type Logger, processRedactor, type Redactor } from './logger.js';
import { MetricFamily, MetricRegistry } from './prometheus-text.js';
import { pushToGateway } from './pushgateway-push.js';

/**
 * A user counter from `ctx.metrics.counter(…)`.
 * @example
 * ```ts
 * import type { StageContext, StageCounter } from '@sluice/runtime';
 *
 * const rejected = (ctx: StageContext<unknown>): StageCounter =>
 *   ctx.metrics.counter('rows_rejected_total', 'Rows sent to the dead letters', ['reason']);
 * ```
 */
export interface StageCounter {
  /** Adds `value` (default 1, never negative). */
  inc(value?: number, labels?: Readonly<Record<string, string>>): void;
}

/**
 * A user gauge from `ctx.metrics.gauge(…)`.
 * @example
 * ```ts
 * import type { StageContext, StageGauge } from '@sluice/runtime';
 *
 * function recordLag(ctx: StageContext<unknown>, seconds: number): void {
 *   const lag: StageGauge = ctx.metrics.gauge('source_lag_seconds', 'How far the source is behind');
 *   lag.set(seconds);
 * }
 * ```
 */
export interface StageGauge {
  /** Sets the value. */
  set(value: number, labels?: Readonly<Record<string, string>>): void;
  /** Adds `value` (default 1). */
  inc(value?: number, labels?: Readonly<Record<string, string>>): void;
  /** Subtracts `value` (default 1). */
  dec(value?: number, labels?: Readonly<Record<string, string>>): void;
}

/**
 * `ctx.metrics`: the built-in job metrics the stage feeds, and user metrics.
 * @example
 * ```ts
 * import type { StageMetrics } from '@sluice/runtime';
 *
 * function countBatch(metrics: StageMetrics, batch: readonly unknown[]): void {
 *   metrics.processedRows(batch.length);
 * }
 * ```
 */
export interface StageMetrics {
  /** Adds to `job_processed_rows`. @example `ctx.metrics.processedRows(batch.length)` */
  processedRows(rows: number): void;
  /**
   * A counter of the stage's own (created once, returned again on later calls with the same name).
   * @example `ctx.metrics.counter('rows_rejected_total', 'Rows sent to the dead letters').inc(3)`
   */
  counter(name: string, help: string, labelNames?: readonly string[]): StageCounter;
  /** A gauge of the stage's own. @example `ctx.metrics.gauge('source_lag_seconds', 'Source lag').set(12)` */
  gauge(name: string, help: string, labelNames?: readonly string[]): StageGauge;
}

/** The grouping key every push carries (and, in the file, every sample's labels). */
export interface MetricsGrouping {
  readonly pipeline: string;
  readonly stage: string;
  readonly partition: string;
  readonly execution_date: string;
}

/** Where and how metrics are delivered. */
export interface MetricsSinkOptions {
  /** Pushgateway base URL; without it metrics go to `file`. */
  readonly pushgatewayUrl?: string | undefined;
  /** The Prometheus text file used without a Pushgateway. */
  readonly file: string;
  /** Push timeout in milliseconds (default 2000). A push never takes longer and never throws. */
  readonly timeoutMs: number;
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const builtIn = new Set(['job_success', 'job_duration_seconds', 'job_processed_rows', 'job_retries_total']);

/**
 * The metrics of one stage process: `job_success`, `job_duration_seconds`, `job_processed_rows`,
 * `job_retries_total` and user metrics, in a registry of their own, delivered to a Pushgateway (HTTP PUT of the
 * group `job/<pipeline>/pipeline/…/stage/…/partition/…/execution_date/…`) or written atomically as Prometheus
 * text.
 */
export class StageMetricsRegistry implements StageMetrics {
  readonly registry = new MetricRegistry();
  readonly #grouping: MetricsGrouping;
  readonly #sink: MetricsSinkOptions;
  readonly #log: Logger;
  readonly #startedAt: number;
  readonly #duration: MetricFamily;
  readonly #rows: MetricFamily;
  readonly #user = new Map<string, MetricFamily>();
  #success: MetricFamily | undefined;
  #delivering: Promise<void> = Promise.resolve();
  #busy = false;

  readonly #redactor: Redactor;

  constructor(
    grouping: MetricsGrouping,
    retry: number,
    sink: MetricsSinkOptions,
    log: Logger,
    startedAt: number,
    redactor: Redactor = processRedactor(),
  ) {
    this.#redactor = redactor;
    this.#grouping = grouping;
    this.#sink = sink;
    this.#log = log;
    this.#startedAt = startedAt;
    // The Pushgateway adds the grouping labels itself; a text file has no grouping key, so its samples carry them.
    if (!sink.pushgatewayUrl) this.registry.setDefaultLabels({ job: grouping.pipeline, ...grouping });
    const family = (kind: 'counter' | 'gauge', name: string, help: string) =>
      this.registry.register(new MetricFamily(kind, name, help, []));
    this.#duration = family(
      'gauge',
      'job_duration_seconds',
      'Seconds this stage attempt has run (final at the end of the attempt)',
    );
    this.#rows = family('counter', 'job_processed_rows', 'Rows this stage attempt processed');
    family('counter', 'job_retries_total', 'Retries before this attempt (0 on the first attempt)').inc({}, retry);
  }

  processedRows(rows: number): void {
    if (!Number.isFinite(rows) || rows < 0)
      throw new RangeError(`ctx.metrics.processedRows: ${rows} is not a non-negative number of rows`);
    this.#rows.inc({}, rows);
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): StageCounter {
    const metric = this.#userMetric('counter', name, help, labelNames);
    return {
      inc: (value = 1, labels = {}) => metric.inc(this.#redactLabels(labels), value),
    };
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): StageGauge {
    const metric = this.#userMetric('gauge', name, help, labelNames);
    return {
      set: (value, labels = {}) => metric.set(this.#redactLabels(labels), value),
      inc: (value = 1, labels = {}) => metric.inc(this.#redactLabels(labels), value),
      dec: (value = 1, labels = {}) => metric.inc(this.#redactLabels(labels), -value),
    };
  }

  /** Label values go to the Pushgateway or metrics.prom: a secret in one is replaced like in a log line. */
  #redactLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(labels)) out[name] = this.#redactor.apply(String(value));
    return out;
  }

  #userMetric(kind: 'counter' | 'gauge', name: string, help: string, labelNames: readonly string[]): MetricFamily {
    if (!metricName.test(name))
      throw new TypeError(`ctx.metrics.${kind}: "${name}" is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)`);
    if (builtIn.has(name)) throw new TypeError(`ctx.metrics.${kind}: "${name}" is a built-in metric of the runtime`);
    const existing = this.#user.get(name);
    if (existing) {
      if (existing.kind !== kind)
        throw new TypeError(`ctx.metrics.${kind}: "${name}" is already registered as a different kind of metric`);
      return existing;
    }
    const metric = this.registry.register(new MetricFamily(kind, name, help, [...labelNames]));
    this.#user.set(name, metric);
    return metric;
  }

  /**
   * Delivers the current values. Resolves within the push timeout (+ 250 ms) and never rejects: a failed push is logged as a
   * warning and the stage carries on. Periodic deliveries are skipped while one is in flight; `final` adds
   * `job_success` and waits (still within the timeout) for an in-flight delivery, so the last word is the final one.
   */
  deliver(final?: { success: boolean }): Promise<void> {
    if (!final && this.#busy) return Promise.resolve();
    if (final) {
      this.#success ??= this.registry.register(
        new MetricFamily('gauge', 'job_success', '1 when this stage attempt succeeded, 0 when it failed', []),
      );
      this.#success.set({}, final.success ? 1 : 0);
    }
    this.#busy = true;
    const next = this.#delivering.then(async () => {
      this.#duration.set({}, (Date.now() - this.#startedAt) / 1000);
      await this.#deliverNow();
    });
    this.#delivering = next;
    void next.then(() => {
      if (this.#delivering === next) this.#busy = false;
    });
    // The push carries its own timeout (with a specific error); this outer bound only catches a stuck queue.
    return withTimeout(next, this.#sink.timeoutMs + 250).catch(() => {
      this.#log.warn('metrics delivery did not finish within the timeout; the stage carries on', {
        timeoutMs: this.#sink.timeoutMs,
      });
    });
  }

  async #deliverNow(): Promise<void> {
    const { pushgatewayUrl, file, timeoutMs } = this.#sink;
    const started = Date.now();
    try {
      if (pushgatewayUrl) await withTimeout(this.#push(pushgatewayUrl, timeoutMs), timeoutMs);
      else await withTimeout(writeFileAtomic(file, this.registry.text()), timeoutMs);
    } catch (error) {
      this.#log.warn('metrics delivery failed; the stage carries on', {
        target: pushgatewayUrl === undefined ? file : withoutCredentials(pushgatewayUrl),
        error: error instanceof Error ? error.message : String(error),
        ms: Date.now() - started,
      });
    }
  }

  async #push(url: string, timeoutMs: number): Promise<void> {
    const { pipeline, ...groupings } = this.#grouping;
    await pushToGateway(url, pipeline, { pipeline, ...groupings }, this.registry.text(), timeoutMs);
  }
}

/** A URL as it may be shown: user and password removed. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
}

/** Resolves or rejects with `promise`, or rejects after `ms`, whichever is first; the timer never holds the process. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
