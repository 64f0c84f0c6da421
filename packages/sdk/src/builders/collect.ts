import type { Template } from '@sluice/argo-types';
import { canonicalJson } from '../compile/canonical.js';
import { INTERNAL, type TemplateCarrier } from './internal.js';

/**
 * The templates of a workflow after adding `roots` and every template they run, each listed once: existing
 * templates keep their place, new ones are appended (a template before the templates it runs). Two different
 * templates of one name are an error.
 *
 * @param where names the workflow in errors.
 */
export function collectTemplates(
  where: string,
  existing: readonly Readonly<Template>[],
  roots: readonly (TemplateCarrier | Readonly<Template>)[],
): Readonly<Template>[] {
  const out = existing.slice();
  const byName = new Map<string | undefined, Readonly<Template>>();
  for (const t of existing) byName.set(t.name, t);
  const visited = new Set<TemplateCarrier>();
  const add = (t: Readonly<Template>): boolean => {
    if (typeof t.name !== 'string' || t.name === '') throw new Error(`${where}: every listed template needs a name`);
    const prev = byName.get(t.name);
    if (prev === undefined) {
      byName.set(t.name, t);
      out.push(t);
      return true;
    }
    if (prev !== t && canonicalJson(prev) !== canonicalJson(t)) {
      throw new Error(
        `${where}: two different templates are named "${t.name}"; rename one of them (e.g. with \`.named('${t.name}-2')\`)`,
      );
    }
    return false;
  };
  const visit = (c: TemplateCarrier): void => {
    if (visited.has(c)) return;
    visited.add(c);
    add(c[INTERNAL].template);
    for (const d of c[INTERNAL].deps) visit(d);
  };
  for (const r of roots) {
    if (INTERNAL in r) visit(r as TemplateCarrier);
    else add(r as Readonly<Template>);
  }
  return out;
}
