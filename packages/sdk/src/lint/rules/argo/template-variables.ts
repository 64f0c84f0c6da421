import type { LintContext, TemplateEntry } from '../../context.js';
import { DagGraph } from '../../dag-graph.js';
import { isObject, type Json, obj, objects, str } from '../../json.js';
import { addItemsToScope, addOutputsToScope, aggregates, globalScope, type Scope, templateScope } from '../../scope.js';
import { templateType } from '../../template-kind.js';
import type { LintRule, RuleFinding } from '../../types.js';
import { substituteKnown, unresolved } from '../../variables.js';
import { stepsOf, tasksOf } from '../../walk.js';

type Report = (f: RuleFinding) => void;

function resolvedTemplate(ctx: LintContext, holder: Json): Json | undefined {
  const r = ctx.resolve(holder);
  return r.status === 'resolved' ? r.template : undefined;
}

function checkSteps(ctx: LintContext, entry: TemplateEntry, scope: Scope, report: Report): void {
  const wtv = ctx.mode.templateValidation;
  for (const site of stepsOf(entry)) {
    const resolved = resolvedTemplate(ctx, site.step);
    const prefix = `steps.${site.name}`;
    scope.add(`${prefix}.status`);
    addItemsToScope(site.step, scope);
    if (isObject(obj(site.step.hooks).exit)) addOutputsToScope(resolved, prefix, scope, false, false);
    const stepScope = new Set(scope);
    for (const p of objects(obj(obj(site.step.inline).inputs).parameters))
      stepScope.add(`inputs.parameters.${str(p.name)}`);
    for (const message of unresolved(JSON.stringify(site.step), stepScope, wtv)) {
      report({ path: site.path, message: `templates.${entry.name}.steps ${message}` });
    }
    addOutputsToScope(resolved, prefix, scope, aggregates(site.step), false);
  }
}

function checkDag(ctx: LintContext, entry: TemplateEntry, scope: Scope, report: Report): void {
  const wtv = ctx.mode.templateValidation;
  const dag = obj(entry.template.dag);
  const graph = new DagGraph(dag);
  const sites = tasksOf(entry);
  const resolved = new Map<string, Json | undefined>();
  for (const site of sites) {
    const template = resolvedTemplate(ctx, site.task);
    resolved.set(site.name, template);
    addOutputsToScope(template, `tasks.${site.name}`, scope, aggregates(site.task), false);
  }
  for (const message of unresolved(str(dag.target), scope, wtv)) {
    report({ path: `${entry.path}.dag.target`, message: `templates.${entry.name}.targets ${message}` });
  }
  for (const site of sites) {
    const prefix = `tasks.${site.name}`;
    if (isObject(site.task.hooks)) scope.add(`${prefix}.status`);
    addOutputsToScope(resolved.get(site.name), prefix, scope, false, false);
    const taskScope = new Set(scope);
    for (const ancestor of graph.ancestry(site.name)) {
      const task = graph.tasks.get(ancestor) ?? {};
      addOutputsToScope(resolved.get(ancestor), `tasks.${ancestor}`, taskScope, aggregates(task), true);
    }
    for (const p of objects(obj(obj(site.task.inline).inputs).parameters))
      taskScope.add(`inputs.parameters.${str(p.name)}`);
    addItemsToScope(site.task, taskScope);
    for (const message of unresolved(JSON.stringify(site.task), taskScope, wtv)) {
      report({ path: site.path, message: `${site.label} ${message}` });
    }
  }
}

function substitutedTemplate(template: Json, scope: Scope): Json {
  const text = JSON.stringify(template);
  const substituted = substituteKnown(text, scope);
  return substituted === text ? template : obj(JSON.parse(substituted));
}

/**
 * Rules 24, 30, 38, 46 and 47: every `{{…}}` variable of a template resolves in its scope — inputs, globals,
 * loop items, and the outputs of earlier steps or of ancestor tasks — the way Argo's validator scopes them.
 */
export const templateVariables: LintRule = {
  id: 'argo/variables',
  severity: 'error',
  description: 'every {{…}} variable resolves in the scope Argo gives it',
  validatesSpec: true,
  check(ctx, report) {
    const globals = globalScope(ctx);
    const wtv = ctx.mode.templateValidation;
    for (const written of ctx.templates) {
      const scope = templateScope(written.template, globals);
      // Argo substitutes the known inputs and globals first (ProcessArgs), then resolves what is left.
      const entry = { ...written, template: substitutedTemplate(written.template, scope) };
      const type = templateType(entry.template);
      if (type === 'Steps') checkSteps(ctx, entry, scope, report);
      else if (type === 'DAG') checkDag(ctx, entry, scope, report);
      else {
        for (const message of unresolved(JSON.stringify(entry.template), scope, wtv)) {
          report({ path: entry.path, message: `templates.${entry.name}: ${message}` });
        }
        continue;
      }
      for (const message of unresolved(JSON.stringify(entry.template.outputs ?? {}), scope, wtv)) {
        report({ path: `${entry.path}.outputs`, message: `templates.${entry.name}.outputs ${message}` });
      }
    }
  },
};
