import type { Template } from '@sluice/argo-types';
import { canonicalJson } from '../compile/canonical.js';
import { copyArray, freezeModel, sealModel } from '../model/freeze.js';
import { NameMap } from '../model/name-map.js';
import { INTERNAL, type TemplateCarrier } from './internal.js';

/**
 * The templates of a list made here, by name: a hidden member of the list itself. The next list made from it takes
 * the index over and adds its own names, so an index whose size is not its list's length belongs to a longer list.
 * It holds places in the list, not templates: a scavenge keeps alive whatever an old-generation table points at,
 * until a full collection finds the table dead. Name → template, in a module-level WeakMap and in a `Map` whose
 * table V8 put in the large-object space past 4,096 names, it kept a dropped workflow's templates alive: in a
 * process building 5,000-template workflows, each scavenge copied and promoted some 2 MB of the last one.
 */
const NAME_INDEX = Symbol('sluice.templatesByName');

/** A template's name → its place in the list. */
type NameIndex = NameMap<number>;

/** The index a list made here carries, if it still holds exactly the list's names. */
function indexOf(list: readonly Readonly<Template>[]): NameIndex | undefined {
  const index = (list as { [NAME_INDEX]?: NameIndex })[NAME_INDEX];
  return index !== undefined && index.size === list.length ? index : undefined;
}

/** A new index of `list` (a template without a name, which nothing can run by name, is left out). */
function indexNames(list: readonly Readonly<Template>[]): NameIndex {
  const index: NameIndex = new NameMap();
  list.forEach((t, i) => {
    if (typeof t.name === 'string') index.set(t.name, i);
  });
  return index;
}

/**
 * The templates of a workflow after adding `roots` and every template they run, each listed once: existing
 * templates keep their place, new ones are appended in the order given, each followed by the templates it runs
 * that are not given later in `roots` (those keep their own place). Two different templates of one name are an
 * error. The list is returned as a frozen model (its plain templates frozen too), so that
 * the workflow builder keeps it without copying it again: one more template costs O(1) copies, not O(templates).
 *
 * @param where names the workflow in errors.
 */
export function collectTemplates(
  where: string,
  existing: readonly Readonly<Template>[],
  roots: readonly (TemplateCarrier | Readonly<Template>)[],
): Readonly<Template>[] {
  const out = copyArray(existing);
  // The name index of `existing` moves to the new list: a chain of `templates()` calls indexes each name once.
  const index = indexOf(existing) ?? indexNames(existing);
  // Templates found equal to the one listed under their name: a template a DAG runs from many tasks is compared once.
  let equalToListed: Set<Readonly<Template>> | undefined;
  const add = (t: Readonly<Template>): void => {
    if (typeof t.name !== 'string' || t.name === '') throw new Error(`${where}: every listed template needs a name`);
    const at = index.get(t.name);
    const prev = at === undefined ? undefined : out[at];
    if (prev === undefined) {
      index.set(t.name, out.length);
      out.push(t);
    } else if (prev !== t && equalToListed?.has(t) !== true) {
      if (canonicalJson(prev) !== canonicalJson(t)) {
        throw new Error(
          `${where}: two different templates are named "${t.name}"; rename one of them (e.g. with \`.named('${t.name}-2')\`)`,
        );
      }
      equalToListed ??= new Set();
      equalToListed.add(t);
    }
  };
  // Only templates that run others (DAGs, steps) need the walk's bookkeeping; a leaf template, however often it is
  // given or run, is one lookup in the name index. The sets are made on first need: a workflow of thousands of leaf
  // templates then makes none, and one hash lookup per template is what listing it costs.
  let visited: Set<TemplateCarrier> | undefined;
  let pending: Set<TemplateCarrier> | undefined;
  // The index of the first root not yet listed: `pending` (once made) holds the roots from there on.
  let next = 0;
  // Roots not listed yet: a template that runs one of them does not pull it forward.
  const isPending = (c: TemplateCarrier): boolean => {
    if (pending === undefined) {
      pending = new Set();
      for (let i = next; i < roots.length; i++) {
        const r = roots[i] as TemplateCarrier | Readonly<Template>;
        if (INTERNAL in r) pending.add(r);
      }
    }
    return pending.has(c);
  };
  const visit = (c: TemplateCarrier): void => {
    const { template, deps } = c[INTERNAL];
    if (deps.length === 0) {
      add(template);
      return;
    }
    visited ??= new Set();
    if (visited.has(c)) return;
    visited.add(c);
    add(template);
    // Index loops here: this runs once per template of a workflow, and `for…of` allocated an iterator result per
    // item where V8 did not optimise it away.
    for (let i = 0; i < deps.length; i++) {
      const d = deps[i] as TemplateCarrier;
      if (!isPending(d)) visit(d);
    }
  };
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i] as TemplateCarrier | Readonly<Template>;
    next = i + 1;
    if (INTERNAL in r) {
      pending?.delete(r as TemplateCarrier);
      visit(r as TemplateCarrier);
    } else add(freezeModel(r as Readonly<Template>));
  }
  // Every member is deeply frozen: a builder's model, a frozen copy, or an item of a frozen workflow model.
  Object.defineProperty(out, NAME_INDEX, { value: index });
  return sealModel(out);
}
