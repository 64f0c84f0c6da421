import type { ResourceRequirements } from '@sluice/argo-types';
import { isQuantity, scaleCpu, scaleMemory } from '../model/quantity.js';
import { DEFAULT_CPU, DEFAULT_MEMORY, DEFAULT_MEMORY_LIMIT, MEMORY_HEADROOM } from './defaults.js';
import { PipelineError } from './image.js';
import type { ResourceOptions } from './options.js';

/** Requests and limits of a stage, always both set. */
export interface ResolvedResources {
  readonly cpu: string;
  readonly cpuLimit: string;
  readonly memory: string;
  readonly memoryLimit: string;
}

/**
 * Resolves a stage's resources from its options over the pipeline's: `memoryPeak` sets the request to the peak and
 * the limit 25% above it; without it the defaults are 500m/1 CPU and 512Mi/1Gi.
 */
export function resolveResources(
  where: string,
  stage: ResourceOptions,
  pipeline: ResourceOptions = {},
): ResolvedResources {
  const pick = <K extends keyof ResourceOptions>(key: K): string | undefined => {
    const value = stage[key] ?? pipeline[key];
    if (value !== undefined && !isQuantity(value))
      throw new PipelineError(`${where}: ${key} "${value}" is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 6Gi)`);
    return value;
  };
  const cpu = pick('cpu') ?? DEFAULT_CPU;
  const peak = pick('memoryPeak');
  const memory = pick('memory') ?? peak ?? DEFAULT_MEMORY;
  return {
    cpu,
    cpuLimit: pick('cpuLimit') ?? scaleCpu(cpu, 2),
    memory,
    memoryLimit:
      pick('memoryLimit') ?? (peak === undefined ? DEFAULT_MEMORY_LIMIT : scaleMemory(peak, MEMORY_HEADROOM)),
  };
}

/** Multiplies requests and limits (per-environment overlays). */
export function scaleResources(resources: ResolvedResources, factor: number): ResolvedResources {
  return {
    cpu: scaleCpu(resources.cpu, factor),
    cpuLimit: scaleCpu(resources.cpuLimit, factor),
    memory: scaleMemory(resources.memory, factor),
    memoryLimit: scaleMemory(resources.memoryLimit, factor),
  };
}

/** The container `resources` block, with GPUs in both requests and limits. */
export function resourceRequirements(
  resources: ResolvedResources,
  gpus = 0,
  gpuResource = 'nvidia.com/gpu',
): ResourceRequirements {
  const gpu: Record<string, string> = gpus > 0 ? { [gpuResource]: String(gpus) } : {};
  return {
    requests: { cpu: resources.cpu, memory: resources.memory, ...gpu },
    limits: { cpu: resources.cpuLimit, memory: resources.memoryLimit, ...gpu },
  };
}
