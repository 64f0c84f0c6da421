import { hint } from '../model/did-you-mean.js';
import { isObject, type Json, obj, objects, str } from './json.js';
import { ownerOf, type TemplateLibrary, type TemplateOwner } from './template-library.js';

/**
 * Argo's validation options for the document, as `argo lint --offline` sets them per kind.
 * @example
 * ```ts
 * import type { LintRule, ValidationMode } from '@sluice/sdk';
 *
 * const strictOnly = (mode: ValidationMode) => mode.lint && !mode.allowEmptyValues;
 * const rule: LintRule = {
 *   id: 'policy/strict-only-example',
 *   severity: 'warning',
 *   description: 'runs only when linting, not when validating a submission',
 *   check(ctx, report) {
 *     if (strictOnly(ctx.mode) && ctx.templates.length === 0) report({ message: `${ctx.name} has no templates` });
 *   },
 * };
 * ```
 */
export interface ValidationMode {
  /** Lint mode (`Opts.Lint`): Workflow and (Cluster)WorkflowTemplate; not CronWorkflow. */
  readonly lint: boolean;
  /** WorkflowTemplates without an entrypoint skip the entrypoint checks. */
  readonly ignoreEntrypoint: boolean;
  /** A (Cluster)WorkflowTemplate: `workflow.parameters.*` may come from the submitting Workflow. */
  readonly templateValidation: boolean;
  /** `spec.arguments.parameters` may lack values. */
  readonly allowEmptyValues: boolean;
}

/**
 * One entry of `spec.templates`.
 * @example
 * ```ts
 * import type { LintRule, TemplateEntry } from '@sluice/sdk';
 *
 * const unnamedContainer = (t: TemplateEntry) => typeof t.template.container === 'object' && t.name.startsWith('tmpl-');
 * const rule: LintRule = {
 *   id: 'policy/descriptive-names',
 *   severity: 'warning',
 *   description: 'templates have names that say what they do',
 *   check(ctx, report) {
 *     for (const t of ctx.templates.filter(unnamedContainer)) report({ path: `${t.path}.name`, message: `rename ${t.name}` });
 *   },
 * };
 * ```
 */
export interface TemplateEntry {
  /** The template. */
  readonly template: Json;
  /** Its name (`''` when missing). */
  readonly name: string;
  /** Its index in `spec.templates`. */
  readonly index: number;
  /** Its JSON path, e.g. `spec.templates[2]`. */
  readonly path: string;
}

/**
 * What a template reference (`template`, `templateRef` or `inline`) resolves to.
 * @example
 * ```ts
 * import type { Resolution } from '@sluice/sdk';
 *
 * function describe(resolution: Resolution): string {
 *   switch (resolution.status) {
 *     case 'resolved':
 *       return `found in ${resolution.owner.kind}`;
 *     case 'skipped':
 *       return 'not checked (the template lives in the cluster)';
 *     case 'error':
 *       return resolution.message;
 *   }
 * }
 * ```
 */
export type Resolution =
  | { readonly status: 'resolved'; readonly template: Json; readonly owner: TemplateOwner }
  | { readonly status: 'skipped' }
  | { readonly status: 'error'; readonly message: string };

/**
 * Everything a rule needs about one document.
 * @example
 * ```ts
 * import type { LintContext, LintRule } from '@sluice/sdk';
 *
 * const needsServiceAccount: LintRule = {
 *   id: 'policy/service-account',
 *   severity: 'warning',
 *   description: 'workflows name their service account',
 *   check(ctx: LintContext, report) {
 *     if (ctx.spec.serviceAccountName === undefined) report({ path: `${ctx.specPath}.serviceAccountName`, message: `${ctx.kind} ${ctx.name} has no service account` });
 *   },
 * };
 * ```
 */
export interface LintContext {
  /** The document. */
  readonly doc: Json;
  /** Its kind. */
  readonly kind: string;
  /** Its display name. */
  readonly name: string;
  /** Where it came from. */
  readonly source: string;
  /** The workflow spec (`spec`, or `spec.workflowSpec` of a CronWorkflow). */
  readonly spec: Json;
  /** JSON path of the workflow spec. */
  readonly specPath: string;
  /** Argo's options for this kind. */
  readonly mode: ValidationMode;
  /** `spec.templates`. */
  readonly templates: readonly TemplateEntry[];
  /** The document as a template owner (its own templates by name). */
  readonly owner: TemplateOwner;
  /** The WorkflowTemplate named by `spec.workflowTemplateRef`, when it is among the linted documents. */
  readonly referencedTemplate: TemplateOwner | undefined;
  /** The (Cluster)WorkflowTemplates of all linted documents. */
  readonly library: TemplateLibrary;
  /** Resolves a step, task or entrypoint reference in the context of the template owner that contains it. */
  resolve(holder: Json, owner?: TemplateOwner): Resolution;
}

/** The JSON path of the workflow spec of a document of this kind. */
export function specPathOf(kind: string): string {
  return kind === 'CronWorkflow' ? 'spec.workflowSpec' : 'spec';
}

const PLACEHOLDER = /\{\{[^}]*\}\}/;

/** What to add to `template reference <name>.<template> not found`: which part is missing, and what exists. */
function refHint(target: TemplateOwner | undefined, name: string, template: string, cluster: boolean): string {
  const kind = cluster ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
  if (target === undefined) return `; no ${kind} "${name}" among the linted files (lint it together with this file)`;
  return hint(template, [...target.templates.keys()], `${kind} "${name}" defines`);
}

/** Builds the context of one workflow-kind document. */
export function createContext(doc: Json, source: string, name: string, library: TemplateLibrary): LintContext {
  const kind = str(doc.kind);
  const spec = kind === 'CronWorkflow' ? obj(obj(doc.spec).workflowSpec) : obj(doc.spec);
  const specPath = specPathOf(kind);
  const isTemplateKind = kind === 'WorkflowTemplate' || kind === 'ClusterWorkflowTemplate';
  const lint = kind !== 'CronWorkflow';
  const mode: ValidationMode = {
    lint,
    ignoreEntrypoint: isTemplateKind && str(spec.entrypoint) === '',
    templateValidation: isTemplateKind,
    allowEmptyValues: lint || isTemplateKind,
  };
  const owner = ownerOf(kind, doc.metadata, spec, source);
  const namespace = str(obj(doc.metadata).namespace);
  const ref = obj(spec.workflowTemplateRef);
  const referencedTemplate = isObject(spec.workflowTemplateRef)
    ? library.find(str(ref.name), ref.clusterScope === true, namespace)
    : undefined;
  const templates = objects(spec.templates).map((template, index) => ({
    template,
    name: str(template.name),
    index,
    path: `${specPath}.templates[${index}]`,
  }));

  function resolve(holder: Json, from: TemplateOwner = owner): Resolution {
    const name = str(holder.template);
    if (isObject(holder.templateRef)) {
      const tref = holder.templateRef;
      if (name !== '') return { status: 'error', message: 'template name cannot be specified with templateRef' };
      if (str(tref.name) === '') return { status: 'error', message: 'resource name is required' };
      if (str(tref.template) === '') return { status: 'error', message: 'template name is required' };
      if (PLACEHOLDER.test(str(tref.name)) || PLACEHOLDER.test(str(tref.template))) return { status: 'skipped' };
      const target = library.find(str(tref.name), tref.clusterScope === true, from.namespace || namespace);
      const template = target?.templates.get(str(tref.template));
      if (target === undefined || template === undefined) {
        const message = `template reference ${str(tref.name)}.${str(tref.template)} not found`;
        return {
          status: 'error',
          message: `${message}${refHint(target, str(tref.name), str(tref.template), tref.clusterScope === true)}`,
        };
      }
      return { status: 'resolved', template, owner: target };
    }
    if (name !== '') {
      const template = from.templates.get(name);
      if (template === undefined) {
        const message = `template name '${name}' undefined`;
        return { status: 'error', message: `${message}${hint(name, [...from.templates.keys()], 'defined templates')}` };
      }
      return { status: 'resolved', template, owner: from };
    }
    if (isObject(holder.inline)) return { status: 'resolved', template: holder.inline, owner: from };
    return { status: 'skipped' };
  }

  return { doc, kind, name, source, spec, specPath, mode, templates, owner, referencedTemplate, library, resolve };
}
