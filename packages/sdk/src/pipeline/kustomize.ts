import { emitYaml } from '../yaml/emit.js';
import { compiledObjects, compilePipeline, type KubernetesObject } from './compile.js';
import { diffJson } from './json-patch.js';
import type { PipelineDefinition } from './model.js';
import type { EnvironmentOptions } from './options.js';

/** One file of a layout: a path relative to the output directory and its text. */
export interface LayoutFile {
  readonly path: string;
  readonly content: string;
}

/** The overlays when a pipeline names none: staging gets half the resources and fails faster; production is the base. */
export const DEFAULT_ENVIRONMENTS: Readonly<Record<string, EnvironmentOptions>> = {
  staging: { resourceScale: 0.5, retries: 1 },
  production: {},
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`);

function fileName(object: KubernetesObject): string {
  return `${kebab(object.kind)}-${object.metadata?.name ?? 'unnamed'}.yaml`;
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The GitOps layout Argo CD and Flux read: `base/` with one file per object and a `kustomization.yaml`, and
 * `overlays/<environment>/kustomization.yaml` with JSON patches for what the environment changes (resource limits,
 * retries, alert thresholds, quota). Pure: returns the files; the caller writes them (atomically).
 *
 * @example
 * ```ts
 * for (const file of kustomizeLayout(customerFeatures.definition)) console.log(file.path);
 * // base/kustomization.yaml, base/network-policy-customer-features-default-deny-egress.yaml, …,
 * // overlays/staging/kustomization.yaml, overlays/staging/patches/workflow-template-customer-features.yaml, …
 * ```
 */
export function kustomizeLayout(definition: PipelineDefinition): LayoutFile[] {
  const base = compiledObjects(compilePipeline(definition));
  const files: LayoutFile[] = base.map((object) => ({ path: `base/${fileName(object)}`, content: emitYaml(object) }));
  files.unshift({
    path: 'base/kustomization.yaml',
    content: emitYaml({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: base.map(fileName),
    }),
  });
  const environments = definition.options.environments ?? DEFAULT_ENVIRONMENTS;
  for (const [env, overrides] of Object.entries(environments)) {
    const variant = compiledObjects(compilePipeline(definition, { environment: overrides }));
    const patches: { path: string; target: Record<string, string> }[] = [];
    variant.forEach((object, i) => {
      const ops = diffJson(base[i], object);
      if (ops.length === 0) return;
      const path = `patches/${fileName(object)}`;
      const { group, version } = groupVersion(object.apiVersion);
      patches.push({ path, target: { group, version, kind: object.kind, name: object.metadata?.name ?? '' } });
      files.push({ path: `overlays/${env}/${path}`, content: emitYaml(ops) });
    });
    files.push({
      path: `overlays/${env}/kustomization.yaml`,
      content: emitYaml({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: ['../../base'],
        labels: [{ pairs: { 'sluice.dev/environment': env }, includeSelectors: false }],
        ...(patches.length > 0 ? { patches } : {}),
      }),
    });
  }
  return files;
}
