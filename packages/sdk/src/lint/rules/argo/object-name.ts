import { obj, quote, str } from '../../json.js';
import type { LintRule } from '../../types.js';

const LIMITS: Readonly<Record<string, readonly [number, string]>> = {
  Workflow: [63, 'workflow name'],
  WorkflowTemplate: [63, 'workflow template name'],
  ClusterWorkflowTemplate: [63, 'cluster workflow template name'],
  CronWorkflow: [52, 'cron workflow name'],
};

/** Rule 1: object names fit in a label value (63 characters; 52 for CronWorkflows, which append a timestamp). */
export const objectName: LintRule = {
  id: 'argo/object-name-length',
  severity: 'error',
  description: 'metadata.name is at most 63 characters (52 for a CronWorkflow)',
  check(ctx, report) {
    const limit = LIMITS[ctx.kind];
    const name = str(obj(ctx.doc.metadata).name);
    if (limit === undefined || name.length <= limit[0]) return;
    report({
      path: 'metadata.name',
      message: `${limit[1]} ${quote(name)} must not be more than ${limit[0]} characters long (currently ${name.length})`,
    });
  },
};
