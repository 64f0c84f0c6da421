import type { LintRule } from '../../types.js';
import { cpuOffGpu, gpuScheduling } from './gpu-scheduling.js';
import { pinnedImage } from './pinned-image.js';
import { podSecurity, runAsNonRoot } from './pod-security.js';
import { requiredLabels } from './required-labels.js';
import { resourceLimits } from './resource-limits.js';
import { secretsInEnv, secretsInParameters } from './secrets.js';

export { DEFAULT_REQUIRED_LABELS, requiredLabels } from './required-labels.js';

/**
 * Sluice's own policy rules (resource limits, pinned images, Pod Security Standards, …), run after Argo's rules.
 * Each lives in its own file in this folder with an id `policy/<name>` and is listed here; users change their
 * severity with `LintOptions.severity`.
 * @example
 * ```ts
 * import { lint, policyRules } from '@sluice/sdk';
 *
 * for (const rule of policyRules) console.log(rule.id, rule.severity, rule.description);
 * lint([{ source: 'wf.yaml', doc: {} }], { policy: true });
 * ```
 */
export const policyRules: readonly LintRule[] = [
  resourceLimits,
  pinnedImage,
  podSecurity,
  runAsNonRoot,
  gpuScheduling,
  cpuOffGpu,
  secretsInEnv,
  secretsInParameters,
  requiredLabels(),
];
