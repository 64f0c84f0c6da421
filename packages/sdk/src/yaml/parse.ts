import yaml from 'js-yaml';

/** A YAML or JSON document that could not be read, with where it is. */
export class ManifestParseError extends Error {
  override readonly name = 'ManifestParseError';
  constructor(
    /** The file (or other source label) the text came from. */
    readonly source: string,
    /** 1-based line of the problem, when known. */
    readonly line: number | undefined,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`${source}${line === undefined ? '' : `:${line}`}: ${reason}`);
  }
}

// (`types` is part of js-yaml's runtime API but missing from its type declarations.)
const types = (yaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float' | 'merge', yaml.Type> }).types;

/**
 * A YAML 1.1 octal integer (`0755`): Kubernetes reads YAML 1.1, where a leading zero means octal, while YAML 1.2
 * reads it as decimal. It is tried before the ordinary integer type.
 */
// A tag of its own: js-yaml keeps only the last implicit type per tag, which would drop this one for `int`.
const yaml11Octal = new yaml.Type('tag:sluice.dev,2026:yaml-1.1-octal', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && /^[-+]?0[0-7_]+$/.test(data),
  construct: (data: string) => {
    const sign = data.startsWith('-') ? -1 : 1;
    return sign * Number.parseInt(data.replace(/^[-+]/, '').replaceAll('_', ''), 8);
  },
});

// YAML 1.2's core types (no timestamps: `2026-06-17` stays a string, as in Kubernetes), YAML 1.1 octals and
// merge keys (`<<`).
const schema = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [types.null, types.bool, yaml11Octal, types.int, types.float, types.merge],
});

/**
 * Parses every document of a YAML (or JSON) text into plain values, leniently in the ways Kubernetes' own
 * YAML reader is: duplicate keys keep the last value, and flow scalars may continue at their parent's indentation.
 * Empty documents (`---` alone) are dropped.
 *
 * @param source names the text in errors, usually its file path.
 * @throws {ManifestParseError} naming the source and line.
 *
 * @example
 * ```ts
 * const docs = parseYamlDocuments(fs.readFileSync('wf.yaml', 'utf8'), 'wf.yaml');
 * ```
 */
export function parseYamlDocuments(text: string, source = '<input>'): unknown[] {
  try {
    return yaml
      .loadAll(text, undefined, { schema, json: true, filename: source })
      .filter((d) => d !== null && d !== undefined);
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const line = error.mark ? error.mark.line + 1 : undefined;
      throw new ManifestParseError(source, line, error.reason);
    }
    throw error;
  }
}
