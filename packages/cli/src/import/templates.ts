/**
 * One Argo template → the builder call that makes it: `container({…})`, `script({…})`, … with typed inputs and
 * outputs, and typed references (`io.inputs.parameters.x`) in place of the `{{…}}` tags that name them; `dag()` and
 * `steps()` with their tasks (see `composite.ts`); a plain `fromTemplate({…})` where that is not possible or the
 * verifier found the builder's result not equal.
 */
import { argoName } from '@sluice/sdk';
import { compositeExpr, compositeTargets } from './composite.js';
import type { Imports } from './generate.js';
import {
  arrow,
  call,
  code,
  type Expr,
  fitsTemplate,
  obj,
  type PathNotes,
  type Prop,
  str,
  valueExpr,
} from './js-syntax.js';
import { isObject, type Json } from './json.js';
import { camelCase, type NameScope } from './names.js';

/** The leaf template kinds, each with the sdk function of the same name. */
const LEAF_KINDS = ['container', 'script', 'resource', 'suspend', 'http', 'containerSet', 'data', 'plugin'] as const;
const BODY_KINDS = [...LEAF_KINDS, 'dag', 'steps'];

/** One declared input or output: its TypeScript key and whether it is a parameter or an artifact. */
export interface Declared {
  readonly key: string;
  readonly kind: 'parameters' | 'artifacts';
  /** An input a task must pass (a parameter without `default` or `value`, an artifact that is not optional). */
  readonly required: boolean;
}

/** What the other templates of a document need to know of one: how it is written and what it declares. */
export interface TemplateInfo {
  readonly name: string;
  readonly variable: string;
  /** Written with a typed builder (its inputs and outputs are declared by TypeScript key). */
  readonly typed: boolean;
  /** Inputs by Argo name. */
  readonly inputs: ReadonlyMap<string, Declared>;
  /** Outputs by Argo name. */
  readonly outputs: ReadonlyMap<string, Declared>;
  /** The templates of the document its tasks or steps run, in order of first use. */
  readonly runs: readonly string[];
}

/** What a template is written with. */
export interface TemplateContext {
  /** The module's imports. */
  readonly imports: Imports;
  /** Every template of the document by name. */
  readonly infos: ReadonlyMap<string, TemplateInfo>;
  /** Templates whose variable is declared before this one (a task may run them by variable). */
  readonly declared: ReadonlySet<string>;
  /** The module's variable names (a task handle takes none of them). */
  readonly scope: NameScope;
  /** Comments for properties, by path (see `typeNotes`). */
  readonly notes: PathNotes;
  /** The template's path in its document, e.g. `spec.templates[0]`. */
  readonly path: string;
  /** Workflow-wide tags (`workflow.parameters.x`) → the typed reference to them (`args.parameters.x`). */
  readonly globals: ReadonlyMap<string, string>;
}

/** How `template` will be written: typed or as a plain object (`raw`), and what it declares and runs. */
export function describeTemplate(
  template: unknown,
  variable: string,
  raw: boolean,
  notes: PathNotes,
  path: string,
): TemplateInfo {
  const name = isObject(template) && typeof template.name === 'string' ? template.name : '';
  const plain: TemplateInfo = { name, variable, typed: false, inputs: new Map(), outputs: new Map(), runs: [] };
  if (raw || !isObject(template) || bodyKind(template) === undefined) return plain;
  const inputs = ioSpec(template.inputs, 'inputs', `${path}.inputs`, notes);
  const outputs = ioSpec(template.outputs, 'outputs', `${path}.outputs`, notes);
  if (inputs === undefined || outputs === undefined) return plain;
  const kind = bodyKind(template);
  const runs = kind === 'dag' || kind === 'steps' ? compositeTargets(template) : [];
  if (runs === undefined) return plain;
  // A `@ts-expect-error` in the options of dag() or steps() stops TypeScript inferring the outputs the callback
  // returns, which the tasks running it read: such a template with outputs stays a plain object.
  const noted = [...notes.keys()].some((p) => p.startsWith(`${path}.`));
  if (noted && template.outputs !== undefined && (kind === 'dag' || kind === 'steps')) return plain;
  return { name, variable, typed: true, inputs: inputs.declared, outputs: outputs.declared, runs };
}

function bodyKind(t: Json): string | undefined {
  const kinds = BODY_KINDS.filter((k) => t[k] !== undefined);
  if (kinds.length !== 1 || typeof t.name !== 'string' || t.name === '') return undefined;
  return kinds[0];
}

/** The expression building `template` (plain when its info says so), and whether it is a plain object. */
export function templateExpr(
  template: unknown,
  info: TemplateInfo,
  ctx: TemplateContext,
): { expr: Expr; raw: boolean } {
  const typed = info.typed && isObject(template) ? typedExpr(template, info, ctx) : undefined;
  if (typed !== undefined) return { expr: typed, raw: false };
  return { expr: call(ctx.imports.use('fromTemplate'), valueExpr(template, ctx.notes, ctx.path)), raw: true };
}

/** TypeScript keys for declared names: camelCase, each once; `explicit` when `argoName(key)` is not the name. */
export function keysFor(names: readonly string[], taken: Set<string>): Map<string, { key: string; explicit: boolean }> {
  const out = new Map<string, { key: string; explicit: boolean }>();
  for (const name of names) {
    const base = camelCase(name, 'p') || 'value';
    let key = base;
    for (let i = 2; taken.has(key); i++) key = `${base}${i}`;
    taken.add(key);
    out.set(name, { key, explicit: argoName(key) !== name });
  }
  return out;
}

/** A declared list (`inputs.parameters`…) as names and items, or undefined if not plain. */
function declaredList(list: unknown): { names: string[]; items: Json[] } | undefined {
  if (list === undefined) return { names: [], items: [] };
  if (!Array.isArray(list) || !list.every((i) => isObject(i) && typeof i.name === 'string')) return undefined;
  const names = list.map((i) => (i as Json).name as string);
  if (new Set(names).size !== names.length) return undefined;
  return { names, items: list as Json[] };
}

/** What gives a declared parameter a value, so a task need not pass it (as the builders' types say). */
const PARAMETER_SOURCES = ['default', 'value', 'valueFrom'];
/** What gives a declared artifact a source, so a task need not pass it. */
const ARTIFACT_SOURCES = [
  'optional',
  'from',
  'fromExpression',
  'raw',
  's3',
  'gcs',
  'git',
  'http',
  'artifactory',
  'hdfs',
  'oss',
  'azure',
  'plugin',
];

/** `inputs` or `outputs` as the builders declare them. */
export interface IoSpec {
  /** The `inputs` / `outputs` option, by TypeScript key. */
  readonly expr: Expr;
  /** `{{…}}` tag (without braces) → the typed reference to it, as the template's own `io` reads it. */
  readonly refs: Map<string, string>;
  /** What it declares, by Argo name. */
  readonly declared: Map<string, Declared>;
}

/** `inputs` or `outputs` as the builders declare them, or undefined when it holds something else. */
export function ioSpec(io: unknown, side: 'inputs' | 'outputs', path: string, notes: PathNotes): IoSpec | undefined {
  if (io === undefined) return { expr: obj([]), refs: new Map(), declared: new Map() };
  if (!isObject(io)) return undefined;
  // The declared specs are inferred, not checked against Argo's types field by field: a field the types lack
  // would need no `@ts-expect-error` there, so such a template stays a plain object, with its notes.
  if ([...notes.keys()].some((p) => p.startsWith(`${path}.`))) return undefined;
  const extra = side === 'outputs' ? ['result', 'exitCode'] : [];
  if (!Object.keys(io).every((k) => k === 'parameters' || k === 'artifacts' || extra.includes(k))) return undefined;
  const params = declaredList(io.parameters);
  const artifacts = declaredList(io.artifacts);
  if (params === undefined || artifacts === undefined) return undefined;
  // A parameter and an artifact are passed by key: their keys must differ.
  const taken = new Set<string>();
  const keys = { parameters: keysFor(params.names, taken), artifacts: keysFor(artifacts.names, taken) };
  const refs = new Map<string, string>();
  const declared = new Map<string, Declared>();
  const section = (kind: 'parameters' | 'artifacts', d: { names: string[]; items: Json[] }): Prop => {
    const props: Prop[] = d.items.map((item, i) => {
      const argo = d.names[i] as string;
      const { key, explicit } = keys[kind].get(argo) as { key: string; explicit: boolean };
      refs.set(`${side}.${kind}.${argo}${kind === 'artifacts' ? '.path' : ''}`, `io.${side}.${kind}.${key}`);
      const sources = kind === 'parameters' ? PARAMETER_SOURCES : ARTIFACT_SOURCES;
      const required = !sources.some((k) => item[k] !== undefined && (k !== 'optional' || item[k] === true));
      declared.set(`${kind}:${argo}`, { key, kind, required });
      const rest = Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'name'));
      return { key, value: valueExpr(explicit ? { name: item.name, ...rest } : rest) };
    });
    return { key: kind, value: obj(props) };
  };
  const props: Prop[] = [];
  if (io.parameters !== undefined) props.push(section('parameters', params));
  if (io.artifacts !== undefined) props.push(section('artifacts', artifacts));
  for (const k of extra) if (io[k] !== undefined) props.push({ key: k, value: valueExpr(io[k]) });
  if (side === 'inputs') refs.set('inputs.parameters', 'io.inputs.parametersJson');
  else refs.set('outputs.result', 'io.outputs.result');
  return { expr: obj(props), refs, declared };
}

const TAG = /\{\{([^{}]+)\}\}/g;

/**
 * A string with the `{{…}}` tags `refs` knows as typed references (a template literal, or the reference alone),
 * or undefined when it has none. `used` counts the strings changed.
 */
export function withRefs(
  s: string,
  refs: (tag: string) => string | undefined,
  used: { count: number },
): Expr | undefined {
  if (!s.includes('{{') || !fitsTemplate(s)) return undefined;
  const parts: (string | Expr)[] = [];
  let last = 0;
  for (const m of s.matchAll(TAG)) {
    const ref = refs(m[1] as string);
    if (ref === undefined) continue;
    if (m.index > last) parts.push(s.slice(last, m.index));
    parts.push(code(ref));
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return undefined;
  used.count++;
  if (last < s.length) parts.push(s.slice(last));
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0];
  return { type: 'template', parts };
}

/** A field's value: a function of the template's `io` when it names its inputs or outputs, else the plain value. */
export function fieldExpr(
  value: unknown,
  path: string,
  refs: ReadonlyMap<string, string>,
  notes: PathNotes,
  globals: ReadonlyMap<string, string> = new Map(),
): Expr {
  // What a field function returns is not checked field by field: a `@ts-expect-error` inside one would be unused.
  if ([...notes.keys()].some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`))) {
    return valueExpr(value, notes, path);
  }
  const used = { count: 0 };
  let io = false;
  const lookup = (tag: string) => {
    const own = refs.get(tag);
    if (own !== undefined) io = true;
    return own ?? globals.get(tag);
  };
  const expr = valueExpr(value, notes, path, (s) => withRefs(s, lookup, used));
  return io ? arrow(['io'], expr) : expr;
}

/** The template's own fields besides name, inputs, outputs and `skip`, as options (functions of its io where named). */
export function fieldProps(
  t: Json,
  skip: readonly string[],
  refs: ReadonlyMap<string, string>,
  ctx: TemplateContext,
): Prop[] {
  const props: Prop[] = [];
  for (const [key, value] of Object.entries(t)) {
    if (key === 'name' || key === 'inputs' || key === 'outputs' || skip.includes(key)) continue;
    props.push({ key, value: fieldExpr(value, `${ctx.path}.${key}`, refs, ctx.notes, ctx.globals) });
  }
  return props;
}

function typedExpr(t: Json, info: TemplateInfo, ctx: TemplateContext): Expr | undefined {
  const kind = bodyKind(t);
  const inputs = ioSpec(t.inputs, 'inputs', `${ctx.path}.inputs`, ctx.notes);
  const outputs = ioSpec(t.outputs, 'outputs', `${ctx.path}.outputs`, ctx.notes);
  if (kind === undefined || inputs === undefined || outputs === undefined) return undefined;
  if (kind === 'dag' || kind === 'steps') return compositeExpr(t, kind, info, inputs, outputs, ctx);
  const all = new Map([...inputs.refs, ...outputs.refs]);
  const props: Prop[] = [{ key: 'name', value: str(t.name as string) }];
  if (t.inputs !== undefined) props.push({ key: 'inputs', value: inputs.expr });
  if (t.outputs !== undefined) {
    // The outputs may name the inputs (an S3 key built from a parameter), not themselves.
    const used = { count: 0 };
    const named = withOutputsIo(outputs.expr, inputs.refs, used);
    props.push({ key: 'outputs', value: used.count === 0 ? outputs.expr : arrow(['io'], named) });
  }
  props.push(...fieldProps(t, [kind], all, ctx));
  props.push({ key: kind, value: fieldExpr(t[kind], `${ctx.path}.${kind}`, all, ctx.notes, ctx.globals) });
  return call(ctx.imports.use(kind), obj(props));
}

/** The outputs spec with its strings' `{{inputs.…}}` tags as typed references. */
function withOutputsIo(expr: Expr, refs: ReadonlyMap<string, string>, used: { count: number }): Expr {
  const known = (tag: string) => refs.get(tag);
  switch (expr.type) {
    case 'string':
      return withRefs(expr.value, known, used) ?? expr;
    case 'template':
      return expr.parts.length === 1 && typeof expr.parts[0] === 'string'
        ? (withRefs(expr.parts[0], known, used) ?? expr)
        : expr;
    case 'object':
      return obj(expr.props.map((p) => ({ ...p, value: withOutputsIo(p.value, refs, used) })));
    case 'array':
      return { type: 'array', items: expr.items.map((i) => withOutputsIo(i, refs, used)) };
    default:
      return expr;
  }
}
