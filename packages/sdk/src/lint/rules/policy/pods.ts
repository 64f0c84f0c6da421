import { parseYamlDocuments } from '../../../yaml/parse.js';
import type { LintContext } from '../../context.js';
import { isObject, type Json, obj, objects, str } from '../../json.js';

/** One container the policy rules look at, with the pod it runs in. */
export interface PolicyContainer {
  /** The container object. */
  readonly container: Json;
  /** JSON path of the container, or, inside a resource manifest, of the manifest plus a path within it. */
  readonly path: string;
  /** Human-readable place: `templates.<t>.container`, or `templates.<t>.resource.manifest spec.….containers[0]`. */
  readonly where: string;
}

/** One pod (an Argo pod template, or a pod template inside a resource manifest). */
export interface PolicyPod {
  /** The template that creates it. */
  readonly templateName: string;
  /** JSON path of the template. */
  readonly templatePath: string;
  /** Human-readable place of the pod spec. */
  readonly where: string;
  /** JSON path of the pod-level fields (the template, or the manifest). */
  readonly path: string;
  /** Pod-level fields: securityContext, tolerations, affinity, volumes, hostNetwork… */
  readonly pod: Json;
  /** The pod's containers (main, init, sidecars). */
  readonly containers: readonly PolicyContainer[];
  /** True for pods inside a resource manifest (e.g. a Job or a PyTorchJob). */
  readonly inManifest: boolean;
}

function containersOfTemplate(template: Json, base: string, name: string): PolicyContainer[] {
  const found: PolicyContainer[] = [];
  for (const field of ['container', 'script'] as const) {
    if (isObject(template[field]))
      found.push({ container: template[field], path: `${base}.${field}`, where: `templates.${name}.${field}` });
  }
  for (const field of ['initContainers', 'sidecars'] as const) {
    objects(template[field]).forEach((container, i) => {
      found.push({ container, path: `${base}.${field}[${i}]`, where: `templates.${name}.${field}[${i}]` });
    });
  }
  objects(obj(template.containerSet).containers).forEach((container, i) => {
    const at = `containerSet.containers[${i}]`;
    found.push({ container, path: `${base}.${at}`, where: `templates.${name}.${at}` });
  });
  return found;
}

/** Pod specs inside a manifest: every object holding a `containers` list. */
function manifestPods(value: unknown, at: string, out: { spec: Json; at: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      manifestPods(v, `${at}[${i}]`, out);
    });
  } else if (isObject(value)) {
    if (Array.isArray(value.containers)) out.push({ spec: value, at });
    for (const [key, v] of Object.entries(value)) manifestPods(v, at === '' ? key : `${at}.${key}`, out);
  }
}

function parseManifest(text: string): unknown {
  try {
    const [document] = parseYamlDocuments(text.replace(/\{\{[^}]*\}\}/g, 'placeholder'));
    return document;
  } catch {
    return undefined;
  }
}

/**
 * Every pod a workflow document creates: each container/script/containerSet template (with the workflow-level
 * security context as the fallback), and each pod template inside a resource template's manifest.
 */
export function policyPods(ctx: LintContext): PolicyPod[] {
  const pods: PolicyPod[] = [];
  for (const { template, name, path } of ctx.templates) {
    const containers = containersOfTemplate(template, path, name);
    if (containers.length > 0) {
      pods.push({
        templateName: name,
        templatePath: path,
        where: `templates.${name}`,
        path,
        pod: template,
        containers,
        inManifest: false,
      });
    }
    const manifest = str(obj(template.resource).manifest);
    if (manifest === '') continue;
    const found: { spec: Json; at: string }[] = [];
    manifestPods(parseManifest(manifest), '', found);
    for (const { spec, at } of found) {
      const where = `templates.${name}.resource.manifest ${at}`;
      pods.push({
        templateName: name,
        templatePath: path,
        where,
        path: `${path}.resource.manifest`,
        pod: spec,
        inManifest: true,
        containers: [
          ...objects(spec.initContainers).map((c, i) => ({ c, f: `initContainers[${i}]` })),
          ...objects(spec.containers).map((c, i) => ({ c, f: `containers[${i}]` })),
        ].map(({ c, f }) => ({ container: c, path: `${path}.resource.manifest`, where: `${where}.${f}` })),
      });
    }
  }
  return pods;
}

/** The GPU resource names the rules recognise. */
export const GPU_RESOURCES = ['nvidia.com/gpu', 'amd.com/gpu'] as const;

/** GPUs a container requests or is limited to, by resource name. */
export function gpuResources(container: Json): { requests: string[]; limits: string[] } {
  const resources = obj(container.resources);
  const names = (block: unknown) =>
    Object.keys(obj(block)).filter((k) => (GPU_RESOURCES as readonly string[]).includes(k) || k.endsWith('/gpu'));
  return { requests: names(resources.requests), limits: names(resources.limits) };
}

/** True when a toleration lets the pod onto GPU nodes (a key mentioning gpu/accelerator, or tolerate-everything). */
export function toleratesGpu(toleration: Json): boolean {
  const key = str(toleration.key);
  if (key === '' && str(toleration.operator) === 'Exists') return true;
  return /gpu|accelerator|nvidia/i.test(key);
}
