import type { IPriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import type { ILimitRange } from 'kubernetes-models/v1/LimitRange';
import type { IResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { parseQuantity, scaleCpu, scaleMemory } from '../../model/quantity.js';
import { DEFAULT_CPU, DEFAULT_MEMORY, DEFAULT_MEMORY_LIMIT } from '../defaults.js';
import type { TenancyOptions } from '../options.js';
import type { ResolvedPipeline } from '../resolve.js';

/** The peak concurrent requests of a run: stages run one after another, fan-outs all at once. */
export function peakRequests(pipeline: ResolvedPipeline): { cpu: number; memory: number; gpus: number } {
  let cpu = 0;
  let memory = 0;
  let gpus = 0;
  for (const step of pipeline.steps) {
    const train = step.step.train;
    const width = train ? 1 + (train.workers ?? 1) : (step.step.options.parallelism ?? step.parallel);
    cpu = Math.max(cpu, width * (parseQuantity(train ? (train.cpu ?? '4') : step.resources.cpu) ?? 0));
    memory = Math.max(memory, width * (parseQuantity(train ? (train.memory ?? '16Gi') : step.resources.memory) ?? 0));
    gpus = Math.max(gpus, width * step.gpus);
  }
  return { cpu, memory, gpus };
}

/** ResourceQuota (CPU, memory, GPUs, pods), LimitRange (defaults for unsized pods) and PriorityClass. */
export function tenancy(
  pipeline: ResolvedPipeline,
  options: TenancyOptions = {},
): [IResourceQuota, ILimitRange, IPriorityClass] {
  const peak = peakRequests(pipeline);
  const cpu = options.cpu ?? scaleCpu(String(Math.max(8, Math.ceil(peak.cpu * 2))), 1);
  const memory = options.memory ?? scaleMemory(`${Math.max(32, Math.ceil((peak.memory * 2) / 2 ** 30))}Gi`, 1);
  const gpus = options.gpus ?? peak.gpus;
  const meta = (name: string) => ({ name, namespace: pipeline.namespace, labels: { ...pipeline.labels } });
  return [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta(`${pipeline.name}-quota`),
      spec: {
        hard: {
          'requests.cpu': cpu,
          'limits.cpu': scaleCpu(cpu, 2),
          'requests.memory': memory,
          'limits.memory': scaleMemory(memory, 2),
          [`requests.${pipeline.gpu.resource}`]: String(gpus),
          pods: String(options.pods ?? 100),
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta(`${pipeline.name}-limits`),
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: DEFAULT_CPU, memory: DEFAULT_MEMORY },
            default: { cpu: scaleCpu(DEFAULT_CPU, 2), memory: DEFAULT_MEMORY_LIMIT },
          },
        ],
      },
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: pipeline.name, labels: { ...pipeline.labels } },
      value: options.priority ?? 100000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: `Pods of the ${pipeline.name} pipeline (sluice).`,
    },
  ];
}
