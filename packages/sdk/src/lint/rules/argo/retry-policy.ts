import { isObject, str } from '../../json.js';
import type { LintRule } from '../../types.js';

const POLICIES = ['', 'Always', 'OnFailure', 'OnError', 'OnTransientError'];

/** Rule 20: a template's retryPolicy is one Argo knows. */
export const retryPolicy: LintRule = {
  id: 'argo/retry-policy',
  severity: 'error',
  description: 'retryStrategy.retryPolicy is Always, OnFailure, OnError or OnTransientError',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      if (!isObject(template.retryStrategy)) continue;
      const policy = str(template.retryStrategy.retryPolicy);
      if (!POLICIES.includes(policy)) {
        report({
          path: `${path}.retryStrategy.retryPolicy`,
          message: `templates.${name} ${policy} is not a valid RetryPolicy; use one of ${POLICIES.filter((p) => p !== '').join(', ')}`,
        });
      }
    }
  },
};
