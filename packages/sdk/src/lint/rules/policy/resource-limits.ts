import { obj, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { policyPods } from './pods.js';

/** What every container must set, in report order. */
const KEYS = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'cpu'],
  ['limits', 'memory'],
] as const;

/** Every container sets CPU and memory requests and limits (the seed: the OOM killer leaves no useful log). One finding per container names everything it lacks. */
export const resourceLimits: LintRule = {
  id: 'policy/resource-limits',
  severity: 'error',
  description: 'every container sets cpu and memory requests and limits',
  check(ctx, report) {
    for (const pod of policyPods(ctx)) {
      for (const { container, path, where } of pod.containers) {
        const resources = obj(container.resources);
        const missing = KEYS.filter(([block, resource]) => {
          const value = obj(resources[block])[resource];
          return str(value) === '' && typeof value !== 'number';
        }).map(([block, resource]) => `${block}.${resource}`);
        if (missing.length === 0) continue;
        report({
          path: `${path}.resources`,
          message: `${where}: resources missing ${missing.join(', ')}; set e.g. cpu: 500m and memory: 1Gi (with pipeline(), memoryPeak sets the memory limit 25% above the peak)`,
        });
      }
    }
  },
};
