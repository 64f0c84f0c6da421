import { createRequire } from 'node:module';
import type yaml from 'js-yaml';
import { checkDocumentShape, checkTextSize, InputLimitError, type InputLimits, inputLimits } from './input-limits.js';

/**
 * A YAML or JSON document that could not be read, with where it is.
 * @example
 * ```ts
 * import { ManifestParseError, parseYamlDocuments } from '@sluice/sdk';
 *
 * try {
 *   parseYamlDocuments('kind: Workflow\nkind: Workflow\n', 'wf.yaml');
 * } catch (error) {
 *   if (error instanceof ManifestParseError) console.error(`${error.source}:${error.line ?? '?'}: ${error.message}`);
 * }
 * ```
 */
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

type JsYaml = typeof yaml;

/** js-yaml and the schema Sluice reads with, loaded on first use: compiling a TypeScript entry never parses YAML. */
let reader: { yaml: JsYaml; schema: yaml.Schema } | undefined;

function yamlReader(): { yaml: JsYaml; schema: yaml.Schema } {
  if (reader !== undefined) return reader;
  const lib = createRequire(import.meta.url)('js-yaml') as JsYaml;
  // (`types` is part of js-yaml's runtime API but missing from its type declarations.)
  const types = (lib as unknown as { types: Record<'null' | 'bool' | 'int' | 'float' | 'merge', yaml.Type> }).types;
  // A YAML 1.1 octal integer (`0755`): Kubernetes reads YAML 1.1, where a leading zero means octal, while YAML 1.2
  // reads it as decimal. It is tried before the ordinary integer type, under a tag of its own: js-yaml keeps only the
  // last implicit type per tag, which would drop this one for `int`.
  const yaml11Octal = new lib.Type('tag:sluice.dev,2026:yaml-1.1-octal', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && /^[-+]?0[0-7_]+$/.test(data),
    construct: (data: string) => {
      const sign = data.startsWith('-') ? -1 : 1;
      return sign * Number.parseInt(data.replace(/^[-+]/, '').replaceAll('_', ''), 8);
    },
  });
  // YAML 1.2's core types (no timestamps: `2026-06-17` stays a string, as in Kubernetes), YAML 1.1 octals and
  // merge keys (`<<`).
  const schema = lib.FAILSAFE_SCHEMA.extend({
    implicit: [types.null, types.bool, yaml11Octal, types.int, types.float, types.merge],
  });
  reader = { yaml: lib, schema };
  return reader;
}

/**
 * How {@link parseYamlDocuments} reads a text.
 * @example
 * ```ts
 * import { type ParseOptions, parseYamlDocuments } from '@sluice/sdk';
 *
 * const options: ParseOptions = { duplicateKeys: 'keep-last' };
 * parseYamlDocuments('a: 1\na: 2\n', 'legacy.yaml', options); // [ { a: 2 } ]
 * ```
 */
export interface ParseOptions {
  /** The input limits; default {@link inputLimits} of the environment. */
  readonly limits?: InputLimits;
  /**
   * A key given twice in one mapping: `'reject'` (the default, as `argo lint` and `argo submit`, strict by default)
   * or `'keep-last'` (as Kubernetes' lenient reader, for reading third-party corpora).
   */
  readonly duplicateKeys?: 'reject' | 'keep-last';
}

/**
 * Parses every document of a YAML (or JSON) text into plain values, held to the {@link InputLimits} (size,
 * document count, nesting depth, values after alias expansion). Flow scalars may continue at their parent's
 * indentation, as Kubernetes' own YAML reader allows; a key given twice in one mapping is an error, as in
 * `argo lint` and `argo submit` (strict by default), unless `duplicateKeys: 'keep-last'`. Empty documents
 * (`---` alone) are dropped.
 *
 * @param source names the text in errors, usually its file path.
 * @throws {ManifestParseError} naming the source and line; {@link InputLimitError} naming the limit.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { parseYamlDocuments } from '@sluice/sdk';
 *
 * const docs = parseYamlDocuments(fs.readFileSync('etl.yaml', 'utf8'), 'etl.yaml'); // one value per YAML document
 * ```
 */
export function parseYamlDocuments(text: string, source = '<input>', options: ParseOptions = {}): unknown[] {
  const limits = options.limits ?? inputLimits();
  checkTextSize(text, source, limits);
  // js-yaml parses every document before handing out the first: count the markers before parsing.
  const markers = text.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  if (markers > limits.maxDocuments)
    throw new InputLimitError(source, 'maxDocuments', `holds ${markers} documents, more than the limit`, limits);
  const documents: unknown[] = [];
  let count = 0;
  const { yaml, schema } = yamlReader();
  try {
    yaml.loadAll(
      text,
      (doc) => {
        count += 1;
        if (count > limits.maxDocuments)
          throw new InputLimitError(source, 'maxDocuments', `holds more than ${limits.maxDocuments} documents`, limits);
        if (doc === null || doc === undefined) return;
        checkDocumentShape(doc, source, count - 1, limits);
        documents.push(doc);
      },
      { schema, filename: source, json: options.duplicateKeys === 'keep-last' },
    );
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const line = error.mark ? error.mark.line + 1 : undefined;
      throw new ManifestParseError(source, line, explain(error.reason, text, line));
    }
    // js-yaml recurses once per nesting level: thousands of levels overflow the stack before any check can run.
    if (error instanceof RangeError && /call stack/i.test(error.message))
      throw new InputLimitError(source, 'maxDepth', `nests deeper than ${limits.maxDepth} levels`, limits);
    throw error;
  }
  return documents;
}

/** js-yaml's reasons, made to name what they are about. */
function explain(reason: string, text: string, line: number | undefined): string {
  if (reason !== 'duplicated mapping key' || line === undefined) return reason;
  const key = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(text.split('\n')[line - 1] ?? '')?.[1];
  return `key ${key === undefined ? '' : `"${key.replace(/^["']|["']$/g, '')}" `}is given twice in one mapping: keep one (Argo and Kubernetes reject duplicate keys)`;
}
