import { manifestFileName } from '../manifest-file-name.js';
import { emitYaml } from '../yaml/emit.js';
import { compiledObjects, compilePipeline, type KubernetesObject } from './compile.js';
import { diffJson } from './json-patch.js';
import type { PipelineDefinition } from './model.js';
import type { EnvironmentOptions } from './options.js';

/**
 * One file of a layout: a path relative to the output directory and its text.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import path from 'node:path';
 * import { kustomizeObjectsLayout, type LayoutFile } from '@sluice/sdk';
 *
 * const write = (dir: string, file: LayoutFile) => {
 *   fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
 *   fs.writeFileSync(path.join(dir, file.path), file.content);
 * };
 * for (const file of kustomizeObjectsLayout([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }])) write('deploy', file);
 * ```
 */
export interface LayoutFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The overlays when a pipeline names none: staging gets half the resources and fails faster; production is the base.
 * @example
 * ```ts
 * import { DEFAULT_ENVIRONMENTS, kustomizeObjectsLayout } from '@sluice/sdk';
 *
 * const files = kustomizeObjectsLayout([], [...Object.keys(DEFAULT_ENVIRONMENTS), 'dev']);
 * ```
 */
export const DEFAULT_ENVIRONMENTS: Readonly<Record<string, EnvironmentOptions>> = {
  staging: { resourceScale: 0.5, retries: 1 },
  production: {},
};

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
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { kustomizeLayout, pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * for (const file of kustomizeLayout(etl.definition)) console.log(file.path);
 * // base/kustomization.yaml, base/network-policy-etl-default-deny-egress.yaml, …,
 * // overlays/staging/kustomization.yaml, overlays/staging/patches/workflow-template-etl.yaml, …
 * ```
 */
export function kustomizeLayout(definition: PipelineDefinition): LayoutFile[] {
  const base = compiledObjects(compilePipeline(definition));
  const files = baseFiles(base);
  const environments = definition.options.environments ?? DEFAULT_ENVIRONMENTS;
  for (const [env, overrides] of Object.entries(environments)) {
    const variant = compiledObjects(compilePipeline(definition, { environment: overrides }));
    const patches: { path: string; target: Record<string, string> }[] = [];
    variant.forEach((object, i) => {
      const ops = diffJson(base[i], object);
      if (ops.length === 0) return;
      const path = `patches/${manifestFileName(object)}`;
      const { group, version } = groupVersion(object.apiVersion);
      patches.push({ path, target: { group, version, kind: object.kind, name: object.metadata?.name ?? '' } });
      files.push({ path: `overlays/${env}/${path}`, content: emitYaml(ops) });
    });
    files.push(overlayKustomization(env, patches));
  }
  return files;
}

/**
 * The same GitOps layout for objects that are not a `pipeline()` (what the Hera-style builders compile to): `base/`
 * with one file per object and its `kustomization.yaml`, and one overlay per environment that labels the objects
 * with `sluice.dev/environment` and patches nothing (add patches there by hand).
 * @example
 * ```ts
 * import { container, kustomizeObjectsLayout, workflowTemplate } from '@sluice/sdk';
 *
 * const etl = workflowTemplate('etl').entrypoint(container({ name: 'main', container: { image: 'busybox:1.36' } }));
 * const files = kustomizeObjectsLayout([etl.toObject()]);
 * // base/kustomization.yaml, base/workflow-template-etl.yaml,
 * // overlays/staging/kustomization.yaml, overlays/production/kustomization.yaml
 * ```
 */
export function kustomizeObjectsLayout(
  objects: readonly KubernetesObject[],
  environments: readonly string[] = Object.keys(DEFAULT_ENVIRONMENTS),
): LayoutFile[] {
  return [...baseFiles(objects), ...environments.map((env) => overlayKustomization(env, []))];
}

function baseFiles(objects: readonly KubernetesObject[]): LayoutFile[] {
  const names = objects.map((object) => manifestFileName(object));
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined)
    throw new Error(`two objects would be written to base/${duplicate}: give them distinct names`);
  return [
    {
      path: 'base/kustomization.yaml',
      content: emitYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: names }),
    },
    ...objects.map((object) => ({ path: `base/${manifestFileName(object)}`, content: emitYaml(object) })),
  ];
}

function overlayKustomization(env: string, patches: readonly { path: string; target: Record<string, string> }[]) {
  return {
    path: `overlays/${env}/kustomization.yaml`,
    content: emitYaml({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['../../base'],
      labels: [{ pairs: { 'sluice.dev/environment': env }, includeSelectors: false }],
      ...(patches.length > 0 ? { patches } : {}),
    }),
  };
}
