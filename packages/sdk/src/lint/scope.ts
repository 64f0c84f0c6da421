import type { LintContext } from './context.js';
import { has, isObject, type Json, list, obj, objects, str } from './json.js';
import { hasOutput, isLeaf, isPodType, templateType } from './template-kind.js';
import { ANY_ITEM, ANY_WORKFLOW_OUTPUT_ARTIFACT, ANY_WORKFLOW_OUTPUT_PARAMETER, isParameter } from './variables.js';

/** A mutable set of variable names in scope. */
export type Scope = Set<string>;

/** Keys of an object-valued field, or none. */
function keys(value: unknown): string[] {
  return isObject(value) ? Object.keys(value) : [];
}

/**
 * The workflow-wide variables (Argo's `globalParams`): workflow identity, parameters (the Workflow's and its
 * referenced WorkflowTemplate's), labels and annotations (metadata, workflowMetadata, the referenced template's
 * workflowMetadata), priority, status, failures (with an exit handler), and every output `globalName`.
 */
export function globalScope(ctx: LintContext): Scope {
  const scope: Scope = new Set([
    'workflow.name',
    'workflow.namespace',
    'workflow.mainEntrypoint',
    'workflow.serviceAccountName',
    'workflow.uid',
    'workflow.status',
    'workflow.annotations',
    'workflow.annotations.json',
    'workflow.labels',
    'workflow.labels.json',
  ]);
  const ref = ctx.referencedTemplate?.spec;
  const parameters = [...objects(obj(ctx.spec.arguments).parameters), ...objects(obj(ref?.arguments).parameters)];
  if (parameters.length > 0) {
    scope.add('workflow.parameters');
    scope.add('workflow.parameters.json');
  }
  for (const p of parameters) if (str(p.name) !== '') scope.add(`workflow.parameters.${str(p.name)}`);
  const metadata = ctx.kind === 'CronWorkflow' ? obj(obj(ctx.doc.spec).workflowMetadata) : obj(ctx.doc.metadata);
  const sources = [metadata, obj(ctx.spec.workflowMetadata), obj(ref?.workflowMetadata)];
  if (ctx.kind === 'CronWorkflow') sources.push(obj(ctx.doc.metadata));
  for (const m of sources) {
    for (const k of keys(m.annotations)) scope.add(`workflow.annotations.${k}`);
    for (const k of [...keys(m.labels), ...keys(m.labelsFrom)]) scope.add(`workflow.labels.${k}`);
  }
  if (has(ctx.spec, 'priority')) scope.add('workflow.priority');
  if (str(ctx.spec.onExit) !== '' || str(ref?.onExit) !== '') scope.add('workflow.failures');
  for (const t of [...ctx.templates.map((e) => e.template), ...objects(ref?.templates)]) {
    addGlobalOutputs(t, scope);
  }
  return scope;
}

function addGlobalOutputs(template: Json, scope: Scope): void {
  const outputs = obj(template.outputs);
  for (const [field, any] of [
    ['parameters', ANY_WORKFLOW_OUTPUT_PARAMETER],
    ['artifacts', ANY_WORKFLOW_OUTPUT_ARTIFACT],
  ] as const) {
    for (const o of objects(outputs[field])) {
      const globalName = str(o.globalName);
      if (globalName === '') continue;
      scope.add(isParameter(globalName) ? any : `workflow.outputs.${field}.${globalName}`);
    }
  }
}

/** The variables of a template itself: its inputs, output paths (leaves), `pod.name`, retry variables. */
export function templateScope(template: Json, globals: ReadonlySet<string>): Scope {
  const scope: Scope = new Set(globals);
  const inputs = obj(template.inputs);
  const parameters = objects(inputs.parameters);
  for (const p of parameters) scope.add(`inputs.parameters.${str(p.name)}`);
  if (parameters.length > 0) scope.add('inputs.parameters');
  const leaf = isLeaf(template);
  for (const a of objects(inputs.artifacts)) {
    scope.add(`inputs.artifacts.${str(a.name)}`);
    if (leaf) scope.add(`inputs.artifacts.${str(a.name)}.path`);
  }
  if (isPodType(template)) scope.add('pod.name');
  if (has(template, 'retryStrategy')) {
    for (const v of ['retries', 'lastRetry.exitCode', 'lastRetry.status', 'lastRetry.duration', 'lastRetry.message']) {
      scope.add(v);
    }
  }
  if (leaf) {
    const outputs = obj(template.outputs);
    for (const a of objects(outputs.artifacts)) {
      if (str(a.path) !== '') scope.add(`outputs.artifacts.${str(a.name)}.path`);
    }
    for (const p of objects(outputs.parameters)) {
      if (str(obj(p.valueFrom).path) !== '') scope.add(`outputs.parameters.${str(p.name)}.path`);
    }
  }
  return scope;
}

/**
 * Adds what a step or task exposes to later ones (Argo's `addOutputsToScope`): id, times, host, ip (daemons),
 * result and exit code (templates with an output), declared outputs, aggregates for loops, status for ancestors.
 */
export function addOutputsToScope(
  template: Json | undefined,
  prefix: string,
  scope: Scope,
  aggregate: boolean,
  ancestor: boolean,
): void {
  for (const field of ['id', 'startedAt', 'finishedAt', 'hostNodeName']) scope.add(`${prefix}.${field}`);
  if (template === undefined) return;
  if (template.daemon === true) scope.add(`${prefix}.ip`);
  if (hasOutput(template)) {
    scope.add(`${prefix}.outputs.result`);
    scope.add(`${prefix}.exitCode`);
  }
  const outputs = obj(template.outputs);
  for (const p of objects(outputs.parameters)) scope.add(`${prefix}.outputs.parameters.${str(p.name)}`);
  for (const a of objects(outputs.artifacts)) scope.add(`${prefix}.outputs.artifacts.${str(a.name)}`);
  if (aggregate) {
    const type = templateType(template);
    if (type === 'Script' || type === 'ContainerSet') {
      scope.add(`${prefix}.outputs.result`);
      scope.add(`${prefix}.exitCode`);
    }
    scope.add(`${prefix}.outputs.parameters`);
  }
  if (ancestor) scope.add(`${prefix}.status`);
}

/** True when a step or task loops with `withItems` or `withParam` (its outputs are aggregated). */
export function aggregates(holder: Json): boolean {
  return list(holder.withItems).length > 0 || str(holder.withParam) !== '';
}

/**
 * What is wrong with the loop of a step or task (Argo's `addItemsToScope` errors), if anything: several loop
 * sources, `count` with `end`, or an item that is not a string, number, boolean, list or map.
 */
export function loopProblem(holder: Json): string | undefined {
  const items = list(holder.withItems);
  const defined = [items.length > 0, str(holder.withParam) !== '', isObject(holder.withSequence)].filter(Boolean);
  if (defined.length > 1) return 'only one of withItems, withParam, withSequence can be specified';
  // Parsed YAML or JSON holds only scalars, lists, maps and null: null is the one unsupported item.
  if (items.includes(null)) return 'unsupported withItems type: null';
  const sequence = obj(holder.withSequence);
  if (isObject(holder.withSequence) && has(sequence, 'count') && has(sequence, 'end')) {
    return 'only one of count or end can be defined in withSequence';
  }
  return undefined;
}

/**
 * Adds the loop variable of a step or task (Argo's `addItemsToScope`): `item` for scalars, `item.<key>` for maps,
 * `item.[i]` for lists, any `item.*` for `withParam`, `item` for `withSequence`.
 */
export function addItemsToScope(holder: Json, scope: Scope): void {
  const items = list(holder.withItems);
  if (items.length > 0) {
    for (const item of items) {
      if (Array.isArray(item)) for (let i = 0; i < item.length; i++) scope.add(`item.[${i}]`);
      else if (isObject(item)) for (const k of Object.keys(item)) scope.add(`item.${k}`);
      else scope.add('item');
    }
  } else if (str(holder.withParam) !== '') {
    scope.add('item');
    scope.add(ANY_ITEM);
  } else if (isObject(holder.withSequence)) {
    scope.add('item');
  }
}
