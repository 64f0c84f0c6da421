import { isObject, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';

/** True for the names of the containers Argo adds to a pod. */
function reserved(name: string): boolean {
  return name === 'wait' || name === 'supervisor' || name.startsWith('artifact-plugin-');
}

/** Rule 28: containerSet containers and sidecars do not take the names of Argo's own containers. */
export const reservedNames: LintRule = {
  id: 'argo/reserved-container-names',
  severity: 'error',
  description: 'containers and sidecars are not named wait, supervisor or artifact-plugin-*',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      if (isObject(template.containerSet)) {
        objects(template.containerSet.containers).forEach((c, i) => {
          if (!reserved(str(c.name))) return;
          report({
            path: `${path}.containerSet.containers[${i}].name`,
            message: `templates.${name}.containerSet.containers: ${JSON.stringify(str(c.name))} is a reserved Argo container name`,
          });
        });
      }
      objects(template.sidecars).forEach((c, i) => {
        if (!reserved(str(c.name))) return;
        report({
          path: `${path}.sidecars[${i}].name`,
          message: `templates.${name}.sidecars: ${JSON.stringify(str(c.name))} is a reserved Argo container name`,
        });
      });
    }
  },
};
