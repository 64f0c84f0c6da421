import type { Volume } from '@sluice/argo-types';
import { checkpointVolume } from './checkpoints.js';
import { dataVolumes } from './data-volume.js';
import type { ResolvedPipeline } from './resolve.js';

/**
 * The storage volumes a pod declares itself: the checkpoint volume (unless it comes from the workflow's
 * `volumeClaimTemplates`) and the shared data root. `inJob`: the pod belongs to a Job or PyTorchJob created by a
 * resource template, which must name the run's checkpoint claim itself.
 */
export function sharedVolumes(pipeline: ResolvedPipeline, inJob = false): Volume[] {
  const checkpoints = checkpointVolume(pipeline.checkpoints, inJob);
  return [...(checkpoints === undefined ? [] : [checkpoints]), ...dataVolumes(pipeline.data)];
}
