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

// YAML 1.2's core schema (no timestamps: `2026-06-17` stays a string, as in Kubernetes) plus merge keys (`<<`).
// (`types` is part of js-yaml's runtime API but missing from its type declarations.)
const { merge } = (yaml as unknown as { types: { merge: yaml.Type } }).types;
const schema = yaml.CORE_SCHEMA.extend({ implicit: [merge] });

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
