/**
 * One Argo template → the builder call that makes it: `container({…})`, `script({…})`, … with typed inputs and
 * outputs, and typed references (`io.inputs.parameters.x`) in place of the `{{…}}` tags that name them; a plain
 * `fromTemplate({…})` where that is not possible or the verifier found the builder's result not equal.
 */
import { argoName } from '@sluice/sdk';
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
import { camelCase } from './names.js';

/** What a template is written with. */
export interface TemplateContext {
  /** Write it as a plain object (the verifier found the builder form not equal). */
  readonly raw: boolean;
  /** The module's imports. */
  readonly imports: Imports;
  /** Template name → the variable holding its builder. */
  readonly variables: ReadonlyMap<string, string>;
  /** Comments for properties, by path (see `typeNotes`). */
  readonly notes: PathNotes;
  /** The template's path in its document, e.g. `spec.templates[0]`. */
  readonly path: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The leaf template kinds, each with the sdk function of the same name. */
const LEAF_KINDS = ['container', 'script', 'resource', 'suspend', 'http', 'containerSet', 'data', 'plugin'] as const;
const BODY_KINDS = [...LEAF_KINDS, 'dag', 'steps'];

/** The expression building `template`, and whether it is a plain object. */
export function templateExpr(template: unknown, ctx: TemplateContext): { expr: Expr; raw: boolean } {
  const typed = ctx.raw || !isObject(template) ? undefined : leafExpr(template, ctx);
  if (typed !== undefined) return { expr: typed, raw: false };
  return { expr: call(ctx.imports.use('fromTemplate'), valueExpr(template, ctx.notes, ctx.path)), raw: true };
}

/** TypeScript keys for declared names: camelCase, each once; `explicit` when `argoName(key)` is not the name. */
function keysFor(names: readonly string[], taken: Set<string>): Map<string, { key: string; explicit: boolean }> {
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

/** A declared list (`inputs.parameters`…) as an object keyed by TypeScript name, or undefined if not plain. */
function declared(list: unknown): { names: string[]; items: Json[] } | undefined {
  if (list === undefined) return { names: [], items: [] };
  if (!Array.isArray(list) || !list.every((i) => isObject(i) && typeof i.name === 'string')) return undefined;
  const names = list.map((i) => (i as Json).name as string);
  if (new Set(names).size !== names.length) return undefined;
  return { names, items: list as Json[] };
}

interface IoSpec {
  /** The `inputs` / `outputs` option, by TypeScript key. */
  readonly expr: Expr;
  /** `{{…}}` tag → the typed reference to it. */
  readonly refs: Map<string, string>;
}

/** `inputs` or `outputs` as the builders declare them, or undefined when it holds something else. */
function ioSpec(io: unknown, side: 'inputs' | 'outputs', path: string, ctx: TemplateContext): IoSpec | undefined {
  if (io === undefined) return { expr: code('undefined'), refs: new Map() };
  if (!isObject(io)) return undefined;
  // The declared specs are inferred, not checked against Argo's types field by field: a field the types lack
  // would need no `@ts-expect-error` there, so such a template stays a plain object, with its notes.
  if ([...ctx.notes.keys()].some((p) => p.startsWith(`${path}.`))) return undefined;
  const extra = side === 'outputs' ? ['result', 'exitCode'] : [];
  if (!Object.keys(io).every((k) => k === 'parameters' || k === 'artifacts' || extra.includes(k))) return undefined;
  const params = declared(io.parameters);
  const artifacts = declared(io.artifacts);
  if (params === undefined || artifacts === undefined) return undefined;
  // A parameter and an artifact are passed by key: their keys must differ.
  const taken = new Set<string>();
  const paramKeys = keysFor(params.names, taken);
  const artifactKeys = keysFor(artifacts.names, taken);
  const refs = new Map<string, string>();
  const section = (kind: 'parameters' | 'artifacts', d: { names: string[]; items: Json[] }, keys: typeof paramKeys) => {
    const props: Prop[] = d.items.map((item, i) => {
      const { key, explicit } = keys.get(d.names[i] as string) as { key: string; explicit: boolean };
      const suffix = kind === 'artifacts' ? '.path' : '';
      refs.set(`${side}.${kind}.${d.names[i]}${suffix}`, `io.${side}.${kind}.${key}`);
      const rest = Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'name'));
      const spec = valueExpr(explicit ? { name: item.name, ...rest } : rest);
      return { key, value: spec };
    });
    return { key: kind, value: obj(props) };
  };
  const props: Prop[] = [];
  if (io.parameters !== undefined) props.push(section('parameters', params, paramKeys));
  if (io.artifacts !== undefined) props.push(section('artifacts', artifacts, artifactKeys));
  for (const k of extra) {
    if (io[k] !== undefined) props.push({ key: k, value: valueExpr(io[k]) });
  }
  if (side === 'inputs') refs.set('inputs.parameters', 'io.inputs.parametersJson');
  else refs.set('outputs.result', 'io.outputs.result');
  return { expr: obj(props), refs };
}

const TAG = /\{\{([^{}]+)\}\}/g;

/** A string with the `{{…}}` tags `refs` knows as typed references, or undefined when it has none. */
function withRefs(s: string, refs: ReadonlyMap<string, string>, used: { count: number }): Expr | undefined {
  if (!s.includes('{{') || !fitsTemplate(s)) return undefined;
  const parts: (string | Expr)[] = [];
  let last = 0;
  for (const m of s.matchAll(TAG)) {
    const ref = refs.get(m[1] as string);
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
function fieldExpr(value: unknown, path: string, refs: ReadonlyMap<string, string>, ctx: TemplateContext): Expr {
  const used = { count: 0 };
  const expr = valueExpr(value, ctx.notes, path, (s) => withRefs(s, refs, used));
  return used.count === 0 ? expr : arrow(['io'], expr);
}

function leafExpr(t: Json, ctx: TemplateContext): Expr | undefined {
  const kinds = BODY_KINDS.filter((k) => t[k] !== undefined);
  const kind = LEAF_KINDS.find((k) => k === kinds[0]);
  if (kind === undefined || kinds.length !== 1 || typeof t.name !== 'string' || t.name === '') return undefined;
  const inputs = ioSpec(t.inputs, 'inputs', `${ctx.path}.inputs`, ctx);
  const outputs = ioSpec(t.outputs, 'outputs', `${ctx.path}.outputs`, ctx);
  if (inputs === undefined || outputs === undefined) return undefined;
  const all = new Map([...inputs.refs, ...outputs.refs]);
  const props: Prop[] = [{ key: 'name', value: str(t.name) }];
  if (t.inputs !== undefined) props.push({ key: 'inputs', value: inputs.expr });
  if (t.outputs !== undefined) {
    // The outputs may name the inputs (an S3 key built from a parameter); not themselves.
    const used = { count: 0 };
    const outputsRefs = withOutputsIo(outputs.expr, inputs.refs, used);
    props.push({ key: 'outputs', value: used.count === 0 ? outputs.expr : arrow(['io'], outputsRefs) });
  }
  for (const [key, value] of Object.entries(t)) {
    if (key === 'name' || key === 'inputs' || key === 'outputs' || key === kind) continue;
    props.push({ key, value: fieldExpr(value, `${ctx.path}.${key}`, all, ctx) });
  }
  props.push({ key: kind, value: fieldExpr(t[kind], `${ctx.path}.${kind}`, all, ctx) });
  return call(ctx.imports.use(kind), obj(props));
}

/** The outputs spec with its strings' `{{inputs.…}}` tags as typed references. */
function withOutputsIo(expr: Expr, refs: ReadonlyMap<string, string>, used: { count: number }): Expr {
  switch (expr.type) {
    case 'string':
      return withRefs(expr.value, refs, used) ?? expr;
    case 'template':
      return expr.parts.length === 1 && typeof expr.parts[0] === 'string'
        ? (withRefs(expr.parts[0], refs, used) ?? expr)
        : expr;
    case 'object':
      return obj(expr.props.map((p) => ({ ...p, value: withOutputsIo(p.value, refs, used) })));
    case 'array':
      return { type: 'array', items: expr.items.map((i) => withOutputsIo(i, refs, used)) };
    default:
      return expr;
  }
}
