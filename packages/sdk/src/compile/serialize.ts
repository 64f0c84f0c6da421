import { isManifestBuilder, isTemplateBuilder } from '../builders/guards.js';
import { INTERNAL } from '../builders/internal.js';
import { type ManifestBuilder, MODEL } from '../builders/manifest.js';
import type { TemplateBuilder } from '../builders/template.js';
import { emitYaml, emitYamlDocuments } from '../yaml/emit.js';
import { canonicalCopy } from './canonical.js';

/**
 * What `toYaml()` and `toJson()` accept: builders (of manifests or templates) and plain objects.
 * @example
 * ```ts
 * import { container, type Serializable, toYaml, workflow } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36' } });
 * const items: Serializable[] = [workflow({ generateName: 'hello-' }).entrypoint(main), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }];
 * const yaml = toYaml(items);
 * ```
 */
export type Serializable = ManifestBuilder | TemplateBuilder<string, unknown, unknown> | object;

function model(item: Serializable): unknown {
  if (isManifestBuilder(item)) return item[MODEL];
  if (isTemplateBuilder(item)) return item[INTERNAL].template;
  return item;
}

/**
 * YAML of one or several objects: several become one multi-document stream (`---` between documents). Builders are
 * compiled; plain objects (e.g. companion Kubernetes manifests) are written as they are, keys in the documented
 * order. The output is byte-identical across runs.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { container, toYaml, workflow, workflowTemplate } from '@sluice/sdk';
 *
 * const whalesay = container({ name: 'whalesay', container: { image: 'busybox:1.36' } });
 * const sharedTemplates = workflowTemplate('shared').templates(whalesay);
 * const wf = workflow({ generateName: 'hello-' }).entrypoint(whalesay);
 * fs.writeFileSync('out.yaml', toYaml([wf, sharedTemplates]));
 * ```
 */
export function toYaml(items: Serializable | readonly Serializable[]): string {
  if (Array.isArray(items)) return emitYamlDocuments(items.map(model));
  return emitYaml(model(items as Serializable));
}

/**
 * JSON of one object, or a JSON array of several, indented, with keys in the documented order.
 * @example
 * ```ts
 * import { container, toJson, workflow } from '@sluice/sdk';
 *
 * const wf = workflow({ generateName: 'hello-' }).entrypoint(container({ name: 'main', container: { image: 'busybox:1.36' } }));
 * toJson(wf); // '{\n  "apiVersion": "argoproj.io/v1alpha1",\n  "kind": "Workflow",\n …'
 * ```
 */
export function toJson(items: Serializable | readonly Serializable[]): string {
  const value = Array.isArray(items)
    ? items.map((i) => canonicalCopy(model(i)))
    : canonicalCopy(model(items as Serializable));
  return `${JSON.stringify(value, null, 2)}\n`;
}
