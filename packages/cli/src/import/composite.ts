/**
 * A DAG or steps template → `dag(…, (d) => { … })` / `steps(…, (s) => { … })`: one `d.task()` / `s.step()` per task
 * or step, the template it runs by its variable, arguments by the template's TypeScript keys, `depends` as task
 * handles (`after(a, b)`) or left out where the builder infers exactly it, and `{{tasks.a.outputs.result}}` tags
 * as the handles' typed references.
 */
import { arr, arrow, call, code, type Expr, obj, type Prop, type Statement, str, valueExpr } from './js-syntax.js';
import { isObject, type Json } from './json.js';
import {
  describeTemplate,
  fieldProps,
  type IoSpec,
  type TemplateContext,
  type TemplateInfo,
  templateExpr,
  withRefs,
} from './templates.js';

/** Fields a task or step passes through as options, as they are (or with typed references in their strings). */
const TARGET_KEYS = ['name', 'template', 'templateRef', 'inline', 'arguments'];

/** The nodes of a DAG (one group) or of steps (its groups), or undefined when the body is not plain. */
function groupsOf(t: Json): Json[][] | undefined {
  if (isObject(t.dag)) {
    if (!Object.keys(t.dag).every((k) => k === 'tasks' || k === 'failFast' || k === 'target')) return undefined;
    const tasks = t.dag.tasks;
    if (!Array.isArray(tasks) || !tasks.every(isObject)) return undefined;
    return [tasks as Json[]];
  }
  if (Array.isArray(t.steps)) {
    const groups = t.steps;
    if (!groups.every((g) => Array.isArray(g) && g.length > 0 && g.every(isObject))) return undefined;
    return groups as Json[][];
  }
  return undefined;
}

/** The templates a DAG or steps template runs by name (tasks and `onExit`), in order of first use; or undefined. */
export function compositeTargets(t: Json): string[] | undefined {
  const groups = groupsOf(t);
  if (groups === undefined) return undefined;
  const out: string[] = [];
  for (const node of groups.flat()) {
    if (typeof node.name !== 'string' || node.name === '') return undefined;
    const targets = ['template', 'templateRef', 'inline'].filter((k) => node[k] !== undefined);
    if (targets.length !== 1) return undefined;
    if (typeof node.template === 'string' && !out.includes(node.template)) out.push(node.template);
    if (typeof node.onExit === 'string' && !out.includes(node.onExit)) out.push(node.onExit);
  }
  return out;
}

interface Handle {
  readonly variable: string;
  readonly target: TemplateInfo | undefined;
  used: boolean;
}

/** Writes one composite template; undefined when a task or step cannot be written with the typed builders. */
export function compositeExpr(
  t: Json,
  kind: 'dag' | 'steps',
  info: TemplateInfo,
  inputs: IoSpec,
  outputs: IoSpec,
  ctx: TemplateContext,
): Expr | undefined {
  const groups = groupsOf(t);
  if (groups === undefined) return undefined;
  const scope = ctx.scope.child();
  const draft = kind === 'dag' ? 'd' : 's';
  for (const reserved of [draft, 'g', 'self', 'io']) scope.reserve(reserved);
  const scopeName = kind === 'dag' ? 'tasks' : 'steps';
  // Handles of the nodes declared so far (for steps: of earlier groups), by node name.
  const handles = new Map<string, Handle>();
  const ownInputs = new Map<string, string>();
  for (const [argo, d] of info.inputs) {
    const [k, name] = [d.kind, argo.slice(d.kind.length + 1)];
    ownInputs.set(`inputs.${k}.${name}`, `${draft}.inputs.${k}.${d.key}`);
  }
  const refOf = (tag: string): string | undefined => {
    const own = ownInputs.get(tag);
    if (own !== undefined) return own;
    if (tag === 'item') return 'item()';
    const m =
      /^(tasks|steps)\.([A-Za-z0-9][-A-Za-z0-9_]*)\.(outputs\.(result|exitCode|parameters\.(.+)|artifacts\.(.+))|status|id|ip)$/.exec(
        tag,
      );
    if (m === null || m[1] !== scopeName) return undefined;
    const h = handles.get(m[2] as string);
    if (h === undefined) return undefined;
    let ref: string | undefined;
    if (m[4] === 'result' || m[4] === 'exitCode') ref = `${h.variable}.outputs.${m[4]}`;
    else if (m[3] === 'status' || m[3] === 'id' || m[3] === 'ip') ref = `${h.variable}.${m[3]}`;
    else {
      const kindOf = m[5] !== undefined ? 'parameters' : 'artifacts';
      const d = h.target?.typed === true ? h.target.outputs.get(`${kindOf}:${m[5] ?? m[6]}`) : undefined;
      if (d !== undefined) ref = `${h.variable}.outputs.${kindOf}.${d.key}`;
    }
    if (ref !== undefined) h.used = true;
    return ref;
  };
  const imports = ctx.imports;
  const itemRef = (tag: string) => {
    if (tag === 'item') return `${imports.use('item')}()`;
    const field = /^item\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(tag);
    return field === null ? undefined : `${imports.use('item')}('${field[1]}')`;
  };
  const text = (used: { count: number }) => (s: string) =>
    withRefs(
      s,
      (tag) => (tag === 'item' || tag.startsWith('item.') ? itemRef(tag) : (refOf(tag) ?? ctx.globals.get(tag))),
      used,
    );

  const written: { statement: (declare: boolean) => Statement; handle: Handle }[][] = [];
  for (const [g, group] of groups.entries()) {
    const row: (typeof written)[number] = [];
    const declaredInGroup: [string, Handle][] = [];
    for (const [j, node] of group.entries()) {
      const name = node.name as string;
      const on = kind === 'dag' ? draft : group.length > 1 ? 'g' : draft;
      const at = kind === 'dag' ? `${ctx.path}.dag.tasks[${j}]` : `${ctx.path}.steps[${g}][${j}]`;
      const call_ = nodeCall(node, on, at, info, ctx, text, handles);
      if (call_ === undefined) return undefined;
      const handle: Handle = {
        variable: scope.take(name, 'Task', 'node'),
        target: call_.target,
        used: false,
      };
      row.push({
        handle,
        statement: (declare) =>
          declare
            ? { type: 'const', name: handle.variable, value: call_.expr }
            : { type: 'expression', value: call_.expr },
      });
      if (kind === 'dag') handles.set(name, handle);
      else declaredInGroup.push([name, handle]);
    }
    for (const [name, h] of declaredInGroup) handles.set(name, h);
    written.push(row);
  }

  // The template's outputs name its nodes' outputs: written before the nodes, so the handles they use are declared.
  const returned = t.outputs === undefined ? undefined : withOutputRefs(outputs.expr, text({ count: 0 }));
  const body: Statement[] = [];
  for (const row of written) {
    if (kind === 'dag' || row.length === 1) {
      for (const w of row) body.push(w.statement(w.handle.used));
      continue;
    }
    const calls = row.map((w) => w.statement(false));
    const anyUsed = row.some((w) => w.handle.used);
    if (!anyUsed) {
      body.push({ type: 'expression', value: call(`${draft}.parallel`, arrow(['g'], calls)) });
    } else {
      const exprs = calls.map((c) => (c.type === 'expression' ? c.value : code('')));
      body.push({
        type: 'const',
        // Only the handles read later are bound; the others are holes.
        name: `[${row
          .map((w) => (w.handle.used ? w.handle.variable : ''))
          .join(', ')
          .replace(/(, )+$/, '')}]`,
        value: call(`${draft}.parallel`, arrow(['g'], arr(exprs))),
      });
    }
  }
  if (returned !== undefined) body.push({ type: 'return', value: obj([{ key: 'outputs', value: returned }]) });

  const own = kind === 'dag' ? ['failFast', 'target'] : [];
  const fields = fieldProps(t, [kind], inputs.refs, ctx);
  const dagFields: Prop[] =
    kind === 'dag'
      ? own.flatMap((k) => {
          const v = (t.dag as Json)[k];
          return v === undefined ? [] : [{ key: k, value: valueExpr(v) }];
        })
      : [];
  const options =
    t.inputs === undefined && fields.length === 0 && dagFields.length === 0
      ? str(t.name as string)
      : obj([
          { key: 'name', value: str(t.name as string) },
          ...(t.inputs === undefined ? [] : [{ key: 'inputs', value: inputs.expr }]),
          ...fields,
          ...dagFields,
        ]);
  const params = [draft, ...(info.runs.includes(info.name) ? ['self'] : [])];
  return call(imports.use(kind), options, arrow(params, body));
}

/** The outputs spec with its strings' tags as typed references. */
function withOutputRefs(expr: Expr, text: (s: string) => Expr | undefined): Expr {
  switch (expr.type) {
    case 'string':
      return text(expr.value) ?? expr;
    case 'object':
      return obj(expr.props.map((p) => ({ ...p, value: withOutputRefs(p.value, text) })));
    case 'array':
      return arr(expr.items.map((i) => withOutputRefs(i, text)));
    default:
      return expr;
  }
}

/** `d.task(…)` / `s.step(…)` / `g.step(…)` for one node, or undefined when it cannot be written typed. */
function nodeCall(
  node: Json,
  on: string,
  path: string,
  own: TemplateInfo,
  ctx: TemplateContext,
  text: (used: { count: number }) => (s: string) => Expr | undefined,
  handles: ReadonlyMap<string, Handle>,
): { expr: Expr; target: TemplateInfo | undefined } | undefined {
  const method = on === 'd' ? 'task' : 'step';
  const name = node.name as string;
  // What it runs.
  let target: Expr;
  let info: TemplateInfo | undefined;
  if (typeof node.template === 'string') {
    info = ctx.infos.get(node.template);
    if (node.template === own.name) {
      target = code('self');
      info = own;
    } else if (info !== undefined && ctx.declared.has(node.template)) target = code(info.variable);
    else {
      target = str(node.template);
      info = undefined;
    }
  } else if (isObject(node.templateRef)) {
    const ref = node.templateRef;
    const keys = Object.keys(ref);
    if (typeof ref.name !== 'string' || typeof ref.template !== 'string') return undefined;
    if (!keys.every((k) => k === 'name' || k === 'template' || k === 'clusterScope')) return undefined;
    if (ref.clusterScope !== undefined && ref.clusterScope !== true) return undefined;
    const args = [str(ref.name), str(ref.template)];
    if (ref.clusterScope === true) args.push(obj([{ key: 'clusterScope', value: code('true') }]));
    target = call(ctx.imports.use('templateRef'), ...args);
  } else if (isObject(node.inline) && node.inline.name === undefined) {
    // `inline(container({ name, … }))`: the builder drops the name; the node's own name reads well there.
    const template: Json = { name, ...node.inline };
    info = describeTemplate(template, '', false, ctx.notes, `${path}.inline`);
    if (!info.typed || template.dag !== undefined || template.steps !== undefined) return undefined;
    const written = templateExpr(template, info, { ...ctx, path: `${path}.inline` });
    if (written.raw) return undefined;
    target = call(ctx.imports.use('inline'), written.expr);
  } else return undefined;
  const typed = info?.typed === true;

  // Its arguments, by the target's TypeScript keys (typed) or Argo names.
  const used = { count: 0 };
  const argProps: Prop[] = [];
  // Arguments the typed target does not declare (Argo passes them on; a recursive template may read them).
  const extra: Record<'parameters' | 'artifacts', Prop[]> = { parameters: [], artifacts: [] };
  const given = node.arguments;
  if (given !== undefined) {
    if (!isObject(given) || !Object.keys(given).every((k) => k === 'parameters' || k === 'artifacts')) return undefined;
    for (const kind of ['parameters', 'artifacts'] as const) {
      const list = given[kind];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) return undefined;
      for (const item of list) {
        if (!isObject(item) || typeof item.name !== 'string') return undefined;
        const declared = typed ? info?.inputs.get(`${kind}:${item.name}`) : undefined;
        const undeclared = typed && declared === undefined;
        // The builder lists the undeclared arguments after the declared ones: only in that order are they exact.
        if (!undeclared && extra.parameters.length + extra.artifacts.length > 0) return undefined;
        const key = declared?.key ?? item.name;
        const rest = Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'name'));
        let value: Expr;
        if (kind === 'parameters') {
          const only = Object.keys(rest);
          if (only.length === 1 && typeof rest.value === 'string') value = text(used)(rest.value) ?? str(rest.value);
          else if (
            only.length === 0 ||
            Object.values(rest).some((v) => typeof v === 'number' || typeof v === 'boolean')
          )
            return undefined;
          else value = valueExpr(rest, undefined, '', text(used));
        } else {
          if (!typed && Object.keys(rest).some((k) => PARAMETER_FIELDS.includes(k))) return undefined;
          value = valueExpr(rest, undefined, '', text(used));
        }
        (undeclared ? extra[kind] : argProps).push({ key, value });
      }
    }
    if (argProps.length + extra.parameters.length + extra.artifacts.length === 0) return undefined;
  }
  if (typed && info !== undefined) {
    const passed = new Set(argProps.map((p) => p.key));
    for (const d of info.inputs.values()) if (d.required && !passed.has(d.key)) return undefined;
  }

  // Its options, in the YAML's order.
  const optionProps: Prop[] = [];
  const extraProps = (['parameters', 'artifacts'] as const).flatMap((k) =>
    extra[k].length === 0 ? [] : [{ key: k, value: obj(extra[k]) }],
  );
  if (extraProps.length > 0) optionProps.push({ key: 'extraArguments', value: obj(extraProps) });
  for (const [key, value] of Object.entries(node)) {
    if (TARGET_KEYS.includes(key)) continue;
    if (key === 'depends') continue;
    if (key === 'onExit' && typeof value === 'string' && ctx.declared.has(value) && ctx.infos.has(value)) {
      optionProps.push({ key, value: code((ctx.infos.get(value) as TemplateInfo).variable) });
      continue;
    }
    optionProps.push({ key, value: valueExpr(value, undefined, '', text(used)) });
  }
  if (node.depends !== undefined) {
    const depends = dependsExpr(node.depends, node, handles, ctx);
    if (depends === undefined) return undefined;
    if (depends !== 'inferred') optionProps.unshift({ key: 'depends', value: depends });
  }

  // `d.task('a', t, args, options)`, or the object form when there are options and no arguments to put before them.
  const nameExpr = str(name);
  const noInputs = typed && info !== undefined && info.inputs.size === 0;
  let expr: Expr;
  if (argProps.length > 0) {
    expr = call(
      `${on}.${method}`,
      nameExpr,
      target,
      obj(argProps),
      ...(optionProps.length > 0 ? [obj(optionProps)] : []),
    );
  } else if (optionProps.length === 0) {
    expr = call(`${on}.${method}`, nameExpr, target);
  } else if (noInputs) {
    expr = call(`${on}.${method}`, nameExpr, target, obj(optionProps));
  } else {
    expr = call(
      `${on}.${method}`,
      obj([{ key: 'name', value: nameExpr }, { key: 'template', value: target }, ...optionProps]),
    );
  }
  return { expr, target: info };
}

const PARAMETER_FIELDS = ['value', 'valueFrom', 'default', 'enum', 'description', 'globalName'];

const TASK_REF = /\btasks(?:\.([A-Za-z0-9][-A-Za-z0-9_]*)|\[['"]([A-Za-z0-9][-A-Za-z0-9_.]*)['"]\])/g;

/** The tasks a node's strings name, in order (what the DAG builder infers `depends` from). */
function referencedTasks(node: Json): string[] {
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) for (const x of v) collect(x);
    else if (isObject(v)) for (const x of Object.values(v)) collect(x);
  };
  collect(node.arguments);
  for (const [k, v] of Object.entries(node))
    if (['when', 'withItems', 'withParam', 'withSequence', 'hooks'].includes(k)) collect(v);
  const found: string[] = [];
  for (const s of strings)
    for (const m of s.matchAll(TASK_REF)) {
      const n = m[1] ?? m[2];
      if (n !== undefined && n !== node.name && !found.includes(n)) found.push(n);
    }
  return found;
}

/**
 * `depends` as the builder takes it: left out (`'inferred'`) when the builder infers exactly this text from the
 * references, a handle or `after(…)` of handles for a plain conjunction of earlier tasks, else the text.
 */
function dependsExpr(
  depends: unknown,
  node: Json,
  handles: ReadonlyMap<string, Handle>,
  ctx: TemplateContext,
): Expr | 'inferred' | undefined {
  if (typeof depends !== 'string') return undefined;
  const known = referencedTasks(node).filter((n) => handles.has(n));
  if (known.length > 0 && depends === known.join(' && ')) return 'inferred';
  const names = depends.split(' && ');
  const all = names.map((n) => handles.get(n));
  if (names.every((n) => /^[A-Za-z0-9][-A-Za-z0-9_]*$/.test(n)) && all.every((h) => h !== undefined)) {
    for (const h of all) (h as Handle).used = true;
    const vars = all.map((h) => code((h as Handle).variable));
    return vars.length === 1 ? (vars[0] as Expr) : call(ctx.imports.use('after'), ...vars);
  }
  return str(depends);
}
