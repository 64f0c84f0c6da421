import { list, obj, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';

/** Rule 4: executor plugins have a name and at least one port. */
export const executorPlugins: LintRule = {
  id: 'argo/executor-plugins',
  severity: 'error',
  description: 'spec.executorPlugins[] have metadata.name and a sidecar port',
  validatesSpec: true,
  check(ctx, report) {
    objects(ctx.spec.executorPlugins).forEach((plugin, i) => {
      const path = `${ctx.specPath}.executorPlugins[${i}]`;
      if (str(obj(plugin.metadata).name) === '') {
        report({
          path: `${path}.metadata.name`,
          message: 'spec.executorPlugins: executor plugin metadata name is mandatory',
        });
      }
      const ports = list(obj(obj(obj(plugin.spec).sidecar).container).ports);
      if (ports.length === 0) {
        report({
          path: `${path}.spec.sidecar.container.ports`,
          message: 'spec.executorPlugins: at least one port is mandatory',
        });
      }
    });
  },
};
