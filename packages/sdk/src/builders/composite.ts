import type { Template } from '@sluice/argo-types';
import { freezeModel } from '../model/freeze.js';
import type { TemplateCarrier } from './internal.js';
import type { compileInputs, compileOutputs } from './io.js';
import { TemplateBuilder } from './template.js';
import { resolveFields, templateIo } from './template-io.js';

/**
 * @internal What `dag()` and `steps()` share once their callback has run: the template with its inputs, its outputs,
 * its other fields (functions of its io resolved) and its body (`dag` or `steps`).
 */
export function compositeBuilder(
  name: string,
  fields: Readonly<Record<string, unknown>>,
  ins: ReturnType<typeof compileInputs>,
  outs: ReturnType<typeof compileOutputs>,
  body: Pick<Template, 'dag' | 'steps'>,
  deps: readonly TemplateCarrier[],
): TemplateBuilder<string, unknown, unknown> {
  const io = {
    inParams: ins.params,
    inArtifacts: ins.artifacts,
    outParams: outs.params,
    outArtifacts: outs.artifacts,
    typed: true,
  };
  const template: Template = { name, ...resolveFields(fields, () => templateIo(io), []) };
  if (ins.inputs !== undefined) template.inputs = ins.inputs;
  if (outs.outputs !== undefined) template.outputs = outs.outputs;
  Object.assign(template, body);
  return new TemplateBuilder({ template: freezeModel(template), deps, io });
}
