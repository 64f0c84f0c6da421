import { obj, objects } from '../../json.js';
import type { LintRule } from '../../types.js';
import { gpuResources, policyPods, toleratesGpu } from './pods.js';

/** A pod requesting GPUs sets them in limits and tolerates the GPU taint. */
export const gpuScheduling: LintRule = {
  id: 'policy/gpu-scheduling',
  severity: 'error',
  description: 'GPU requests come with GPU limits and a toleration for the GPU node taint',
  check(ctx, report) {
    const workflowTolerations = objects(ctx.spec.tolerations);
    for (const pod of policyPods(ctx)) {
      let wantsGpu = false;
      for (const { container, path, where } of pod.containers) {
        const { requests, limits } = gpuResources(container);
        if (requests.length + limits.length > 0) wantsGpu = true;
        for (const name of requests.filter((r) => !limits.includes(r)))
          report({
            path: pod.inManifest ? path : `${path}.resources.limits`,
            message: `${where}.resources requests ${name} without a limit: set resources.limits["${name}"] to the same count`,
          });
      }
      const tolerations = [...objects(pod.pod.tolerations), ...(pod.inManifest ? [] : workflowTolerations)];
      if (wantsGpu && !tolerations.some(toleratesGpu))
        report({
          path: pod.inManifest ? pod.path : `${pod.templatePath}.tolerations`,
          message: `${pod.where} requests GPUs but has no toleration for the GPU node taint (e.g. tolerations: [{ key: nvidia.com/gpu, operator: Exists, effect: NoSchedule }])`,
        });
    }
  },
};

/** A CPU-only pod never tolerates the GPU taint (a pandas groupby on an A100 is preventable and expensive). */
export const cpuOffGpu: LintRule = {
  id: 'policy/cpu-stage-gpu-toleration',
  severity: 'error',
  description: 'pods that request no GPU do not tolerate GPU nodes',
  check(ctx, report) {
    for (const pod of policyPods(ctx)) {
      const wantsGpu = pod.containers.some(({ container }) => {
        const { requests, limits } = gpuResources(container);
        return requests.length + limits.length > 0;
      });
      if (wantsGpu) continue;
      objects(pod.pod.tolerations).forEach((t, i) => {
        if (!toleratesGpu(t)) return;
        report({
          path: pod.inManifest ? pod.path : `${pod.templatePath}.tolerations[${i}]`,
          message: `${pod.where}.tolerations[${i}] (key ${JSON.stringify(obj(t).key ?? '')}) lets a CPU-only pod onto GPU nodes: remove it, or request GPUs`,
        });
      });
    }
  },
};
