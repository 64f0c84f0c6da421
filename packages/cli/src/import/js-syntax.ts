/**
 * The few TypeScript forms `workflow import` writes (values, calls, arrow functions, declarations) and their layout,
 * following the rules of the project's formatter (Biome, Prettier-compatible): 120 columns, two-space indent, single
 * quotes, trailing commas, a last object or function argument hugged by its call.
 */
import {
  breakParent,
  conditionalGroup,
  type Doc,
  group,
  hardline,
  ifBreak,
  indent,
  join,
  line,
  literalline,
  printDoc,
  softline,
  willBreak,
} from './doc.js';

/** An expression. */
export type Expr =
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'template'; readonly parts: readonly (string | Expr)[] }
  | { readonly type: 'object'; readonly props: readonly Prop[] }
  | { readonly type: 'array'; readonly items: readonly Expr[] }
  | { readonly type: 'call'; readonly callee: string; readonly args: readonly Expr[] }
  | { readonly type: 'arrow'; readonly params: readonly string[]; readonly body: Expr | readonly Statement[] }
  | { readonly type: 'chain'; readonly head: Expr; readonly links: readonly ChainLink[] }
  | { readonly type: 'index'; readonly target: Expr; readonly index: number };

/** One `.method(args)` of a method chain. */
export interface ChainLink {
  readonly method: string;
  readonly args: readonly Expr[];
}

/** An object property. */
export interface Prop {
  readonly key: string;
  readonly value: Expr;
  /** A line comment written above the property. */
  readonly comment?: string;
}

/** A statement. */
export type Statement =
  | { readonly type: 'const'; readonly name: string; readonly value: Expr; readonly doc?: string }
  | { readonly type: 'expression'; readonly value: Expr }
  | { readonly type: 'exportDefault'; readonly value: Expr; readonly doc?: string }
  | { readonly type: 'exportConst'; readonly name: string; readonly value: Expr; readonly doc?: string }
  | { readonly type: 'import'; readonly names: readonly string[]; readonly from: string }
  | { readonly type: 'comment'; readonly text: string }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'return'; readonly value: Expr };

/** Identifier text, a number, `true`, `false`, `null` or a member expression: printed as it is. */
export const code = (text: string): Expr => ({ type: 'code', text });
/** A string literal. */
export const str = (value: string): Expr => ({ type: 'string', value });
/** A method chain: `head.a(…).b(…)`. */
export const chain = (head: Expr, links: readonly ChainLink[]): Expr =>
  links.length === 0 ? head : { type: 'chain', head, links };
/** A call. */
export const call = (callee: string, ...args: Expr[]): Expr => ({ type: 'call', callee, args });
/** An object literal. */
export const obj = (props: readonly Prop[]): Expr => ({ type: 'object', props });
/** An array literal. */
export const arr = (items: readonly Expr[]): Expr => ({ type: 'array', items });
/** An arrow function. */
export const arrow = (params: readonly string[], body: Expr | readonly Statement[]): Expr => ({
  type: 'arrow',
  params,
  body,
});

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True for a name that can stand unquoted as an identifier or a property key. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined'
  ).split(' '),
);

/** True for a name usable as a variable: an identifier name that is not a reserved word. */
export function isBindingName(name: string): boolean {
  return isIdentifierName(name) && !RESERVED.has(name);
}

/** True when `s` can be written inside a template literal as it is. */
export function fitsTemplate(s: string): boolean {
  return ![...s].some(notInTemplate);
}

/** True for a character a template literal cannot hold as it is: CR (read back as LF), other controls but tab and LF. */
function notInTemplate(ch: string): boolean {
  const c = ch.codePointAt(0) as number;
  return (c < 0x20 && ch !== '\n' && ch !== '\t') || c === 0x7f || c === 0x2028 || c === 0x2029;
}

/** Comments to write above properties, by the path of the property (`spec.templates[0].memoize`). */
export type PathNotes = ReadonlyMap<string, string>;

const NO_NOTES: PathNotes = new Map();

/**
 * A JavaScript value as an expression: strings of several lines as template literals. `notes` puts a comment above
 * the property at a path, `path` being the value's own.
 */
export function valueExpr(
  value: unknown,
  notes: PathNotes = NO_NOTES,
  path = '',
  text?: (s: string) => Expr | undefined,
): Expr {
  if (value === null) return code('null');
  if (Array.isArray(value)) return arr(value.map((v, i) => valueExpr(v, notes, `${path}[${i}]`, text)));
  switch (typeof value) {
    case 'string': {
      const custom = text?.(value);
      if (custom !== undefined) return custom;
      // A text of several lines reads best as a template literal; one line with a final line break stays a string.
      return value.slice(0, -1).includes('\n') && fitsTemplate(value)
        ? { type: 'template', parts: [value] }
        : str(value);
    }
    case 'number':
      return code(Object.is(value, -0) ? '-0' : String(value));
    case 'boolean':
      return code(String(value));
    case 'object':
      return obj(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([key, v]) => {
            const at = path === '' ? key : `${path}.${key}`;
            const comment = notes.get(at);
            return { key, value: valueExpr(v, notes, at, text), ...(comment === undefined ? {} : { comment }) };
          }),
      );
    default:
      throw new Error(`cannot write a ${typeof value} as TypeScript`);
  }
}

/** A string literal in the formatter's quotes: single, unless the text holds more single quotes than double. */
export function quote(value: string): string {
  const singles = (value.match(/'/g) ?? []).length;
  const doubles = (value.match(/"/g) ?? []).length;
  const q = singles > doubles ? '"' : "'";
  let out = q;
  for (const ch of value) {
    const c = ch.codePointAt(0) as number;
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + q;
}

function templateText(text: string): Doc {
  const escaped = text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return join(literalline, escaped.split('\n'));
}

function propKey(key: string): string {
  // `__proto__: x` (quoted or not) sets the object's prototype; a computed key defines the property.
  if (key === '__proto__') return `[${quote(key)}]`;
  return isIdentifierName(key) ? key : quote(key);
}

function isHuggable(e: Expr): boolean {
  if (e.type === 'object') return e.props.length > 0;
  if (e.type === 'array') return e.items.length > 0;
  return e.type === 'arrow';
}

function printArgs(args: readonly Expr[]): Doc {
  if (args.length === 0) return '()';
  const printed = args.map(exprDoc);
  const allBroken = group(['(', indent([softline, join([',', line], printed)]), ifBreak(','), softline, ')'], true);
  const last = args[args.length - 1] as Expr;
  const penultimate = args[args.length - 2];
  const groupLast = isHuggable(last) && (penultimate === undefined || penultimate.type !== last.type);
  if (!groupLast) {
    return group(['(', indent([softline, join([',', line], printed)]), ifBreak(','), softline, ')']);
  }
  const init = printed.slice(0, -1);
  if (init.some(willBreak)) return allBroken;
  const lastDoc = printed[printed.length - 1] as Doc;
  return [
    printed.some(willBreak) ? breakParent : '',
    conditionalGroup([
      ['(', join(', ', printed), ')'],
      ['(', join(', ', [...init, group(lastDoc, true)]), ')'],
      allBroken,
    ]),
  ];
}

function shouldBreakArray(items: readonly Expr[]): boolean {
  if (items.length < 2) return false;
  const first = items[0] as Expr;
  return items.every(
    (e) =>
      e.type === first.type &&
      ((e.type === 'object' && e.props.length > 1) || (e.type === 'array' && e.items.length > 1)),
  );
}

function propDoc(p: Prop): Doc {
  if (p.comment !== undefined) return [`// ${p.comment}`, hardline, propDoc({ key: p.key, value: p.value })];
  const key = propKey(p.key);
  const v = p.value;
  const value = exprDoc(v);
  // The formatter breaks after the colon of a string or plain value, unless the key is too short for that to help.
  if ((v.type === 'string' || v.type === 'code') && key.length >= 5)
    return group([key, ':', group(indent([line, value]))]);
  return [key, ': ', value];
}

function statementsDoc(body: readonly Statement[]): Doc {
  return join(hardline, body.map(statementDoc));
}

/** The layout of an expression. */
export function exprDoc(e: Expr): Doc {
  switch (e.type) {
    case 'code':
      return e.text;
    case 'string':
      return quote(e.value);
    case 'template':
      return ['`', ...e.parts.map((p) => (typeof p === 'string' ? templateText(p) : ['${', exprDoc(p), '}'])), '`'];
    case 'object':
      if (e.props.length === 0) return '{}';
      return group(['{', indent([line, join([',', line], e.props.map(propDoc))]), ifBreak(','), line, '}']);
    case 'array':
      if (e.items.length === 0) return '[]';
      return group(
        ['[', indent([softline, join([',', line], e.items.map(exprDoc))]), ifBreak(','), softline, ']'],
        shouldBreakArray(e.items),
      );
    case 'call':
      return [e.callee, printArgs(e.args)];
    case 'index':
      return [exprDoc(e.target), `[${e.index}]`];
    case 'chain':
      return chainDoc(e.head, e.links);
    case 'arrow': {
      const params = `(${e.params.join(', ')}) =>`;
      if (!Array.isArray(e.body)) {
        const body = e.body as Expr;
        if (body.type === 'object') return [params, ' (', exprDoc(body), ')'];
        if (body.type === 'array') return [params, ' ', exprDoc(body)];
        return group([params, group(indent([line, exprDoc(body)]))]);
      }
      const stmts = e.body as readonly Statement[];
      if (stmts.length === 0) return [params, ' {}'];
      return [params, ' {', indent([hardline, statementsDoc(stmts)]), hardline, '}'];
    }
  }
}

function isSimpleArgument(e: Expr, depth = 0): boolean {
  switch (e.type) {
    case 'code':
    case 'string':
      return true;
    case 'template':
      return e.parts.every((p) => typeof p === 'string' || isSimpleArgument(p, depth));
    case 'object':
      return e.props.every((p) => isSimpleArgument(p.value, depth));
    case 'array':
      return e.items.every((i) => isSimpleArgument(i, depth));
    case 'call':
      return depth < 2 && e.args.every((a) => isSimpleArgument(a, depth + 1));
    default:
      return false;
  }
}

/** A method chain on one line when it fits, else one `.method()` per line (the formatter's member-chain rule). */
function chainDoc(head: Expr, links: readonly ChainLink[]): Doc {
  const headDoc = exprDoc(head);
  const linkDocs = links.map((l) => ['.', l.method, printArgs(l.args)]);
  const oneLine = [headDoc, ...linkDocs];
  if (links.length <= 1) return group(oneLine);
  const expanded = [headDoc, indent(linkDocs.map((l) => [hardline, l]))];
  const calls = [...(head.type === 'call' ? [head.args] : []), ...links.map((l) => l.args)];
  if (calls.length > 2 && calls.some((args) => !args.every((a) => isSimpleArgument(a)))) return group(expanded);
  if ([headDoc, ...linkDocs.slice(0, -1)].some(willBreak)) return group(expanded);
  return [willBreak(oneLine) ? breakParent : '', conditionalGroup([oneLine, expanded])];
}

function docComment(text: string | undefined): Doc {
  if (text === undefined) return '';
  return [`/** ${text.replace(/\*\//g, '*\\/')} */`, hardline];
}

function statementDoc(s: Statement): Doc {
  switch (s.type) {
    case 'const':
      return [docComment(s.doc), 'const ', s.name, ' =', assignedDoc(s.value), ';'];
    case 'exportConst':
      return [docComment(s.doc), 'export const ', s.name, ' =', assignedDoc(s.value), ';'];
    case 'expression':
      return [exprDoc(s.value), ';'];
    case 'exportDefault':
      return [docComment(s.doc), 'export default ', exprDoc(s.value), ';'];
    case 'import': {
      const names = group(['{', indent([line, join([',', line], s.names)]), ifBreak(','), line, '}']);
      return ['import ', names, ' from ', quote(s.from), ';'];
    }
    case 'comment':
      return `// ${s.text}`;
    case 'code':
      return s.text;
    case 'return':
      return ['return ', exprDoc(s.value), ';'];
  }
}

function assignedDoc(value: Expr): Doc {
  if (value.type === 'string' || value.type === 'code') return group(indent([line, exprDoc(value)]));
  return [' ', exprDoc(value)];
}

/** The text of a module: its statements, a blank line between top-level declarations. */
export function printModule(statements: readonly Statement[]): string {
  const docs: Doc[] = [];
  statements.forEach((s, i) => {
    const prev = statements[i - 1];
    if (prev !== undefined)
      docs.push(prev.type === 'comment' && s.type !== 'comment' ? hardline : [hardline, hardline]);
    docs.push(statementDoc(s));
  });
  return `${printDoc([docs, hardline])}`;
}
