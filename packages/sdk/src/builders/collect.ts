import type { Template } from '@sluice/argo-types';
import { canonicalJson } from '../compile/canonical.js';
import { copyArray, freezeModel, sealModel } from '../model/freeze.js';
import { INTERNAL, type TemplateCarrier } from './internal.js';

/** Template lists made here → their templates by name (taken over by the next list made from one). */
const NAME_INDEX = new WeakMap<readonly Readonly<Template>[], Map<string | undefined, Readonly<Template>>>();

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
  let byName = NAME_INDEX.get(existing);
  if (byName === undefined) {
    byName = new Map();
    for (const t of existing) byName.set(t.name, t);
  } else NAME_INDEX.delete(existing);
  const index = byName;
  // Templates found equal to the one listed under their name: a template a DAG runs from many tasks is compared once.
  let equalToListed: Set<Readonly<Template>> | undefined;
  const add = (t: Readonly<Template>): void => {
    if (typeof t.name !== 'string' || t.name === '') throw new Error(`${where}: every listed template needs a name`);
    const prev = index.get(t.name);
    if (prev === undefined) {
      index.set(t.name, t);
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
  const list = sealModel(out);
  NAME_INDEX.set(list, index);
  return list;
}
