import { canonicalCopy } from '../compile/canonical.js';
import { freezeModel } from '../model/freeze.js';
import type { KubernetesObject } from '../pipeline/compile.js';
import { emitYaml } from '../yaml/emit.js';

/**
 * Any Kubernetes object kept as it is (a ConfigMap, a PersistentVolumeClaim, a WorkflowEventBinding…), so that an
 * entry can export it beside its workflows and `workflow compile` writes it with them. Made by
 * {@link kubernetesObject}.
 * @example
 * ```ts
 * import { kubernetesObject, type KubernetesObjectBuilder } from '@sluice/sdk';
 *
 * const settings: KubernetesObjectBuilder = kubernetesObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { level: 'info' } });
 * console.log(settings.toYaml());
 * ```
 */
export class KubernetesObjectBuilder<T extends KubernetesObject = KubernetesObject> {
  readonly #object: Readonly<T>;

  /** @internal Use {@link kubernetesObject}. */
  constructor(object: Readonly<T>) {
    this.#object = object;
  }

  /** The object's `kind`. */
  get kind(): string {
    return this.#object.kind;
  }

  /** `metadata.name` (or `generateName`), if any. */
  get name(): string | undefined {
    return this.#object.metadata?.name ?? this.#object.metadata?.generateName;
  }

  /** The object as a plain mutable copy, keys in the documented order. */
  toObject(): T {
    return canonicalCopy(this.#object) as T;
  }

  /** The object as YAML. */
  toYaml(): string {
    return emitYaml(this.#object);
  }

  /** The object as indented JSON. */
  toJson(): string {
    return `${JSON.stringify(this.toObject(), null, 2)}\n`;
  }
}

/**
 * Wraps a plain Kubernetes object (any kind with `apiVersion`, `kind` and `metadata`) so an entry can export it;
 * `workflow compile` writes it as it is. `workflow import` uses it for the documents of a file that are not workflows.
 *
 * @throws {Error} when `apiVersion`, `kind` or `metadata` is missing.
 * @example
 * ```ts
 * import { kubernetesObject } from '@sluice/sdk';
 *
 * export const claim = kubernetesObject({
 *   apiVersion: 'v1',
 *   kind: 'PersistentVolumeClaim',
 *   metadata: { name: 'scratch' },
 *   spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
 * });
 * ```
 */
export function kubernetesObject<const T extends KubernetesObject>(object: T): KubernetesObjectBuilder<T> {
  const o = object as Partial<KubernetesObject> | null;
  if (o === null || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
    throw new Error('kubernetesObject(): the object needs an `apiVersion` and a `kind`');
  }
  if (o.metadata === null || typeof o.metadata !== 'object') {
    throw new Error(`kubernetesObject(): the ${o.kind} needs \`metadata\``);
  }
  return new KubernetesObjectBuilder<T>(freezeModel(object));
}
