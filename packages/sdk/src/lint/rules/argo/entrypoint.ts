import { mergeArguments, missingInputs } from '../../argument-values.js';
import type { LintContext } from '../../context.js';
import { isObject, type Json, obj, str } from '../../json.js';
import type { LintRule, RuleFinding } from '../../types.js';

function holderFor(ctx: LintContext, template: string): Json {
  if (!isObject(ctx.spec.workflowTemplateRef)) return { template };
  const ref = ctx.spec.workflowTemplateRef;
  return { templateRef: { name: ref.name, template, clusterScope: ref.clusterScope } };
}

function checkCall(
  ctx: LintContext,
  template: string,
  args: Json | undefined,
  path: string,
  report: (f: RuleFinding) => void,
): void {
  const resolution = ctx.resolve(holderFor(ctx, template));
  if (resolution.status === 'error') report({ path, message: resolution.message });
  if (resolution.status !== 'resolved' || args === undefined) return;
  for (const missing of missingInputs(resolution.template, args)) {
    report({ path, message: `templates.${template} ${missing}` });
  }
}

/**
 * Rules 10, 11 and 19 at the workflow level: an entrypoint is set (templates may omit it), it and the exit handler
 * name existing templates, and the workflow's arguments supply their inputs.
 */
export const entrypoint: LintRule = {
  id: 'argo/entrypoint',
  severity: 'error',
  description: 'spec.entrypoint and spec.onExit name templates whose inputs the workflow arguments supply',
  validatesSpec: true,
  check(ctx, report) {
    if (isObject(ctx.spec.workflowTemplateRef) && ctx.referencedTemplate === undefined) return;
    const ref = ctx.referencedTemplate?.spec;
    const entry = str(ctx.spec.entrypoint) || str(ref?.entrypoint);
    const own = obj(ctx.spec.arguments);
    if (!ctx.mode.ignoreEntrypoint) {
      if (entry === '') {
        report({ path: `${ctx.specPath}.entrypoint`, message: 'spec.entrypoint is required' });
      } else {
        // Templates are validated with placeholder arguments; Workflows with their real (merged) ones.
        const args = ctx.mode.templateValidation
          ? undefined
          : mergeArguments(own, ref ? obj(ref.arguments) : undefined);
        checkCall(ctx, entry, args, `${ctx.specPath}.entrypoint`, report);
      }
    }
    const onExit = str(ctx.spec.onExit) || str(ref?.onExit);
    if (onExit !== '') checkCall(ctx, onExit, own, `${ctx.specPath}.onExit`, report);
  },
};
