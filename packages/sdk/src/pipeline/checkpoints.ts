/**
 * Where checkpoints live on a cluster. A retried attempt runs in a new pod, often on another node, so the checkpoint
 * directory must outlive the pod: by default a PersistentVolumeClaim the workflow owns (Argo `volumeClaimTemplates`,
 * created per run and deleted when the run succeeds), shared by every pod of the run, hence `ReadWriteMany`.
 */
import type { PersistentVolumeClaim, Volume, VolumeClaimGC } from '@sluice/argo-types';
import { isQuantity } from '../model/quantity.js';
import { DEFAULT_CHECKPOINT_ACCESS_MODES, DEFAULT_CHECKPOINT_SIZE } from './defaults.js';
import { PipelineError } from './image.js';
import type { CheckpointOptions } from './options.js';

/** The volume (and `volumeClaimTemplates` entry) holding checkpoints. */
export const CHECKPOINT_VOLUME = 'sluice-checkpoints';

/** Checkpoint storage with every default filled in. */
export type ResolvedCheckpoints =
  | {
      readonly kind: 'workflow-claim';
      readonly size: string;
      readonly accessModes: readonly string[];
      readonly storageClass: string | undefined;
    }
  | { readonly kind: 'existing-claim'; readonly claimName: string }
  | { readonly kind: 'pod'; readonly reason: 'checkpoints: false' };

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Fills in the defaults of the `checkpoints` option and checks it; `where` names the pipeline in errors. */
export function resolveCheckpoints(where: string, options: CheckpointOptions | undefined): ResolvedCheckpoints {
  if (options === false) return { kind: 'pod', reason: 'checkpoints: false' };
  if (options !== undefined && 'claimName' in options) {
    if (!DNS_SUBDOMAIN.test(options.claimName))
      throw new PipelineError(
        `${where}: checkpoints.claimName "${options.claimName}" is not a PersistentVolumeClaim name (lower-case DNS subdomain, e.g. customer-features-checkpoints)`,
      );
    return { kind: 'existing-claim', claimName: options.claimName };
  }
  const size = options?.size ?? DEFAULT_CHECKPOINT_SIZE;
  if (!isQuantity(size))
    throw new PipelineError(`${where}: checkpoints.size "${size}" is not a storage quantity (e.g. 1Gi, 500Mi)`);
  const storageClass = options?.storageClass;
  if (storageClass !== undefined && !DNS_SUBDOMAIN.test(storageClass))
    throw new PipelineError(
      `${where}: checkpoints.storageClass "${storageClass}" is not a StorageClass name (lower-case DNS subdomain, e.g. efs-sc)`,
    );
  const accessModes = options?.accessModes ?? DEFAULT_CHECKPOINT_ACCESS_MODES;
  if (accessModes.length === 0)
    throw new PipelineError(`${where}: checkpoints.accessModes is empty; give ['ReadWriteMany'] (the default)`);
  return { kind: 'workflow-claim', size, accessModes: [...accessModes], storageClass };
}

/** The workflow-level fields of the default claim: `volumeClaimTemplates` and `volumeClaimGC`, else nothing. */
export function checkpointClaimTemplates(
  checkpoints: ResolvedCheckpoints,
  labels: Readonly<Record<string, string>>,
): { volumeClaimTemplates?: PersistentVolumeClaim[]; volumeClaimGC?: VolumeClaimGC } {
  if (checkpoints.kind !== 'workflow-claim') return {};
  return {
    volumeClaimTemplates: [
      {
        metadata: { name: CHECKPOINT_VOLUME, labels: { ...labels } },
        spec: {
          accessModes: [...checkpoints.accessModes],
          ...(checkpoints.storageClass === undefined ? {} : { storageClassName: checkpoints.storageClass }),
          resources: { requests: { storage: checkpoints.size } },
        },
      },
    ],
    // A failed run keeps its claim, so `argo retry` resumes from the checkpoints; a successful run frees it.
    volumeClaimGC: { strategy: 'OnWorkflowSuccess' },
  };
}

/**
 * The checkpoint volume a pod declares itself. Argo pods of the default claim declare none: Argo adds the
 * `volumeClaimTemplates` volume by name. A Job created by a resource template is not an Argo pod, so it names the
 * claim Argo created, `<workflow name>-sluice-checkpoints` (`inJob`).
 */
export function checkpointVolume(checkpoints: ResolvedCheckpoints, inJob = false): Volume | undefined {
  switch (checkpoints.kind) {
    case 'workflow-claim':
      return inJob
        ? {
            name: CHECKPOINT_VOLUME,
            persistentVolumeClaim: { claimName: `{{workflow.name}}-${CHECKPOINT_VOLUME}` },
          }
        : undefined;
    case 'existing-claim':
      return { name: CHECKPOINT_VOLUME, persistentVolumeClaim: { claimName: checkpoints.claimName } };
    case 'pod':
      return { name: CHECKPOINT_VOLUME, emptyDir: {} };
  }
}
