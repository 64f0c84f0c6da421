import { argumentProblems, mergeArguments } from '../../argument-values.js';
import { obj } from '../../json.js';
import type { LintRule } from '../../types.js';
import { stepsOf, tasksOf } from '../../walk.js';

/**
 * Rules 5–9: argument names, values, `valueFrom` sources, enums and artifact sources, for the workflow's
 * arguments (values optional in lint mode and for templates) and for every step's and task's arguments
 * (values always required).
 */
export const argumentsRule: LintRule = {
  id: 'argo/arguments',
  severity: 'error',
  description: 'arguments have valid names, values or allowed valueFrom sources, enum members, artifact sources',
  validatesSpec: true,
  check(ctx, report) {
    const own = obj(ctx.spec.arguments);
    const merged = mergeArguments(own, ctx.referencedTemplate ? obj(ctx.referencedTemplate.spec.arguments) : undefined);
    for (const p of argumentProblems(
      'spec.arguments.',
      `${ctx.specPath}.arguments`,
      merged,
      ctx.mode.allowEmptyValues,
    )) {
      report(p);
    }
    for (const entry of ctx.templates) {
      for (const site of [...stepsOf(entry), ...tasksOf(entry)]) {
        const holder = 'step' in site ? site.step : site.task;
        for (const p of argumentProblems(
          `${site.label}.arguments.`,
          `${site.path}.arguments`,
          obj(holder.arguments),
          false,
        )) {
          report(p);
        }
      }
    }
  },
};
