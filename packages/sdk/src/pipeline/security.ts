import type { PodSecurityContext, SecurityContext, Volume, VolumeMount } from '@sluice/argo-types';
import { CHECKPOINT_VOLUME } from './checkpoints.js';
import { PATHS } from './defaults.js';

/** The pod-level security context of Pod Security Standards "restricted". */
export function podSecurityContext(uid: number): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The container-level security context of Pod Security Standards "restricted", with a read-only root filesystem. */
export function containerSecurityContext(uid: number): SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Name of the volume of a secret. */
export function secretVolumeName(secret: string): string {
  return `secret-${secret}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * The volumes of a stage pod: an emptyDir at `/tmp` (the root filesystem is read-only), the shared volumes
 * (checkpoints when the pod declares them itself, the data root), and each secret as a read-only volume with mode
 * 0400.
 */
export function stageVolumes(scratchSize: string, secrets: readonly string[], shared: readonly Volume[]): Volume[] {
  return [
    { name: 'sluice-tmp', emptyDir: { sizeLimit: scratchSize } },
    ...shared,
    ...secrets.map((secret) => ({
      name: secretVolumeName(secret),
      secret: { secretName: secret, defaultMode: 0o400 },
    })),
  ];
}

/** The mounts matching {@link stageVolumes}; secrets are mounted read-only. */
export function stageVolumeMounts(secrets: readonly string[], shared: readonly VolumeMount[] = []): VolumeMount[] {
  return [
    { name: 'sluice-tmp', mountPath: PATHS.tmp },
    { name: CHECKPOINT_VOLUME, mountPath: PATHS.checkpoints },
    ...shared,
    ...secrets.map((secret) => ({
      name: secretVolumeName(secret),
      mountPath: `${PATHS.secrets}/${secret}`,
      readOnly: true,
    })),
  ];
}
