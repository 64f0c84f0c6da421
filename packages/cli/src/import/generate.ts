/**
 * Argo manifests → the statements of a TypeScript module that builds them with `@sluice/sdk`. What can be written
 * with a typed builder is; the rest (a template the builders would not give back exactly, a document of another
 * kind) is written as the plain object, and counted.
 */
import { validateManifest } from '@sluice/argo-types';
import * as sdk from '@sluice/sdk';
import {
  arr,
  type ChainLink,
  call,
  chain,
  code,
  type Expr,
  obj,
  type PathNotes,
  type Statement,
  str,
  valueExpr,
} from './js-syntax.js';
import { isObject, type Json } from './json.js';
import { camelCase, NameScope } from './names.js';
import { describeTemplate, keysFor, type TemplateInfo, templateExpr, withRefs } from './templates.js';

/** Which parts to write as plain objects (the verifier grows these until the module builds the input back). */
export interface RawChoices {
  /** Per document index: names of templates written with `fromTemplate()`. */
  readonly templates: ReadonlyMap<number, ReadonlySet<string>>;
  /** Documents written whole as plain objects. */
  readonly documents: ReadonlySet<number>;
  /** Documents whose workflow arguments stay plain (`set({ arguments })`) rather than `workflowArguments()`. */
  readonly plainArguments?: ReadonlySet<number>;
}

/** What became of one document. */
export interface DocumentPlan {
  /** Index in the input. */
  readonly index: number;
  /** Its kind. */
  readonly kind: string;
  /** `metadata.name` or `generateName`. */
  readonly name: string;
  /** `default` or the named export. */
  readonly exportName: string;
  /** How many templates it lists. */
  readonly templateCount: number;
  /** Templates written as plain objects (`fromTemplate`). */
  readonly rawTemplates: readonly string[];
  /** True when the whole document is a plain object. */
  readonly raw: boolean;
}

/** A generated module: its statements and what became of each document. */
export interface ModulePlan {
  readonly statements: Statement[];
  readonly documents: DocumentPlan[];
}

/** The workflow kinds and the `@sluice/sdk` function that starts each. */
const FACTORIES: Readonly<Record<string, string>> = {
  Workflow: 'workflow',
  WorkflowTemplate: 'workflowTemplate',
  ClusterWorkflowTemplate: 'clusterWorkflowTemplate',
  CronWorkflow: 'cronWorkflow',
};

/** Collects the `@sluice/sdk` names a module uses. */
export class Imports {
  readonly #names = new Set<string>();
  /** `name`, recorded as imported. */
  use(name: string): string {
    this.#names.add(name);
    return name;
  }
  /** Records every name `other` recorded. */
  merge(other: Imports): void {
    for (const n of other.#names) this.#names.add(n);
  }
  /** The names, sorted as the formatter's import sorting expects. */
  sorted(): string[] {
    return [...this.#names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1));
  }
}

/** Every name `@sluice/sdk` exports: a generated module may import any of them, so no variable takes one. */
export const SDK_NAMES: readonly string[] = Object.keys(sdk);

function displayName(doc: Json): string {
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const name = meta.name ?? meta.generateName;
  return typeof name === 'string' ? name : '';
}

function isWorkflowKind(doc: unknown): doc is Json {
  return (
    isObject(doc) &&
    typeof doc.kind === 'string' &&
    FACTORIES[doc.kind] !== undefined &&
    doc.apiVersion === 'argoproj.io/v1alpha1' &&
    isObject(doc.metadata) &&
    isObject(doc.spec) &&
    (doc.kind !== 'CronWorkflow' || isObject(doc.spec.workflowSpec))
  );
}

/** True when the document's references to templates are names (anything else is written whole as a plain object). */
function hasNamedTemplateFields(spec: Json): boolean {
  const named = (v: unknown) => v === undefined || typeof v === 'string';
  const templates = spec.templates;
  return (
    named(spec.entrypoint) &&
    named(spec.onExit) &&
    (templates === undefined || (Array.isArray(templates) && templates.every(isObject))) &&
    (spec.hooks === undefined || isObject(spec.hooks))
  );
}

function metadataExpr(meta: Json, notes: PathNotes): Expr {
  const keys = Object.keys(meta);
  if (keys.length === 1 && typeof meta.name === 'string') return str(meta.name);
  return valueExpr(meta, notes, 'metadata');
}

/**
 * Where the typed builders' types will not take what the YAML holds (a field the newest release does not have, a
 * value of another type): a `@ts-expect-error` above it, saying why, keeps the module compiling and the value exact.
 */
export function typeNotes(doc: unknown): Map<string, string> {
  const notes = new Map<string, string>();
  for (const issue of validateManifest(doc).issues) {
    if (issue.message === 'required field missing') continue;
    notes.set(issue.path, `@ts-expect-error ${issue.message}`);
  }
  // Parameter values Argo reads as text whatever their YAML type; the types say string.
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        const at = path === '' ? k : `${path}.${k}`;
        const textField = (k === 'value' || k === 'default') && typeof value.name === 'string';
        if (textField && v !== null && typeof v !== 'string' && !notes.has(at)) {
          notes.set(at, '@ts-expect-error Argo reads a parameter value as text; this one is not');
        }
        walk(v, at);
      }
    }
  };
  walk(doc, '');
  return notes;
}

/** Plans the module for `docs`, writing as plain objects what `raw` names. */
export function planModule(docs: readonly unknown[], raw: RawChoices): ModulePlan {
  const imports = new Imports();
  // The callbacks' own names (`d`, `s`, `g`, `self`, `io`) are never a module-level variable they would hide.
  const scope = new NameScope([...SDK_NAMES, 'd', 's', 'g', 'self', 'io']);
  const exportScope = new NameScope(SDK_NAMES);
  const body: Statement[] = [];
  const documents: DocumentPlan[] = [];
  // The default export is the first workflow of the file (a file may start with a ConfigMap it uses).
  const first = docs.findIndex(isWorkflowKind);
  const defaultIndex = Math.max(first, 0);
  docs.forEach((doc, index) => {
    const kind = isObject(doc) && typeof doc.kind === 'string' ? doc.kind : 'object';
    const name = isObject(doc) ? displayName(doc) : '';
    const exportName =
      index === defaultIndex ? 'default' : exportScope.take(name || kind, camelCase(kind) || 'Object', 'object');
    if (exportName !== 'default') scope.reserve(exportName);
    const wholeRaw =
      raw.documents.has(index) ||
      !isWorkflowKind(doc) ||
      !hasNamedTemplateFields((doc.kind === 'CronWorkflow' ? (doc.spec as Json).workflowSpec : doc.spec) as Json);
    let value: Expr;
    let rawTemplates: string[] = [];
    const wf = isObject(doc)
      ? ((doc.kind === 'CronWorkflow' ? (doc.spec as Json)?.workflowSpec : doc.spec) as Json)
      : {};
    const templateCount = Array.isArray(wf?.templates) ? wf.templates.length : 0;
    if (wholeRaw) {
      value = isWorkflowKind(doc)
        ? { type: 'index', target: call(imports.use('fromObjects'), arr([valueExpr(doc)])), index: 0 }
        : call(imports.use('kubernetesObject'), valueExpr(doc));
    } else {
      const plainArgs = raw.plainArguments?.has(index) === true;
      const built = workflowDocument(doc, raw.templates.get(index) ?? new Set(), plainArgs, imports, scope, body);
      value = built.value;
      rawTemplates = built.rawTemplates;
    }
    body.push(
      exportName === 'default' ? { type: 'exportDefault', value } : { type: 'exportConst', name: exportName, value },
    );
    documents.push({ index, kind, name, exportName, templateCount, rawTemplates, raw: wholeRaw });
  });
  const statements: Statement[] = [{ type: 'import', names: imports.sorted(), from: '@sluice/sdk' }, ...body];
  return { statements, documents };
}

function workflowDocument(
  doc: Json,
  rawNames: ReadonlySet<string>,
  plainArgs: boolean,
  imports: Imports,
  scope: NameScope,
  body: Statement[],
): { value: Expr; rawTemplates: string[] } {
  const kind = doc.kind as string;
  const spec = doc.spec as Json;
  const wfSpec = (kind === 'CronWorkflow' ? spec.workflowSpec : spec) as Json;
  const specPath = kind === 'CronWorkflow' ? 'spec.workflowSpec' : 'spec';
  const notes = typeNotes(doc);
  const templates = Array.isArray(wfSpec.templates) ? (wfSpec.templates as unknown[]) : undefined;
  const entries = (templates ?? []).map((t, i) => {
    const name = isObject(t) && typeof t.name === 'string' ? t.name : '';
    return { t, name, variable: scope.take(name, 'Template', 'template'), path: `${specPath}.templates[${i}]` };
  });
  const vars = new Map<string, string>();
  for (const e of entries) if (e.name !== '' && !vars.has(e.name)) vars.set(e.name, e.variable);
  // The workflow's arguments, declared first with workflowArguments(): templates read them as typed references.
  const globals = new Map<string, string>();
  const args = plainArgs ? undefined : workflowArgumentsExpr(wfSpec.arguments, `${specPath}.arguments`, notes);
  let argsVariable: string | undefined;
  if (args !== undefined) {
    argsVariable = scope.take('args', 'Arguments', 'args');
    body.push({ type: 'const', name: argsVariable, value: call(imports.use('workflowArguments'), ...args.exprs) });
    for (const [name, key] of args.keys)
      globals.set(`workflow.parameters.${name}`, `${argsVariable}.parameters.${key}`);
  }
  // A template that the typed builders turn out not to write is plain for the others too: write again until none.
  const plain = new Set(rawNames);
  let written = writeTemplates(entries, plain, scope, notes, globals);
  while (written.fellBack.some((n) => !plain.has(n))) {
    for (const n of written.fellBack) plain.add(n);
    written = writeTemplates(entries, plain, scope, notes, globals);
  }
  imports.merge(written.imports);
  body.push(...written.statements);
  const rawTemplates = written.rawTemplates;
  const order = listingRoots(
    entries.map((e) => e.name),
    wfSpec.entrypoint,
    written.deps,
  ).map((n) => vars.get(n) as string);
  const head =
    kind === 'CronWorkflow'
      ? call(
          imports.use('cronWorkflow'),
          metadataExpr(doc.metadata as Json, notes),
          valueExpr(without(spec, ['workflowSpec']), notes, 'spec'),
        )
      : call(imports.use(FACTORIES[kind] as string), metadataExpr(doc.metadata as Json, notes));
  const links: ChainLink[] = [];
  const fields = without(wfSpec, ['templates', 'entrypoint', 'onExit', 'hooks', ...(args ? ['arguments'] : [])]);
  if (Object.keys(fields).length > 0) {
    const text = (s: string) => withRefs(s, (tag) => globals.get(tag), { count: 0 });
    links.push({ method: 'set', args: [valueExpr(fields, notes, specPath, text)] });
  }
  if (argsVariable !== undefined) links.push({ method: 'arguments', args: [code(argsVariable)] });
  const ref = (name: unknown): Expr =>
    typeof name === 'string' && vars.has(name) ? code(vars.get(name) as string) : valueExpr(name);
  const entry = wfSpec.entrypoint;
  // `entrypoint(main)` lists `main` and what it runs: `templates()` only when that is not all.
  const listedByEntrypoint = typeof entry === 'string' && order.length === 1 && order[0] === vars.get(entry);
  if (templates !== undefined && !listedByEntrypoint) {
    links.push({ method: 'templates', args: order.map(code) });
  }
  if (entry !== undefined) links.push({ method: 'entrypoint', args: [ref(entry)] });
  if (wfSpec.onExit !== undefined) links.push({ method: 'onExit', args: [ref(wfSpec.onExit)] });
  if (wfSpec.hooks !== undefined) {
    links.push({ method: 'hooks', args: [valueExpr(wfSpec.hooks, notes, `${specPath}.hooks`)] });
  }
  return { value: chain(head, links), rawTemplates };
}

/**
 * `workflowArguments(parameters, artifacts?)` for a workflow's `arguments`, with the TypeScript key of each
 * parameter by Argo name; undefined when they are not plain (another field, a value that is not text, a
 * `@ts-expect-error` inside), and they stay in `set({ arguments })`.
 */
function workflowArgumentsExpr(
  given: unknown,
  path: string,
  notes: PathNotes,
): { exprs: Expr[]; keys: Map<string, string> } | undefined {
  if (!isObject(given) || !Object.keys(given).every((k) => k === 'parameters' || k === 'artifacts')) return undefined;
  if ([...notes.keys()].some((p) => p.startsWith(`${path}.`))) return undefined;
  const lists = { parameters: given.parameters ?? [], artifacts: given.artifacts ?? [] };
  const plainItem = (i: unknown): i is Json =>
    isObject(i) &&
    typeof i.name === 'string' &&
    Object.values(i).every((v) => typeof v !== 'number' && typeof v !== 'boolean');
  if (!Array.isArray(lists.parameters) || !Array.isArray(lists.artifacts)) return undefined;
  if (![...lists.parameters, ...lists.artifacts].every(plainItem)) return undefined;
  if (lists.parameters.length === 0) return undefined;
  const names = (list: Json[]) => list.map((i) => i.name as string);
  const all = [...names(lists.parameters), ...names(lists.artifacts)];
  if (new Set(all).size !== all.length) return undefined;
  const taken = new Set<string>();
  const keys = new Map<string, string>();
  const specs = (list: Json[], kind: 'parameters' | 'artifacts'): Expr => {
    const k = keysFor(names(list), taken);
    return obj(
      list.map((item) => {
        const { key, explicit } = k.get(item.name as string) as { key: string; explicit: boolean };
        if (kind === 'parameters') keys.set(item.name as string, key);
        const rest = without(item, ['name']);
        const only = Object.keys(rest);
        const value =
          kind === 'parameters' && !explicit && only.length === 1 && typeof rest.value === 'string'
            ? str(rest.value)
            : valueExpr(explicit ? { name: item.name, ...rest } : rest);
        return { key, value };
      }),
    );
  };
  const exprs = [specs(lists.parameters, 'parameters')];
  if (lists.artifacts.length > 0) exprs.push(specs(lists.artifacts, 'artifacts'));
  return { exprs, keys };
}

interface Entry {
  readonly t: unknown;
  readonly name: string;
  readonly variable: string;
  readonly path: string;
}

/**
 * The template declarations, each after the templates it runs (so its builder can name theirs), and per template
 * the builders it lists when listed (the templates its tasks run by variable).
 */
function writeTemplates(
  entries: readonly Entry[],
  plain: ReadonlySet<string>,
  scope: NameScope,
  notes: PathNotes,
  globals: ReadonlyMap<string, string>,
): {
  statements: Statement[];
  rawTemplates: string[];
  fellBack: string[];
  deps: Map<string, string[]>;
  imports: Imports;
} {
  const imports = new Imports();
  const infos = new Map<string, TemplateInfo>();
  const described = entries.map((e) => describeTemplate(e.t, e.variable, plain.has(e.name), notes, e.path));
  for (const [i, e] of entries.entries())
    if (e.name !== '' && !infos.has(e.name)) infos.set(e.name, described[i] as TemplateInfo);
  const indexOf = new Map<string, number>();
  for (const [i, e] of entries.entries()) if (!indexOf.has(e.name)) indexOf.set(e.name, i);
  // Declaration order: depth first, the templates a template runs before it; a cycle's back edge runs by name.
  const order: number[] = [];
  const seen = new Set<number>();
  const visit = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    for (const run of (described[i] as TemplateInfo).runs) {
      const j = indexOf.get(run);
      if (j !== undefined) visit(j);
    }
    order.push(i);
  };
  for (const i of entries.keys()) visit(i);
  const declared = new Set<string>();
  const statements: Statement[] = [];
  const rawTemplates: string[] = [];
  const fellBack: string[] = [];
  const deps = new Map<string, string[]>();
  for (const i of order) {
    const e = entries[i] as Entry;
    const info = described[i] as TemplateInfo;
    const written = templateExpr(e.t, info, { imports, infos, declared, scope, notes, path: e.path, globals });
    if (written.raw) rawTemplates.push(e.name);
    if (written.raw && info.typed) fellBack.push(e.name);
    deps.set(e.name, written.raw ? [] : info.runs.filter((r) => r !== e.name && declared.has(r)));
    statements.push({ type: 'const', name: e.variable, value: written.expr });
    declared.add(e.name);
  }
  const inOrder = entries.map((e) => e.name).filter((n) => rawTemplates.includes(n));
  return { statements, rawTemplates: inOrder, fellBack, deps, imports };
}

/**
 * The templates to list so that the workflow lists them in the input's order: the entrypoint alone when it and what
 * it runs come out in that order (`entrypoint()` lists a template, then each template it runs), else all of them,
 * in order (`templates()` keeps the order it is given).
 */
function listingRoots(
  names: readonly string[],
  entry: unknown,
  deps: ReadonlyMap<string, readonly string[]>,
): string[] {
  if (typeof entry !== 'string' || !names.includes(entry)) return [...names];
  const out: string[] = [];
  const visit = (n: string): void => {
    if (out.includes(n)) return;
    out.push(n);
    for (const d of deps.get(n) ?? []) visit(d);
  };
  visit(entry);
  return out.length === names.length && out.every((n, i) => n === names[i]) ? [entry] : [...names];
}

function without(o: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  return out;
}
