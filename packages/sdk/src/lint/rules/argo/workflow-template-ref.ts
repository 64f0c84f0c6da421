import { isObject, list, obj, str } from '../../json.js';
import type { LintRule } from '../../types.js';

/** Rule 2: a Workflow that runs a WorkflowTemplate has no templates of its own, and the template exists. */
export const workflowTemplateRef: LintRule = {
  id: 'argo/workflow-template-ref',
  severity: 'error',
  description:
    'workflowTemplateRef names a (Cluster)WorkflowTemplate among the linted files and comes without templates',
  validatesSpec: true,
  check(ctx, report) {
    if (!isObject(ctx.spec.workflowTemplateRef)) return;
    if (list(ctx.spec.templates).length > 0) {
      report({
        path: `${ctx.specPath}.templates`,
        message: 'Templates is invalid field in spec if workflow referred WorkflowTemplate reference',
      });
    }
    if (ctx.referencedTemplate === undefined) {
      const ref = obj(ctx.spec.workflowTemplateRef);
      const resource = ref.clusterScope === true ? 'clusterworkflowtemplates' : 'workflowtemplates';
      report({
        path: `${ctx.specPath}.workflowTemplateRef.name`,
        message: `${resource}.argoproj.io "${str(ref.name)}" not found`,
      });
    }
  },
};
