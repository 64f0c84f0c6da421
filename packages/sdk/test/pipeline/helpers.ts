import type { Template } from '@sluice/argo-types';
import { parse } from 'yaml';
import type { CompiledPipeline } from '../../src/pipeline/index.js';

/** The template with this name in the compiled WorkflowTemplate; throws when missing. */
export function template(compiled: CompiledPipeline, name: string): Template {
  const found = compiled.workflowTemplate.spec.templates?.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no template ${name}`);
  return found;
}

/** The DAG task with this name. */
export function task(compiled: CompiledPipeline, name: string) {
  const main = template(compiled, 'main');
  const found = main.dag?.tasks.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no task ${name}`);
  return found;
}

/** The manifest a resource template creates, parsed. */
export function manifest(t: Template): Record<string, unknown> {
  const text = t.resource?.manifest;
  if (text === undefined) throw new Error(`template ${t.name} is not a resource template with a manifest`);
  return parse(text) as Record<string, unknown>;
}

/** The companion object of this kind and name. */
export function companion(compiled: CompiledPipeline, kind: string, name: string): Record<string, unknown> {
  const found = compiled.companions.find((o) => o.kind === kind && o.metadata?.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found as unknown as Record<string, unknown>;
}
