import { parseYamlDocuments } from '../../../yaml/parse.js';
import { has, isObject, obj, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';

const ACTIONS = ['get', 'create', 'apply', 'delete', 'replace', 'patch'];

/** True when the manifest parses as YAML once every `{{…}}` is replaced by a plain placeholder, as Argo does. */
function parsesAsYaml(manifest: string): boolean {
  try {
    parseYamlDocuments(manifest.replace(/\{\{.*?\}\}/g, 'placeholder'), 'manifest');
    return true;
  } catch {
    return false;
  }
}

/** Rule 29: resource templates have a known action and exactly one valid manifest source. */
export const resource: LintRule = {
  id: 'argo/resource',
  severity: 'error',
  description:
    'resource templates have a known action and one manifest source (valid YAML, or an existing input artifact)',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      if (!isObject(template.resource)) continue;
      const r = template.resource;
      const at = `${path}.resource`;
      const action = str(r.action);
      if (!action.includes('{{') && !ACTIONS.includes(action)) {
        report({
          path: `${at}.action`,
          message: `templates.${name}.resource.action must be one of: get, create, apply, delete, replace, patch`,
        });
      }
      if (action === 'delete' || action === 'get') continue;
      const manifest = str(r.manifest);
      const from = has(r, 'manifestFrom');
      if (manifest === '' && !from) {
        report({
          path: at,
          message: `either templates.${name}.resource.manifest or templates.${name}.resource.manifestFrom must be specified`,
        });
      }
      if (manifest !== '' && from) {
        report({
          path: at,
          message: `templates.${name} shouldn't have both \`manifest\` and \`manifestFrom\` specified in \`Manifest\` for resource template`,
        });
      }
      const artifact = obj(obj(r.manifestFrom).artifact);
      if (from && isObject(obj(r.manifestFrom).artifact)) {
        const exists = objects(obj(template.inputs).artifacts).some((a) => str(a.name) === str(artifact.name));
        if (!exists) {
          report({
            path: `${at}.manifestFrom.artifact.name`,
            message: `templates.${name} artifact ${str(artifact.name)} in \`manifestFrom\` refer to a non-exist artifact`,
          });
        }
      }
      if (manifest !== '' && !parsesAsYaml(manifest)) {
        report({ path: `${at}.manifest`, message: `templates.${name}.resource.manifest must be a valid yaml` });
      }
    }
  },
};
