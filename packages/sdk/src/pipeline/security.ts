import type { PodSecurityContext, SecurityContext, Volume, VolumeMount } from '@sluice/argo-types';
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
 * The volumes of a stage pod: an emptyDir at `/tmp` (the root filesystem is read-only), checkpoints (a PVC when
 * given, else an emptyDir), and each secret as a read-only volume with mode 0400.
 */
export function stageVolumes(scratchSize: string, secrets: readonly string[], checkpointClaim?: string): Volume[] {
  return [
    { name: 'sluice-tmp', emptyDir: { sizeLimit: scratchSize } },
    checkpointClaim === undefined
      ? { name: 'sluice-checkpoints', emptyDir: {} }
      : { name: 'sluice-checkpoints', persistentVolumeClaim: { claimName: checkpointClaim } },
    ...secrets.map((secret) => ({
      name: secretVolumeName(secret),
      secret: { secretName: secret, defaultMode: 0o400 },
    })),
  ];
}

/** The mounts matching {@link stageVolumes}; secrets are mounted read-only. */
export function stageVolumeMounts(secrets: readonly string[]): VolumeMount[] {
  return [
    { name: 'sluice-tmp', mountPath: PATHS.tmp },
    { name: 'sluice-checkpoints', mountPath: PATHS.checkpoints },
    ...secrets.map((secret) => ({
      name: secretVolumeName(secret),
      mountPath: `${PATHS.secrets}/${secret}`,
      readOnly: true,
    })),
  ];
}
