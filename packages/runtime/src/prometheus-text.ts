/**
 * A minimal Prometheus registry for one stage process: counters and gauges with labels, written in the text
 * exposition format (0.0.4) that the Pushgateway and node_exporter's textfile collector read. A stage needs nothing
 * more, and loading this costs nothing at start-up (a general client library pulled in ~170 modules).
 */

/** The kind of a metric family, as written on its `# TYPE` line. */
export type MetricKind = 'counter' | 'gauge';

type Labels = Readonly<Record<string, string>>;

/** One metric family: a name, its help, its label names and a value per label set. */
export class MetricFamily {
  readonly #values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly kind: MetricKind,
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  /** Adds `value` (a counter only goes up). */
  inc(labels: Labels, value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`${this.name}: ${value} is not a finite number`);
    if (this.kind === 'counter' && value < 0)
      throw new RangeError(`${this.name}: a counter cannot go down (inc(${value}))`);
    const entry = this.#entry(labels);
    entry.value += value;
  }

  /** Sets the value (gauges only). */
  set(labels: Labels, value: number): void {
    if (this.kind !== 'gauge') throw new TypeError(`${this.name}: only a gauge can be set`);
    if (Number.isNaN(value)) throw new RangeError(`${this.name}: NaN is not a value`);
    this.#entry(labels).value = value;
  }

  /** The family in the text format; `defaults` are appended to every sample's labels. */
  text(defaults: Labels): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.kind}`];
    // Like every Prometheus client, a family without labels shows its zero before the first change.
    if (this.labelNames.length === 0 && this.#values.size === 0) this.#entry({});
    for (const { labels, value } of this.#values.values())
      lines.push(`${this.name}${labelText({ ...labels, ...defaults })} ${numberText(value)}`);
    return `${lines.join('\n')}\n`;
  }

  #entry(labels: Labels): { labels: Labels; value: number } {
    for (const name of Object.keys(labels))
      if (!this.labelNames.includes(name))
        throw new TypeError(
          `${this.name}: label "${name}" was not declared (declared: ${this.labelNames.join(', ') || 'none'})`,
        );
    const ordered: Record<string, string> = {};
    for (const name of this.labelNames) if (labels[name] !== undefined) ordered[name] = labels[name];
    const key = JSON.stringify(ordered);
    let entry = this.#values.get(key);
    if (entry === undefined) {
      entry = { labels: ordered, value: 0 };
      this.#values.set(key, entry);
    }
    return entry;
  }
}

/** A set of metric families, with labels added to every sample (e.g. the grouping labels in a text file). */
export class MetricRegistry {
  readonly #families = new Map<string, MetricFamily>();
  #defaults: Labels = {};

  /** Labels appended to every sample. */
  setDefaultLabels(labels: Labels): void {
    this.#defaults = { ...labels };
  }

  /** Registers a family; a name registers once. */
  register(family: MetricFamily): MetricFamily {
    if (this.#families.has(family.name)) throw new TypeError(`metric "${family.name}" is already registered`);
    this.#families.set(family.name, family);
    return family;
  }

  /** The family registered under `name`. */
  get(name: string): MetricFamily | undefined {
    return this.#families.get(name);
  }

  /** Every family in the text exposition format, in registration order. */
  text(): string {
    return [...this.#families.values()].map((family) => family.text(this.#defaults)).join('\n');
  }
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function escapeHelp(help: string): string {
  return help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

function escapeLabelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function numberText(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
