import type { Template } from '@sluice/argo-types';
import { scaleCpu, scaleMemory } from '../model/quantity.js';
import { emitYaml } from '../yaml/emit.js';
import { launcherServiceAccount } from './companion/rbac.js';
import { dataMounts } from './data-volume.js';
import { LOCAL_COMMAND_ANNOTATION, MEMORY_HEADROOM, STAGE_MODULE_ANNOTATION } from './defaults.js';
import { stageLabels } from './labels.js';
import { toKebabCase } from './names.js';
import { sharedVolumes } from './pod-storage.js';
import type { ResolvedPipeline, ResolvedStep } from './resolve.js';
import { resourceRequirements } from './resources.js';
import { gpuAffinity, gpuToleration } from './scheduling.js';
import { containerSecurityContext, podSecurityContext, stageVolumeMounts, stageVolumes } from './security.js';
import { stageArgs, stageCommands, stageInputNames, stageModule } from './stage-template.js';

/**
 * A resource template creating a Kubeflow `PyTorchJob` (`kubeflow.org/v1`): one master and `workers` workers on the
 * GPU pool, each requesting and limited to `gpus` GPUs, given the dataset version and the hyper-parameters as
 * arguments. Argo waits for the master to succeed and fails on the first failed replica.
 */
export function pytorchJobTemplate(pipeline: ResolvedPipeline, step: ResolvedStep): Template {
  const train = step.step.train;
  if (train === undefined) throw new TypeError(`pytorchJobTemplate: step ${step.id} is not a train step`);
  const labels = stageLabels(pipeline.labels, step.id, 'train');
  const hyper = Object.entries(train.hyperparameters ?? {}).map(([k, v]) => `--${toKebabCase(k)}=${String(v)}`);
  const inputs = stageInputNames(step);
  const args = [...inputs.map((name) => `--${name}={{inputs.parameters.${name}}}`), ...hyper];
  const cpu = train.cpu ?? '4';
  const memory = train.memory ?? '16Gi';
  const resources = resourceRequirements(
    { cpu, cpuLimit: scaleCpu(cpu, 2), memory, memoryLimit: scaleMemory(memory, MEMORY_HEADROOM) },
    step.gpus,
    pipeline.gpu.resource,
  );
  const replica = (replicas: number) => ({
    replicas,
    restartPolicy: 'OnFailure',
    template: {
      metadata: { labels },
      spec: {
        serviceAccountName: pipeline.serviceAccount,
        automountServiceAccountToken: false,
        securityContext: podSecurityContext(pipeline.uid),
        tolerations: [gpuToleration(pipeline.gpu)],
        affinity: gpuAffinity(pipeline.gpu),
        volumes: stageVolumes(pipeline.scratchSize, step.secrets, sharedVolumes(pipeline, true)),
        containers: [
          {
            name: 'pytorch',
            image: step.image,
            command: [...train.command],
            args,
            resources,
            securityContext: containerSecurityContext(pipeline.uid),
            volumeMounts: stageVolumeMounts(step.secrets, dataMounts(pipeline.data)),
          },
        ],
      },
    },
  });
  const job = {
    apiVersion: 'kubeflow.org/v1',
    kind: 'PyTorchJob',
    metadata: { generateName: `${pipeline.name}-${step.id}-`, namespace: pipeline.namespace, labels },
    spec: {
      runPolicy: {
        backoffLimit: train.backoffLimit ?? 2,
        activeDeadlineSeconds: step.activeDeadlineSeconds,
        cleanPodPolicy: 'None',
        ttlSecondsAfterFinished: 86400,
      },
      pytorchReplicaSpecs: { Master: replica(1), Worker: replica(train.workers ?? 1) },
    },
  };
  const local = step.step.localStage;
  const annotations: Record<string, string> = {};
  if (local !== undefined) {
    const commands = stageCommands(pipeline, local);
    annotations[LOCAL_COMMAND_ANNOTATION] = JSON.stringify([...commands.local, ...stageArgs(step)]);
    annotations[STAGE_MODULE_ANNOTATION] = stageModule(local);
  }
  return {
    name: step.id,
    metadata: { labels, ...(local === undefined ? {} : { annotations }) },
    inputs: { parameters: inputs.map((name) => ({ name })) },
    activeDeadlineSeconds: step.activeDeadlineSeconds,
    // Only this template's executor may create and delete the Job: the launcher ServiceAccount.
    executor: { serviceAccountName: launcherServiceAccount(pipeline) },
    resource: {
      action: 'create',
      setOwnerReference: true,
      successCondition: 'status.replicaStatuses.Master.succeeded > 0',
      failureCondition: 'status.replicaStatuses.Master.failed > 0',
      manifest: emitYaml(job),
    },
  };
}
