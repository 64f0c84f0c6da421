import type { EnvVar, PersistentVolumeClaim, ResourceRequirements, Volume, VolumeMount } from '@sluice/argo-types';
import { parseQuantity } from '../model/quantity.js';

/**
 * Environment variables from Kubernetes objects, as plain `EnvVar`s for a container's `env`.
 *
 * A secret in an environment variable is visible to anything that reads the process environment, and Sluice's
 * policy rule `policy/no-secret-env` reports it; a stage reads secrets from a read-only mount instead
 * ({@link secretVolume}).
 *
 * @example
 * ```ts
 * import { env } from '@sluice/sdk';
 *
 * const vars = [env.fromConfigMap('LOG_LEVEL', 'etl-settings', 'log-level'), env.fromSecret('API_TOKEN', 'vendor', 'token')];
 * // - name: LOG_LEVEL
 * //   valueFrom: { configMapKeyRef: { name: etl-settings, key: log-level } }
 * // - name: API_TOKEN
 * //   valueFrom: { secretKeyRef: { name: vendor, key: token } }
 * ```
 */
export const env = Object.freeze({
  /** `name` from key `key` of Secret `secret` (`valueFrom.secretKeyRef`); `optional` when it may be missing. */
  fromSecret(name: string, secret: string, key: string, options: { optional?: boolean } = {}): EnvVar {
    return { name, valueFrom: { secretKeyRef: { name: secret, key, ...options } } };
  },
  /** `name` from key `key` of ConfigMap `configMap` (`valueFrom.configMapKeyRef`). */
  fromConfigMap(name: string, configMap: string, key: string, options: { optional?: boolean } = {}): EnvVar {
    return { name, valueFrom: { configMapKeyRef: { name: configMap, key, ...options } } };
  },
  /** `name` from a field of the pod (`valueFrom.fieldRef`), e.g. `metadata.name` or `status.podIP`. */
  fromField(name: string, fieldPath: string): EnvVar {
    return { name, valueFrom: { fieldRef: { fieldPath } } };
  },
});

/**
 * A volume and where a container mounts it: put `volume` in the template's `volumes`, `mount` in `volumeMounts`.
 * @example
 * ```ts
 * import { container, emptyDir, type MountedVolume } from '@sluice/sdk';
 *
 * const scratch: MountedVolume = emptyDir({ name: 'scratch', mountPath: '/tmp', sizeLimit: '1Gi' });
 * const step = container({ name: 'step', volumes: [scratch.volume], container: { image: 'busybox:1.36', volumeMounts: [scratch.mount] } });
 * ```
 */
export interface MountedVolume {
  /** For the template's (or the workflow's) `volumes`. */
  readonly volume: Volume;
  /** For the container's `volumeMounts`. */
  readonly mount: VolumeMount;
}

/**
 * A claim the workflow creates for its run, and where a container mounts it.
 * @example
 * ```ts
 * import { type ClaimedVolume, container, volume, workflow } from '@sluice/sdk';
 *
 * const work: ClaimedVolume = volume({ name: 'work', size: '20Gi', mountPath: '/work' });
 * const step = container({ name: 'step', container: { image: 'busybox:1.36', volumeMounts: [work.mount] } });
 * export default workflow({ generateName: 'etl-' }).set({ volumeClaimTemplates: [work.claim] }).entrypoint(step);
 * ```
 */
export interface ClaimedVolume {
  /** For the workflow's `volumeClaimTemplates`: Argo creates the claim when the run starts and deletes it after. */
  readonly claim: PersistentVolumeClaim;
  /** For the container's `volumeMounts`. */
  readonly mount: VolumeMount;
}

/**
 * Options of {@link volume}.
 * @example
 * ```ts
 * import { volume, type VolumeOptions } from '@sluice/sdk';
 *
 * const shared: VolumeOptions = { name: 'shared', size: '100Gi', mountPath: '/shared', accessModes: ['ReadWriteMany'], storageClassName: 'efs-sc' };
 * const { claim, mount } = volume(shared);
 * ```
 */
export interface VolumeOptions {
  /** The claim's name, which the mount refers to. */
  readonly name: string;
  /** The storage to request, e.g. `20Gi`. */
  readonly size: string;
  /** Where containers see it. */
  readonly mountPath: string;
  /** Default `ReadWriteOnce`; `ReadWriteMany` for steps on several nodes at once. */
  readonly accessModes?: readonly ('ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany' | 'ReadWriteOncePod')[];
  /** The storage class; the cluster's default when left out. */
  readonly storageClassName?: string;
  /** Mount it read-only. */
  readonly readOnly?: boolean;
}

/**
 * A volume claimed for one run: the claim template (for the workflow's `volumeClaimTemplates`) and its mount, from
 * one declaration, so the two names cannot drift apart.
 *
 * @throws {RangeError} when `size` is not a Kubernetes quantity.
 * @example
 * ```ts
 * import { container, volume, workflow } from '@sluice/sdk';
 *
 * const work = volume({ name: 'work', size: '20Gi', mountPath: '/work' });
 * const step = container({ name: 'step', container: { image: 'busybox:1.36', volumeMounts: [work.mount] } });
 * export default workflow({ generateName: 'etl-' }).set({ volumeClaimTemplates: [work.claim] }).entrypoint(step);
 * ```
 */
export function volume(options: VolumeOptions): ClaimedVolume {
  const { name, size, mountPath, accessModes = ['ReadWriteOnce'], storageClassName, readOnly } = options;
  if (parseQuantity(size) === undefined)
    throw new RangeError(`volume "${name}": size "${size}" is not a Kubernetes quantity (e.g. 500Mi, 20Gi)`);
  return {
    claim: {
      metadata: { name },
      spec: {
        accessModes: [...accessModes],
        ...(storageClassName === undefined ? {} : { storageClassName }),
        resources: { requests: { storage: size } },
      },
    },
    mount: { name, mountPath, ...(readOnly === true ? { readOnly: true } : {}) },
  };
}

/**
 * Options of {@link emptyDir}.
 * @example
 * ```ts
 * import { emptyDir, type EmptyDirOptions } from '@sluice/sdk';
 *
 * const ram: EmptyDirOptions = { name: 'ram', mountPath: '/dev/shm', medium: 'Memory', sizeLimit: '256Mi' };
 * const { volume, mount } = emptyDir(ram);
 * ```
 */
export interface EmptyDirOptions {
  /** The volume's name, which the mount refers to. */
  readonly name: string;
  /** Where containers see it. */
  readonly mountPath: string;
  /** `Memory` for a tmpfs (counted against the container's memory limit); the node's disk when left out. */
  readonly medium?: 'Memory';
  /** The most it may hold, e.g. `1Gi`; the pod is evicted past it. */
  readonly sizeLimit?: string;
}

/**
 * A scratch volume that lives as long as the pod, and its mount: the writable place a container with a read-only
 * root file system needs.
 *
 * @example
 * ```ts
 * import { container, emptyDir } from '@sluice/sdk';
 *
 * const scratch = emptyDir({ name: 'scratch', mountPath: '/tmp', medium: 'Memory', sizeLimit: '512Mi' });
 * const step = container({
 *   name: 'step',
 *   volumes: [scratch.volume],
 *   container: { image: 'busybox:1.36', volumeMounts: [scratch.mount] },
 * });
 * ```
 */
export function emptyDir(options: EmptyDirOptions): MountedVolume {
  const { name, mountPath, medium, sizeLimit } = options;
  if (sizeLimit !== undefined && parseQuantity(sizeLimit) === undefined)
    throw new RangeError(`emptyDir "${name}": sizeLimit "${sizeLimit}" is not a Kubernetes quantity (e.g. 1Gi)`);
  const source = { ...(medium === undefined ? {} : { medium }), ...(sizeLimit === undefined ? {} : { sizeLimit }) };
  return { volume: { name, emptyDir: source }, mount: { name, mountPath } };
}

/**
 * Options of {@link secretVolume}.
 * @example
 * ```ts
 * import { secretVolume, type SecretVolumeOptions } from '@sluice/sdk';
 *
 * const options: SecretVolumeOptions = { secret: 'warehouse-db', mountPath: '/var/run/secrets/db', name: 'db' };
 * const db = secretVolume(options);
 * ```
 */
export interface SecretVolumeOptions {
  /** The Secret to mount; also the volume's name unless `name` is given. */
  readonly secret: string;
  /** Where containers see its keys, one file each. */
  readonly mountPath: string;
  /** The volume's name. */
  readonly name?: string;
}

/**
 * A Secret mounted read-only (files readable by the owner only), the way a stage reads secrets: never through the
 * environment.
 *
 * @example
 * ```ts
 * import { secretVolume } from '@sluice/sdk';
 *
 * const db = secretVolume({ secret: 'warehouse-db', mountPath: '/var/run/secrets/warehouse-db' });
 * // volume: { name: warehouse-db, secret: { secretName: warehouse-db, defaultMode: 256 } }  (0400)
 * // mount:  { name: warehouse-db, mountPath: /var/run/secrets/warehouse-db, readOnly: true }
 * ```
 */
export function secretVolume(options: SecretVolumeOptions): MountedVolume {
  const name = options.name ?? options.secret;
  return {
    volume: { name, secret: { secretName: options.secret, defaultMode: 0o400 } },
    mount: { name, mountPath: options.mountPath, readOnly: true },
  };
}

/**
 * A quantity for both the request and the limit, or each apart.
 * @example
 * ```ts
 * import { type RequestAndLimit, resources } from '@sluice/sdk';
 *
 * const burstable: RequestAndLimit = { request: '500m', limit: '2' };
 * resources({ cpu: burstable, memory: '1Gi' }); // memory: the same request and limit
 * ```
 */
export type RequestAndLimit = string | { readonly request: string; readonly limit: string };

/**
 * Options of {@link resources}.
 * @example
 * ```ts
 * import { container, resources, type ResourcesOptions } from '@sluice/sdk';
 *
 * const sizing: ResourcesOptions = { cpu: '1', memory: { request: '2Gi', limit: '4Gi' }, ephemeralStorage: '5Gi' };
 * const step = container({ name: 'step', container: { image: 'busybox:1.36', resources: resources(sizing) } });
 * ```
 */
export interface ResourcesOptions {
  /** CPU, e.g. `500m` or `{ request: '500m', limit: '2' }`. */
  readonly cpu?: RequestAndLimit;
  /** Memory, e.g. `2Gi` or `{ request: '1Gi', limit: '2Gi' }`. */
  readonly memory?: RequestAndLimit;
  /** Whole GPUs: requested and limited alike, as Kubernetes requires of extended resources. */
  readonly gpus?: number;
  /** The GPU's resource name. Default `nvidia.com/gpu`. */
  readonly gpuResource?: string;
  /** Scratch disk, e.g. `10Gi`. */
  readonly ephemeralStorage?: RequestAndLimit;
}

function split(what: string, value: RequestAndLimit): { request: string; limit: string } {
  const pair = typeof value === 'string' ? { request: value, limit: value } : value;
  const request = parseQuantity(pair.request);
  const limit = parseQuantity(pair.limit);
  if (request === undefined) throw new RangeError(`resources: ${what} "${pair.request}" is not a Kubernetes quantity`);
  if (limit === undefined) throw new RangeError(`resources: ${what} "${pair.limit}" is not a Kubernetes quantity`);
  if (request > limit)
    throw new RangeError(`resources: ${what} request ${pair.request} is more than its limit ${pair.limit}`);
  return pair;
}

/**
 * A container's `resources`: requests and limits from one declaration, each request checked to be at most its
 * limit, GPUs requested and limited alike.
 *
 * @throws {RangeError} naming the resource when a quantity is malformed or a request passes its limit.
 * @example
 * ```ts
 * import { resources } from '@sluice/sdk';
 *
 * resources({ cpu: { request: '2', limit: '4' }, memory: '16Gi', gpus: 1 });
 * // requests: { cpu: '2', memory: 16Gi, nvidia.com/gpu: '1' }
 * // limits:   { cpu: '4', memory: 16Gi, nvidia.com/gpu: '1' }
 * ```
 */
export function resources(options: ResourcesOptions): ResourceRequirements {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const put = (key: string, what: string, value: RequestAndLimit | undefined) => {
    if (value === undefined) return;
    const { request, limit } = split(what, value);
    requests[key] = request;
    limits[key] = limit;
  };
  put('cpu', 'cpu', options.cpu);
  put('memory', 'memory', options.memory);
  put('ephemeral-storage', 'ephemeralStorage', options.ephemeralStorage);
  const { gpus } = options;
  if (gpus !== undefined) {
    if (!Number.isInteger(gpus) || gpus < 0)
      throw new RangeError(`resources: gpus must be a whole number, not ${gpus}`);
    if (gpus > 0) put(options.gpuResource ?? 'nvidia.com/gpu', 'gpus', String(gpus));
  }
  return { requests, limits };
}
