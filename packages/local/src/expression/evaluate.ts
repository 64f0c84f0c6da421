import type jsep from 'jsep';
import { jsonpath } from './jsonpath.js';
import { ExpressionError, type ExpressionNode, parseExpression } from './parse.js';
import { sprigFunctions } from './sprig.js';

/**
 * How identifiers that the scope does not define are treated.
 * @example
 * ```ts
 * import { evaluateExpression, type UnknownIdentifiers } from '@sluice/local';
 *
 * const whenMode: UnknownIdentifiers = 'as-string'; // `when: heads == heads` compares text, as Argo's govaluate does
 * evaluateExpression('heads == heads', {}, { unknownIdentifiers: whenMode }); // true
 * ```
 */
export type UnknownIdentifiers =
  /** As their own name, a string: govaluate-style `when: "heads == heads"` after substitution. */
  | 'as-string'
  /** As an error (expr-lang: `retryStrategy.expression`, lifecycle hook expressions). */
  | 'error';

/**
 * Options of {@link evaluateExpression}.
 * @example
 * ```ts
 * import { evaluateCondition, type EvaluateOptions } from '@sluice/local';
 *
 * const options: EvaluateOptions = { unknownIdentifiers: 'error' };
 * evaluateCondition('asInt(retries) < 3', { retries: '1' }, options); // true
 * ```
 */
export interface EvaluateOptions {
  /** Default `'error'`. */
  readonly unknownIdentifiers?: UnknownIdentifiers;
}

type Value = unknown;
type Scope = Readonly<Record<string, unknown>>;

const functions: Readonly<Record<string, (expression: string, args: Value[]) => Value>> = {
  asInt: (e, [v]) => toInt(e, v),
  int: (e, [v]) => toInt(e, v),
  asFloat: (e, [v]) => toFloat(e, v),
  float: (e, [v]) => toFloat(e, v),
  string: (_e, [v]) => (typeof v === 'string' ? v : JSON.stringify(v)),
  len: (e, [v]) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (v !== null && typeof v === 'object') return Object.keys(v).length;
    throw new ExpressionError(e, `len() takes a string, list or map, not ${typeOf(v)}`);
  },
  lower: (_e, [v]) => String(v).toLowerCase(),
  upper: (_e, [v]) => String(v).toUpperCase(),
  trim: (_e, [v]) => String(v).trim(),
  toJson: (_e, [v]) => JSON.stringify(v),
  fromJson: (e, [v]) => {
    try {
      return JSON.parse(String(v)) as Value;
    } catch {
      throw new ExpressionError(e, `fromJson(): not JSON: ${String(v)}`);
    }
  },
  jsonpath: (e, [doc, path]) => jsonpath(e, doc, String(path)),
};

function typeOf(v: Value): string {
  return v === null || v === undefined ? 'nil' : Array.isArray(v) ? 'list' : typeof v;
}

function toInt(expression: string, v: Value): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number.parseInt(v, 10);
  throw new ExpressionError(expression, `asInt(): "${String(v)}" is not an integer`);
}

function toFloat(expression: string, v: Value): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (Number.isNaN(n)) throw new ExpressionError(expression, `asFloat(): "${String(v)}" is not a number`);
  return n;
}

/**
 * Evaluates an expression against a scope of plain values, with the semantics Argo users expect from `when`
 * (govaluate) and `retryStrategy.expression` (expr-lang): `== != < > <= >= && || ! and or not in matches =~
 * contains startsWith endsWith + - * / % **`, `?:`, `??`, member access (`a.b`, `a['b-c']`), lists and the
 * functions `asInt asFloat int float string len lower upper trim toJson fromJson jsonpath` and the deterministic
 * sprig functions as `sprig.<name>(…)` (`sprig.trunc(10, s)`, `sprig.replace(a, b, s)`, `sprig.default(d, v)`, …). Nothing is ever passed to `eval`.
 *
 * @throws {ExpressionError} on a syntax error, an unknown function, or (by default) an unknown identifier.
 * @example
 * ```ts
 * import { evaluateExpression } from '@sluice/local';
 *
 * evaluateExpression('asInt(lastRetry.exitCode) == 1', { lastRetry: { exitCode: '1' } }); // true
 * evaluateExpression('heads == heads', {}, { unknownIdentifiers: 'as-string' }); // true
 * ```
 */
export function evaluateExpression(text: string, scope: Scope, options: EvaluateOptions = {}): Value {
  const ast = parseExpression(text);
  return new Evaluator(text, scope, options.unknownIdentifiers ?? 'error').eval(ast);
}

/**
 * Evaluates an expression that must give a boolean (a condition).
 * @example
 * ```ts
 * import { evaluateCondition } from '@sluice/local';
 *
 * evaluateCondition("status == 'Failed' && asInt(exitCode) != 2", { status: 'Failed', exitCode: '1' }); // true
 * ```
 */
export function evaluateCondition(text: string, scope: Scope, options: EvaluateOptions = {}): boolean {
  const value = evaluateExpression(text, scope, options);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ExpressionError(text, `expected a boolean result, got ${typeOf(value)} ${JSON.stringify(value)}`);
}

class Evaluator {
  constructor(
    private readonly text: string,
    private readonly scope: Scope,
    private readonly unknown: UnknownIdentifiers,
  ) {}

  private fail(reason: string): never {
    throw new ExpressionError(this.text, reason);
  }

  eval(node: ExpressionNode): Value {
    switch (node.type) {
      case 'Literal':
        return (node as jsep.Literal).value;
      case 'Identifier':
        return this.identifier((node as jsep.Identifier).name);
      case 'MemberExpression':
        return this.member(node as jsep.MemberExpression);
      case 'ArrayExpression':
        return (node as jsep.ArrayExpression).elements.map((e) => (e ? this.eval(e) : null));
      case 'SequenceExpression':
        return (node as jsep.SequenceExpression).expressions.map((e) => this.eval(e));
      case 'Compound': {
        const body = (node as jsep.Compound).body;
        if (body.length !== 1) this.fail('several expressions where one was expected');
        return this.eval(body[0] as ExpressionNode);
      }
      case 'UnaryExpression':
        return this.unary(node as jsep.UnaryExpression);
      case 'BinaryExpression':
        return this.binary(node as jsep.BinaryExpression);
      case 'ConditionalExpression': {
        const c = node as jsep.ConditionalExpression;
        return this.truthy(this.eval(c.test)) ? this.eval(c.consequent) : this.eval(c.alternate);
      }
      case 'CallExpression':
        return this.call(node as jsep.CallExpression);
      default:
        return this.fail(`unsupported syntax: ${node.type}`);
    }
  }

  private identifier(name: string): Value {
    if (name === 'nil') return null;
    if (Object.hasOwn(this.scope, name)) return this.scope[name];
    if (this.unknown === 'as-string') return name;
    return this.fail(`unknown name "${name}"; known: ${Object.keys(this.scope).join(', ') || 'none'}`);
  }

  private member(node: jsep.MemberExpression): Value {
    const object = this.eval(node.object);
    const key = node.computed ? this.eval(node.property) : (node.property as jsep.Identifier).name;
    if (object === null || object === undefined) return null;
    if (Array.isArray(object) && typeof key === 'number') return object[key < 0 ? object.length + key : key] ?? null;
    if (typeof object === 'object' && (typeof key === 'string' || typeof key === 'number')) {
      const record = object as Record<string, unknown>;
      return Object.hasOwn(record, String(key)) ? record[String(key)] : null;
    }
    return this.fail(`cannot read "${String(key)}" of ${typeOf(object)}`);
  }

  private truthy(v: Value): boolean {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return this.fail(`expected a boolean, got ${typeOf(v)} ${JSON.stringify(v)}`);
  }

  private unary(node: jsep.UnaryExpression): Value {
    const v = this.eval(node.argument);
    switch (node.operator) {
      case '!':
      case 'not':
        return !this.truthy(v);
      case '-':
        return -this.number(v);
      case '+':
        return this.number(v);
      default:
        return this.fail(`unsupported operator ${node.operator}`);
    }
  }

  private number(v: Value): number {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return this.fail(`expected a number, got ${typeOf(v)} ${JSON.stringify(v)}`);
  }

  private binary(node: jsep.BinaryExpression): Value {
    const op = node.operator;
    if (op === '&&' || op === 'and') return this.truthy(this.eval(node.left)) && this.truthy(this.eval(node.right));
    if (op === '||' || op === 'or') return this.truthy(this.eval(node.left)) || this.truthy(this.eval(node.right));
    const left = this.eval(node.left);
    if (op === '??') return left ?? this.eval(node.right);
    const right = this.eval(node.right);
    switch (op) {
      case '==':
      case '===':
        return equal(left, right);
      case '!=':
      case '!==':
        return !equal(left, right);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return this.compare(op, left, right);
      case '+':
        if (typeof left === 'string' || typeof right === 'string') return `${String(left)}${String(right)}`;
        return this.number(left) + this.number(right);
      case '-':
        return this.number(left) - this.number(right);
      case '*':
        return this.number(left) * this.number(right);
      case '/':
        return this.number(left) / this.number(right);
      case '%':
        return this.number(left) % this.number(right);
      case '**':
        return this.number(left) ** this.number(right);
      case 'in':
        return this.contains(right, left);
      case 'contains':
        return String(left).includes(String(right));
      case 'startsWith':
        return String(left).startsWith(String(right));
      case 'endsWith':
        return String(left).endsWith(String(right));
      case 'matches':
      case '=~':
        return this.regex(right).test(String(left));
      case '!~':
        return !this.regex(right).test(String(left));
      default:
        return this.fail(`unsupported operator ${op}`);
    }
  }

  private compare(op: string, left: Value, right: Value): boolean {
    let a: number | string;
    let b: number | string;
    if (typeof left === 'string' && typeof right === 'string') {
      a = left;
      b = right;
    } else {
      a = this.number(left);
      b = this.number(right);
    }
    return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  }

  private contains(collection: Value, item: Value): boolean {
    if (Array.isArray(collection)) return collection.some((c) => equal(c, item));
    if (typeof collection === 'string') return collection.includes(String(item));
    if (collection !== null && typeof collection === 'object') return Object.hasOwn(collection, String(item));
    return this.fail(`"in" needs a list, map or string on its right, got ${typeOf(collection)}`);
  }

  private regex(pattern: Value): RegExp {
    try {
      return new RegExp(String(pattern));
    } catch (error) {
      return this.fail(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
    }
  }

  private call(node: jsep.CallExpression): Value {
    const callee = node.callee;
    let fn: ((expression: string, args: Value[]) => Value) | undefined;
    if (callee.type === 'Identifier') {
      const name = (callee as jsep.Identifier).name;
      fn = functions[name];
      if (fn === undefined) this.fail(`unknown function ${name}(); known: ${Object.keys(functions).join(', ')}`);
    } else if (
      callee.type === 'MemberExpression' &&
      !(callee as jsep.MemberExpression).computed &&
      (callee as jsep.MemberExpression).object.type === 'Identifier' &&
      ((callee as jsep.MemberExpression).object as jsep.Identifier).name === 'sprig'
    ) {
      const name = ((callee as jsep.MemberExpression).property as jsep.Identifier).name;
      fn = Object.hasOwn(sprigFunctions, name) ? sprigFunctions[name] : undefined;
      if (fn === undefined) {
        this.fail(`sprig.${name}() is not supported locally; supported: ${Object.keys(sprigFunctions).join(', ')}`);
      }
    } else return this.fail('only named functions (f(…)) and sprig functions (sprig.f(…)) can be called');
    return fn(
      this.text,
      node.arguments.map((a) => this.eval(a)),
    );
  }
}

/** Equality as in expr-lang and govaluate: no coercion between strings and numbers (`'1' == 1` is false). */
function equal(a: Value, b: Value): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

export type { ExpressionNode };
