import { type ArgoManifest, workflowKinds } from '@sluice/argo-types';
import { type AnyManifestBuilder, builderFor } from '../builders/manifest.js';
import { parseYamlDocuments } from '../yaml/parse.js';

/**
 * Builders over already-parsed manifests of the four workflow kinds.
 *
 * @param source names the input in errors.
 * @throws {Error} naming the document when one is not an object of a workflow kind.
 * @example
 * ```ts
 * import { fromObjects } from '@sluice/sdk';
 *
 * const [template] = fromObjects(
 *   [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'shared' }, spec: { templates: [] } }],
 *   'shared.json',
 * );
 * ```
 */
export function fromObjects(documents: readonly unknown[], source = '<input>'): AnyManifestBuilder[] {
  return documents.map((doc, i) => {
    const where = `${source}: document ${i + 1}`;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new Error(`${where} is not an object; expected a ${workflowKinds.join(', ')}`);
    }
    const kind = (doc as { kind?: unknown }).kind;
    if (typeof kind !== 'string' || !(workflowKinds as readonly string[]).includes(kind)) {
      throw new Error(`${where} has kind ${JSON.stringify(kind)}; expected one of ${workflowKinds.join(', ')}`);
    }
    const m = doc as { metadata?: unknown; spec?: unknown };
    if (m.metadata === null || typeof m.metadata !== 'object') throw new Error(`${where} (${kind}) has no metadata`);
    if (m.spec === null || typeof m.spec !== 'object') throw new Error(`${where} (${kind}) has no spec`);
    return builderFor(doc as ArgoManifest);
  });
}

/**
 * Builders for every document of a YAML text (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow),
 * to keep working with: `fromYaml(text)[0].withLabels({ team: 'data' }).toYaml()`. Everything of the input is
 * kept, so `fromYaml(x)[i].toYaml()` reads back as the same object as document `i` of `x`.
 *
 * @param source names the text in errors, usually its file path.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { fromYaml } from '@sluice/sdk';
 *
 * const [wf] = fromYaml(fs.readFileSync('hello.yaml', 'utf8'), 'hello.yaml');
 * if (wf?.kind === 'Workflow') console.log(wf.withLabels({ team: 'data' }).toYaml());
 * ```
 */
export function fromYaml(text: string, source = '<input>'): AnyManifestBuilder[] {
  return fromObjects(parseYamlDocuments(text, source), source);
}

/**
 * Builders for a JSON text holding one manifest or an array of manifests.
 * @example
 * ```ts
 * import { container, fromJson, workflow } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36' } });
 * const [wf] = fromJson(workflow('x', { entrypoint: main }).toJson());
 * ```
 */
export function fromJson(text: string, source = '<input>'): AnyManifestBuilder[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
  return fromObjects(Array.isArray(value) ? value : [value], source);
}
