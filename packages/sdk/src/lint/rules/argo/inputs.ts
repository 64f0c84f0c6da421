import { locationProblems } from '../../artifact-location.js';
import { obj, objects, str } from '../../json.js';
import { listNameProblems } from '../../names.js';
import { isLeaf } from '../../template-kind.js';
import type { LintRule } from '../../types.js';

/**
 * Rules 17 and 18: input names; input artifacts have a path only in leaf templates, never `from`, and a valid
 * location; init containers are named.
 */
export const inputs: LintRule = {
  id: 'argo/inputs',
  severity: 'error',
  description:
    'inputs have valid names, artifact paths only on leaves, no from, valid locations; initContainers are named',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      const given = obj(template.inputs);
      for (const field of ['parameters', 'artifacts'] as const) {
        const entries = objects(given[field]);
        for (const p of listNameProblems(
          entries.map((e) => str(e.name)),
          'param',
        )) {
          report({
            path: `${path}.inputs.${field}[${p.index}].name`,
            message: `templates.${name}.inputs.${field}${p.message}`,
          });
        }
      }
      objects(given.artifacts).forEach((artifact, i) => {
        const ref = `templates.${name}.inputs.artifacts.${str(artifact.name)}`;
        const at = `${path}.inputs.artifacts[${i}]`;
        if (!isLeaf(template) && str(artifact.path) !== '') {
          report({ path: `${at}.path`, message: `${ref}.path only valid in container/script templates` });
        }
        if (str(artifact.from) !== '') report({ path: `${at}.from`, message: `${ref}.from not valid in inputs` });
        for (const message of locationProblems(ref, artifact)) report({ path: at, message });
      });
      objects(template.initContainers).forEach((c, i) => {
        if (str(c.name) === '') {
          report({
            path: `${path}.initContainers[${i}].name`,
            message: `templates.${name} initContainers must all have container name`,
          });
        }
      });
    }
  },
};
