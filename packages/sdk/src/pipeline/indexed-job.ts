import type { Template } from '@sluice/argo-types';
import { emitYaml } from '../yaml/emit.js';
import { launcherServiceAccount } from './companion/rbac.js';
import { dataMounts } from './data-volume.js';
import { LOCAL_COMMAND_ANNOTATION, STAGE_MODULE_ANNOTATION } from './defaults.js';
import { stageLabels } from './labels.js';
import { sharedVolumes } from './pod-storage.js';
import type { ResolvedPipeline, ResolvedStep } from './resolve.js';
import { resourceRequirements } from './resources.js';
import { containerSecurityContext, podSecurityContext, stageVolumeMounts, stageVolumes } from './security.js';
import { placement, stageArgs, stageCommands, stageEnv, stageInputNames, stageModule } from './stage-template.js';

/**
 * The `podFailurePolicy` of the seed: exit code 2 (fatal) fails the whole Job, exit code 1 (retriable) counts
 * against the index's backoff, and a disruption (eviction, spot preemption) is ignored: it burns no retry.
 * @example
 * ```ts
 * import { INDEXED_JOB_POD_FAILURE_POLICY } from '@sluice/sdk';
 *
 * // Exit code 2 (fatal) fails the index at once; a disruption does not count against its retries.
 * console.log(JSON.stringify(INDEXED_JOB_POD_FAILURE_POLICY, null, 2));
 * ```
 */
export const INDEXED_JOB_POD_FAILURE_POLICY = {
  rules: [
    { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [2] } },
    { action: 'Count', onExitCodes: { containerName: 'main', operator: 'In', values: [1] } },
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
  ],
} as const;

/**
 * A resource template creating a `batch/v1` Indexed Job that runs the stage once per partition: the runtime reads
 * its index from `JOB_COMPLETION_INDEX`. Argo waits for `status.succeeded` to reach the partition count, and fails
 * the task when the Job reports failed indexes.
 */
export function indexedJobTemplate(pipeline: ResolvedPipeline, step: ResolvedStep): Template {
  const stage = step.step.stage;
  if (stage === undefined) throw new TypeError(`indexedJobTemplate: step ${step.id} has no stage`);
  const labels = stageLabels(pipeline.labels, step.id, step.step.role);
  const commands = stageCommands(pipeline, stage);
  const args = stageArgs(step);
  const { tolerations, affinity } = placement(pipeline, step.gpus);
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { generateName: `${pipeline.name}-${step.id}-`, namespace: pipeline.namespace, labels },
    spec: {
      completionMode: 'Indexed',
      completions: step.parallel,
      parallelism: step.step.options.parallelism ?? step.parallel,
      backoffLimitPerIndex: step.step.options.backoffLimitPerIndex ?? step.retries.limit,
      maxFailedIndexes: step.step.options.maxFailedIndexes ?? 0,
      activeDeadlineSeconds: step.activeDeadlineSeconds,
      ttlSecondsAfterFinished: 86400,
      podFailurePolicy: INDEXED_JOB_POD_FAILURE_POLICY,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          serviceAccountName: pipeline.serviceAccount,
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: step.terminationGracePeriodSeconds,
          securityContext: podSecurityContext(pipeline.uid),
          ...(tolerations === undefined ? {} : { tolerations }),
          affinity,
          volumes: stageVolumes(pipeline.scratchSize, step.secrets, sharedVolumes(pipeline, true)),
          containers: [
            {
              name: 'main',
              image: step.image,
              command: commands.container,
              args,
              env: stageEnv(pipeline, step).filter(
                (v) => v.name !== 'SLUICE_NODE_NAME' && !v.value?.includes('{{retries}}'),
              ),
              resources: resourceRequirements(step.resources, step.gpus, pipeline.gpu.resource),
              securityContext: containerSecurityContext(pipeline.uid),
              volumeMounts: stageVolumeMounts(step.secrets, dataMounts(pipeline.data)),
            },
          ],
        },
      },
    },
  };
  return {
    name: step.id,
    metadata: {
      labels,
      annotations: {
        [LOCAL_COMMAND_ANNOTATION]: JSON.stringify([...commands.local, ...args]),
        [STAGE_MODULE_ANNOTATION]: stageModule(stage),
      },
    },
    inputs: { parameters: stageInputNames(step).map((name) => ({ name })) },
    activeDeadlineSeconds: step.activeDeadlineSeconds,
    // Only this template's executor may create and delete the Job: the launcher ServiceAccount.
    executor: { serviceAccountName: launcherServiceAccount(pipeline) },
    resource: {
      action: 'create',
      setOwnerReference: true,
      successCondition: `status.succeeded > ${step.parallel - 1}`,
      failureCondition: 'status.failedIndexes',
      manifest: emitYaml(job),
    },
  };
}
