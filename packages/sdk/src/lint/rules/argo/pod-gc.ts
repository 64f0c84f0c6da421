import { has, isObject, obj, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';

const STRATEGIES = ['', 'OnPodCompletion', 'OnPodSuccess', 'OnWorkflowCompletion', 'OnWorkflowSuccess'];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Rule 13: podGC has a known strategy and a well-formed label selector. */
export const podGC: LintRule = {
  id: 'argo/pod-gc',
  severity: 'error',
  description: 'podGC.strategy is known and podGC.labelSelector is well-formed',
  validatesSpec: true,
  check(ctx, report) {
    if (!isObject(ctx.spec.podGC)) return;
    const gc = ctx.spec.podGC;
    const strategy = str(gc.strategy);
    if (!STRATEGIES.includes(strategy)) {
      report({ path: `${ctx.specPath}.podGC.strategy`, message: `podGC.strategy unknown strategy '${strategy}'` });
    }
    if (!has(gc, 'labelSelector')) return;
    objects(obj(gc.labelSelector).matchExpressions).forEach((e, i) => {
      const operator = str(e.operator);
      if (!OPERATORS.includes(operator)) {
        report({
          path: `${ctx.specPath}.podGC.labelSelector.matchExpressions[${i}].operator`,
          message: `podGC.labelSelector invalid: "${operator}" is not a valid label selector operator`,
        });
      }
    });
  },
};
