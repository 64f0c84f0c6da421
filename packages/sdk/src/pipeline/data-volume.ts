/**
 * The one way data moves between stages on a cluster: files under a shared data root that every stage pod mounts.
 * A stage's `ctx.paths.artifactsOut` is inside its own pod (an emptyDir) and vanishes with it; the next stage runs in
 * another pod, often on another node. Stages therefore exchange *paths* (small output parameters) that point into
 * shared storage, and the pipeline mounts that storage, a ReadWriteMany PersistentVolumeClaim (NFS, CephFS, EFS,
 * Filestore, or an object store through a CSI driver), into every pod.
 */
import type { Volume, VolumeMount } from '@sluice/argo-types';
import { PATHS } from './defaults.js';
import { PipelineError } from './image.js';
import type { DataOptions } from './options.js';

/** The volume name of the shared data root. */
export const DATA_VOLUME = 'sluice-data';

/** The shared data root with its defaults filled in. */
export interface ResolvedData {
  readonly claimName: string;
  readonly mountPath: string;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const RESERVED = [PATHS.tmp, PATHS.checkpoints, PATHS.secrets];

const within = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/** Fills in the defaults of the `data` option and checks it; `where` names the pipeline in errors. */
export function resolveData(where: string, options: DataOptions | undefined): ResolvedData | undefined {
  if (options === undefined) return undefined;
  if (!DNS_SUBDOMAIN.test(options.claimName))
    throw new PipelineError(
      `${where}: data.claimName "${options.claimName}" is not a PersistentVolumeClaim name (lower-case DNS subdomain, e.g. customer-features-data)`,
    );
  const mountPath = (options.mountPath ?? PATHS.data).replace(/\/+$/, '');
  if (!mountPath.startsWith('/') || mountPath.split('/').includes('..'))
    throw new PipelineError(`${where}: data.mountPath "${options.mountPath}" must be an absolute path without ".."`);
  const clash = RESERVED.find((root) => within(mountPath, root) || within(root, mountPath));
  if (clash !== undefined)
    throw new PipelineError(
      `${where}: data.mountPath "${mountPath}" overlaps ${clash}, which Sluice mounts itself; use e.g. ${PATHS.data}`,
    );
  return { claimName: options.claimName, mountPath };
}

/** The data volume of a pod, or none. */
export function dataVolumes(data: ResolvedData | undefined): Volume[] {
  return data === undefined ? [] : [{ name: DATA_VOLUME, persistentVolumeClaim: { claimName: data.claimName } }];
}

/** The data mount of a container, or none. */
export function dataMounts(data: ResolvedData | undefined): VolumeMount[] {
  return data === undefined ? [] : [{ name: DATA_VOLUME, mountPath: data.mountPath }];
}
