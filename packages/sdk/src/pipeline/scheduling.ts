import type { Affinity, Toleration } from '@sluice/argo-types';
import { DEFAULT_GPU_NODE_LABEL, DEFAULT_GPU_RESOURCE, DEFAULT_GPU_TAINT } from './defaults.js';
import type { GpuOptions } from './options.js';

/** GPU options with every default filled in. */
export interface ResolvedGpu {
  readonly resource: string;
  readonly taint: { readonly key: string; readonly value?: string; readonly effect: string };
  readonly nodeLabel: { readonly key: string; readonly values?: readonly string[] };
}

/** Fills in the GPU defaults: `nvidia.com/gpu`, the taint `nvidia.com/gpu=present:NoSchedule`, the pool label. */
export function resolveGpu(options: GpuOptions = {}): ResolvedGpu {
  return {
    resource: options.resource ?? DEFAULT_GPU_RESOURCE,
    taint: options.taint ?? DEFAULT_GPU_TAINT,
    nodeLabel: options.nodeLabel ?? DEFAULT_GPU_NODE_LABEL,
  };
}

/** The toleration of the GPU taint: only ever given to pods that request GPUs. */
export function gpuToleration(gpu: ResolvedGpu): Toleration {
  const { key, value, effect } = gpu.taint;
  return value === undefined ? { key, operator: 'Exists', effect } : { key, operator: 'Equal', value, effect };
}

/** Required node affinity to the GPU pool. */
export function gpuAffinity(gpu: ResolvedGpu): Affinity {
  const { key, values } = gpu.nodeLabel;
  const expression =
    values === undefined || values.length === 0
      ? { key, operator: 'Exists' }
      : { key, operator: 'In', values: [...values] };
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expression] }] },
    },
  };
}

/**
 * Node affinity keeping a CPU-only pod off the GPU pool (the seed: "a pandas groupby on an A100 is preventable").
 */
export function cpuAffinity(gpu: ResolvedGpu): Affinity {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: gpu.nodeLabel.key, operator: 'DoesNotExist' }] }],
      },
    },
  };
}
