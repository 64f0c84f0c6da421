import { imageProblem } from '../../../pipeline/image.js';
import { obj, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { policyPods } from './pods.js';

/** Images carry a version tag or a digest; `latest` and untagged images are rejected. */
export const pinnedImage: LintRule = {
  id: 'policy/pinned-image',
  severity: 'error',
  description: 'images are pinned to a version tag or a digest, never latest or untagged',
  check(ctx, report) {
    const defaults = obj(ctx.spec.templateDefaults);
    for (const pod of policyPods(ctx)) {
      for (const { container, path, where } of pod.containers) {
        const image = str(container.image) || str(obj(defaults.container).image);
        if (image === '' || image.includes('{{')) continue;
        const problem = imageProblem(image);
        if (problem !== undefined) report({ path: `${path}.image`, message: `${where}.image ${problem}` });
      }
    }
  },
};
