import { isObject, obj, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';

/** Rule 25: a container template mounts nothing twice at one path, volumes and input artifacts alike. */
export const mounts: LintRule = {
  id: 'argo/mount-collisions',
  severity: 'error',
  description: 'volume mounts and input artifact paths of a container template do not collide',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      if (!isObject(template.container)) continue;
      const mounted = new Map<string, string>();
      objects(template.container.volumeMounts).forEach((m, i) => {
        const at = str(m.mountPath);
        const previous = mounted.get(at);
        if (previous !== undefined) {
          report({
            path: `${path}.container.volumeMounts[${i}].mountPath`,
            message: `templates.${name}.container.volumeMounts[${i}].mountPath '${at}' already mounted in ${previous}`,
          });
        } else mounted.set(at, `container.volumeMounts.${str(m.name)}`);
      });
      objects(obj(template.inputs).artifacts).forEach((a, i) => {
        const at = str(a.path);
        if (at === '') return;
        const previous = mounted.get(at);
        if (previous !== undefined) {
          report({
            path: `${path}.inputs.artifacts[${i}].path`,
            message: `templates.${name}.inputs.artifacts[${i}].path '${at}' already mounted in ${previous}`,
          });
        } else mounted.set(at, `inputs.artifacts.${str(a.name)}`);
      });
    }
  },
};
