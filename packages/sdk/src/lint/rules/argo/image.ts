import { isObject, obj, str } from '../../json.js';
import type { LintRule } from '../../types.js';

/** Rule 26: container and script templates name an image, unless templateDefaults gives one. */
export const image: LintRule = {
  id: 'argo/image-required',
  severity: 'error',
  description: 'container and script templates have an image (or templateDefaults provides one)',
  validatesSpec: true,
  check(ctx, report) {
    const defaults = obj(ctx.spec.templateDefaults);
    for (const { template, name, path } of ctx.templates) {
      for (const field of ['container', 'script'] as const) {
        const body = template[field];
        if (!isObject(body) || str(body.image) !== '') continue;
        if (str(obj(defaults[field]).image) !== '') continue;
        report({ path: `${path}.${field}.image`, message: `templates.${name}.${field}.image may not be empty` });
      }
    }
  },
};
