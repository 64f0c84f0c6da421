import { obj, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { policyPods } from './pods.js';

/** Every container sets CPU and memory requests and limits (the seed: the OOM killer leaves no useful log). */
export const resourceLimits: LintRule = {
  id: 'policy/resource-limits',
  severity: 'error',
  description: 'every container sets cpu and memory requests and limits',
  check(ctx, report) {
    for (const pod of policyPods(ctx)) {
      for (const { container, path, where } of pod.containers) {
        const resources = obj(container.resources);
        for (const block of ['limits', 'requests'] as const) {
          for (const resource of ['cpu', 'memory'] as const) {
            if (str(obj(resources[block])[resource]) !== '' || typeof obj(resources[block])[resource] === 'number')
              continue;
            const example = resource === 'cpu' ? '500m' : '1Gi';
            report({
              path: `${path}.resources.${block}.${resource}`,
              message: `${where}.resources.${block}.${resource} is missing: set ${block} for cpu and memory (e.g. ${resource}: ${example}; with pipeline(), memoryPeak sets the limit 25% above the peak)`,
            });
          }
        }
      }
    }
  },
};
