import { isObject, obj, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { policyPods } from './pods.js';

const secretName = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
/** Names that point at a secret rather than hold one (a mount directory, a file path, a Secret's name). */
const pointer = /(_DIR|_PATH|_FILE|_MOUNT|_NAME|_REF)$/i;
const credentialUrl = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

/**
 * Secrets never appear as literal env values (nor as env at all): mount them as read-only volumes. A literal value
 * for a secret-looking name, or a URL with an embedded password, is an error; `secretKeyRef` env is a warning.
 */
export const secretsInEnv: LintRule = {
  id: 'policy/no-secret-env',
  severity: 'error',
  description: 'no secrets in env literals; secrets are mounted as read-only volumes',
  check(ctx, report) {
    for (const pod of policyPods(ctx)) {
      for (const { container, path, where } of pod.containers) {
        objects(container.env).forEach((env, i) => {
          const name = str(env.name);
          const value = str(env.value);
          const at = pod.inManifest ? path : `${path}.env[${i}]`;
          if (
            value !== '' &&
            !/^\{\{.*\}\}$/.test(value) &&
            ((secretName.test(name) && !pointer.test(name)) || credentialUrl.test(value))
          )
            report({
              path: at,
              message: `${where}.env[${i}] (${name}) holds a secret as a literal value: mount a Secret as a read-only volume (pipeline(): secrets: ['<name>']) and read it from a file`,
            });
          else if (isObject(env.valueFrom) && isObject(env.valueFrom.secretKeyRef))
            report({
              path: at,
              message: `${where}.env[${i}] (${name}) reads a Secret into an environment variable: mount it as a read-only volume instead`,
            });
        });
      }
    }
  },
};

/**
 * A workflow argument whose name says it is a secret (`db-password`, `apiToken`) and that carries a literal value
 * compiles that value into `spec.arguments`, readable by anyone who can read the workflow: a warning, since a name
 * can mislead; the fix is a mounted Secret read with `ctx.secret()`.
 */
export const secretsInParameters: LintRule = {
  id: 'policy/no-secret-parameter',
  severity: 'warning',
  description: 'no secrets as workflow argument values; they are stored in the workflow for anyone to read',
  check(ctx, report) {
    objects(obj(ctx.spec.arguments).parameters).forEach((parameter, i) => {
      const name = str(parameter.name);
      const value = str(parameter.value);
      const bare = name.replace(/[-.]/g, '_');
      if (value === '' || /^\{\{.*\}\}$/.test(value)) return;
      if ((secretName.test(bare) && !pointer.test(bare)) || credentialUrl.test(value))
        report({
          path: `${ctx.specPath}.arguments.parameters[${i}]`,
          message: `spec.arguments.parameters[${i}] (${name}) looks like a secret with a literal value, which is stored in the workflow: mount a Secret read-only (pipeline(): secrets: ['<name>']) and read it with ctx.secret()`,
        });
    });
  },
};
