/**
 * The limits every YAML or JSON text read by Sluice is held to, so that a small hostile or broken file cannot take
 * unbounded memory or time (nested aliases, huge files, deep nesting, hundreds of thousands of documents).
 * Each limit has a default that no real manifest comes near and an environment variable that raises it.
 * @example
 * ```ts
 * import { type InputLimits, inputLimits, parseYamlDocuments } from '@sluice/sdk';
 *
 * const small: InputLimits = { ...inputLimits(), maxBytes: 1024 * 1024 };
 * parseYamlDocuments('kind: Workflow\n', 'wf.yaml', { limits: small });
 * ```
 */
export interface InputLimits {
  /** Largest text, in bytes (`SLUICE_MAX_INPUT_BYTES`, default 32 MiB). */
  readonly maxBytes: number;
  /** Most documents in one text (`SLUICE_MAX_INPUT_DOCUMENTS`, default 10,000). */
  readonly maxDocuments: number;
  /** Deepest nesting of maps and lists (`SLUICE_MAX_INPUT_DEPTH`, default 500). */
  readonly maxDepth: number;
  /**
   * Most values one document holds once its YAML aliases are expanded (`SLUICE_MAX_INPUT_NODES`, default
   * 2,000,000): this is what stops a "billion laughs" file, which is tiny as text and astronomical once expanded.
   */
  readonly maxNodes: number;
}

/**
 * The defaults of {@link InputLimits}.
 * @example
 * ```ts
 * import { DEFAULT_INPUT_LIMITS } from '@sluice/sdk';
 *
 * console.log(`files up to ${DEFAULT_INPUT_LIMITS.maxBytes} bytes, ${DEFAULT_INPUT_LIMITS.maxDocuments} documents`);
 * ```
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxDocuments: 10_000,
  maxDepth: 500,
  maxNodes: 2_000_000,
});

/**
 * The environment variable that raises each limit.
 * @example
 * ```ts
 * import { INPUT_LIMIT_VARIABLES } from '@sluice/sdk';
 *
 * console.log(`raise the size limit with ${INPUT_LIMIT_VARIABLES.maxBytes}=<bytes>`);
 * ```
 */
export const INPUT_LIMIT_VARIABLES: Readonly<Record<keyof InputLimits, string>> = Object.freeze({
  maxBytes: 'SLUICE_MAX_INPUT_BYTES',
  maxDocuments: 'SLUICE_MAX_INPUT_DOCUMENTS',
  maxDepth: 'SLUICE_MAX_INPUT_DEPTH',
  maxNodes: 'SLUICE_MAX_INPUT_NODES',
});

/**
 * A text that is over one of the {@link InputLimits}; the message names the limit and how to raise it.
 * @example
 * ```ts
 * import { InputLimitError, parseYamlDocuments } from '@sluice/sdk';
 *
 * try {
 *   parseYamlDocuments('a: 1\n'.repeat(10), 'big.yaml', { limits: { maxBytes: 8, maxDocuments: 1, maxDepth: 4, maxNodes: 10 } });
 * } catch (error) {
 *   if (error instanceof InputLimitError) console.error(error.source, error.limit, error.reason);
 * }
 * ```
 */
export class InputLimitError extends Error {
  override readonly name = 'InputLimitError';
  constructor(
    /** The file (or other source label) the text came from. */
    readonly source: string,
    /** Which limit was exceeded. */
    readonly limit: keyof InputLimits,
    /** What is over the limit. */
    readonly reason: string,
    limits: InputLimits,
  ) {
    super(
      `${source}: ${reason} (limit ${INPUT_LIMIT_VARIABLES[limit]}=${limits[limit]}; raise it in the environment if the input is genuine)`,
    );
  }
}

/**
 * The limits in force: the defaults, each raised or lowered by its environment variable when that holds a positive
 * integer (anything else is ignored, so a typo never disables a limit).
 * @example
 * ```ts
 * import { inputLimits } from '@sluice/sdk';
 *
 * inputLimits({ SLUICE_MAX_INPUT_BYTES: '1048576' }).maxBytes; // 1048576
 * ```
 */
export function inputLimits(env: Readonly<Record<string, string | undefined>> = processEnv()): InputLimits {
  const out: Record<keyof InputLimits, number> = { ...DEFAULT_INPUT_LIMITS };
  for (const key of Object.keys(INPUT_LIMIT_VARIABLES) as (keyof InputLimits)[]) {
    const raw = env[INPUT_LIMIT_VARIABLES[key]];
    if (raw !== undefined && /^[1-9]\d*$/.test(raw.trim())) out[key] = Number(raw.trim());
  }
  return out;
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  return typeof process === 'undefined' ? {} : process.env;
}

/**
 * Checks a text's size against `maxBytes` before anything parses it.
 *
 * @throws {InputLimitError} naming the source and the limit.
 */
export function checkTextSize(text: string, source: string, limits: InputLimits): void {
  // A UTF-16 string never has fewer UTF-8 bytes than a third of its code units: skip the count when surely small.
  if (text.length * 3 <= limits.maxBytes) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes)
    throw new InputLimitError(source, 'maxBytes', `is ${bytes} bytes, more than the limit`, limits);
}

/**
 * Decodes a file's bytes as UTF-8 after checking their size; invalid UTF-8 is an error naming the byte offset
 * (Kubernetes and Argo read UTF-8 only; decoding leniently would turn the bytes into U+FFFD silently).
 *
 * @throws {InputLimitError} when the file is larger than `maxBytes`.
 * @throws {Error} naming the source and the offset of the first invalid byte.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { decodeUtf8 } from '@sluice/sdk';
 *
 * const text = decodeUtf8(fs.readFileSync('wf.yaml'), 'wf.yaml'); // throws naming the file on invalid UTF-8 or a size over the limit
 * ```
 */
export function decodeUtf8(bytes: Uint8Array, source: string, limits: InputLimits = inputLimits()): string {
  if (bytes.byteLength > limits.maxBytes)
    throw new InputLimitError(source, 'maxBytes', `is ${bytes.byteLength} bytes, more than the limit`, limits);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new Error(
      `${source}: is not valid UTF-8 (first invalid byte at offset ${firstInvalidUtf8(bytes)}); save it as UTF-8`,
    );
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on the longest valid prefix (a cut inside a character counts as invalid, hence the `stream` mode).
  let low = 0;
  let high = bytes.byteLength;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/**
 * Checks one parsed document against `maxDepth` and `maxNodes`, counting every value as often as aliases repeat it,
 * in time proportional to the distinct values (a shared subtree is measured once and remembered).
 *
 * @throws {InputLimitError} naming the source, the document and the limit.
 * @example
 * ```ts
 * import { checkDocumentShape, inputLimits } from '@sluice/sdk';
 *
 * const doc: unknown = JSON.parse('{"kind":"Workflow","spec":{}}');
 * checkDocumentShape(doc, 'wf.json', 0, inputLimits()); // throws InputLimitError when too deep or too large
 * ```
 */
export function checkDocumentShape(value: unknown, source: string, index: number, limits: InputLimits): void {
  if (value === null || typeof value !== 'object') return;
  const where = `document ${index + 1}`;
  const tooDeep = (): InputLimitError =>
    new InputLimitError(source, 'maxDepth', `${where} nests deeper than ${limits.maxDepth} levels`, limits);
  const measured = new Map<object, { nodes: number; depth: number }>();
  // An explicit stack, so that depth is bounded by the limit and never by the call stack.
  type Frame = { value: object; children: unknown[]; next: number; nodes: number; depth: number };
  const frame = (of: object): Frame => ({
    value: of,
    children: Array.isArray(of) ? of : Object.values(of),
    next: 0,
    nodes: 1,
    depth: 1,
  });
  const stack: Frame[] = [frame(value)];
  const onPath = new Set<object>([value]);
  // Values counted so far, aliases expanded: completed subtrees plus every open frame's part.
  let total = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (child === null || typeof child !== 'object') {
        top.nodes += 1;
        total += 1;
      } else {
        const known = measured.get(child);
        if (known !== undefined) {
          top.nodes += known.nodes;
          total += known.nodes;
          top.depth = Math.max(top.depth, known.depth + 1);
          if (stack.length + known.depth > limits.maxDepth) throw tooDeep();
        } else {
          if (onPath.has(child)) throw new Error(`${source}: ${where} refers to itself through an alias`);
          if (stack.length + 1 > limits.maxDepth) throw tooDeep();
          onPath.add(child);
          stack.push(frame(child));
          total += 1;
        }
      }
      if (total > limits.maxNodes)
        throw new InputLimitError(
          source,
          'maxNodes',
          `${where} holds more than ${limits.maxNodes} values once its YAML aliases are expanded (nested aliases: "billion laughs")`,
          limits,
        );
      continue;
    }
    stack.pop();
    onPath.delete(top.value);
    measured.set(top.value, { nodes: top.nodes, depth: top.depth });
    const parent = stack[stack.length - 1];
    if (parent !== undefined) {
      parent.nodes += top.nodes;
      parent.depth = Math.max(parent.depth, top.depth + 1);
    }
  }
}

/**
 * Parses a JSON text under the {@link InputLimits}: size before parsing, depth and size after.
 *
 * @throws {InputLimitError} over a limit; an `Error` naming the source when the text is not JSON.
 * @example
 * ```ts
 * import { parseJsonText } from '@sluice/sdk';
 *
 * const doc = parseJsonText('{"kind":"Workflow"}', 'wf.json');
 * ```
 */
export function parseJsonText(text: string, source: string, limits: InputLimits = inputLimits()): unknown {
  checkTextSize(text, source, limits);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  checkDocumentShape(value, source, 0, limits);
  return value;
}
