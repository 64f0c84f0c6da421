import { isObject, type Json, list, obj, objects } from '../../json.js';
import type { LintRule } from '../../types.js';
import { policyPods } from './pods.js';

/**
 * Pod Security Standards "restricted": no privileged containers, no privilege escalation, no host namespaces or
 * hostPath volumes, no root user, no added capabilities beyond NET_BIND_SERVICE.
 */
export const podSecurity: LintRule = {
  id: 'policy/pod-security-restricted',
  severity: 'error',
  description: 'pods meet Pod Security Standards "restricted" (no privileged, hostPath, host namespaces, root)',
  check(ctx, report) {
    const spec = ctx.spec;
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
      if (spec[field] === true)
        report({
          path: `${ctx.specPath}.${field}`,
          message: `${ctx.specPath}.${field} is true: host namespaces are not allowed under Pod Security Standards "restricted"`,
        });
    }
    objects(spec.volumes).forEach((v, i) => {
      if (isObject(v.hostPath))
        report({
          path: `${ctx.specPath}.volumes[${i}].hostPath`,
          message: `${ctx.specPath}.volumes[${i}] (${String(v.name)}) is a hostPath volume: use an emptyDir or a PVC`,
        });
    });
    if (obj(spec.securityContext).runAsUser === 0)
      report({
        path: `${ctx.specPath}.securityContext.runAsUser`,
        message: `${ctx.specPath}.securityContext.runAsUser is 0 (root): run as a non-root uid such as 10001`,
      });
    for (const pod of policyPods(ctx)) {
      const podPath = pod.inManifest ? pod.path : pod.templatePath;
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
        if (pod.pod[field] === true)
          report({
            path: podPath,
            message: `${pod.where}.${field} is true: host namespaces are not allowed under Pod Security Standards "restricted"`,
          });
      }
      objects(pod.pod.volumes).forEach((v, i) => {
        if (isObject(v.hostPath))
          report({
            path: pod.inManifest ? podPath : `${podPath}.volumes[${i}].hostPath`,
            message: `${pod.where}.volumes[${i}] (${String(v.name)}) is a hostPath volume: use an emptyDir or a PVC`,
          });
      });
      if (obj(pod.pod.securityContext).runAsUser === 0)
        report({
          path: pod.inManifest ? podPath : `${podPath}.securityContext.runAsUser`,
          message: `${pod.where}.securityContext.runAsUser is 0 (root): run as a non-root uid such as 10001`,
        });
      for (const { container, path, where } of pod.containers) {
        const sc: Json = obj(container.securityContext);
        const at = (field: string) => (pod.inManifest ? path : `${path}.securityContext.${field}`);
        if (sc.privileged === true)
          report({
            path: at('privileged'),
            message: `${where}.securityContext.privileged is true: privileged containers are not allowed`,
          });
        if (sc.allowPrivilegeEscalation === true)
          report({
            path: at('allowPrivilegeEscalation'),
            message: `${where}.securityContext.allowPrivilegeEscalation is true: set it to false`,
          });
        if (sc.runAsUser === 0)
          report({
            path: at('runAsUser'),
            message: `${where}.securityContext.runAsUser is 0 (root): run as a non-root uid such as 10001`,
          });
        if (sc.runAsNonRoot === false)
          report({
            path: at('runAsNonRoot'),
            message: `${where}.securityContext.runAsNonRoot is false: set it to true`,
          });
        const added = list(obj(sc.capabilities).add).filter((c) => c !== 'NET_BIND_SERVICE');
        if (added.length > 0)
          report({
            path: at('capabilities'),
            message: `${where}.securityContext.capabilities.add has ${added.join(', ')}: only NET_BIND_SERVICE may be added; drop ALL`,
          });
      }
    }
  },
};

/** Every pod says it runs as non-root (pod or container `runAsNonRoot: true`), as PSS "restricted" requires. */
export const runAsNonRoot: LintRule = {
  id: 'policy/run-as-non-root',
  severity: 'warning',
  description: 'pods declare runAsNonRoot: true (pod-level or on every container)',
  check(ctx, report) {
    const workflowLevel = obj(ctx.spec.securityContext).runAsNonRoot === true;
    for (const pod of policyPods(ctx)) {
      if (workflowLevel && !pod.inManifest) continue;
      if (obj(pod.pod.securityContext).runAsNonRoot === true) continue;
      const unset = pod.containers.filter((c) => obj(c.container.securityContext).runAsNonRoot !== true);
      if (unset.length === 0) continue;
      report({
        path: pod.inManifest ? pod.path : `${pod.templatePath}.securityContext`,
        message: `${pod.where}: runAsNonRoot is not set (securityContext.runAsNonRoot: true, with runAsUser such as 10001) for ${unset.map((c) => c.where).join(', ')}`,
      });
    }
  },
};
