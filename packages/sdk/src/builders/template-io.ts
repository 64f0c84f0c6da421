import type { IoNames } from './internal.js';
import { inputRefs } from './io.js';
import type { InputRefs, OutArtifacts, OutParams, TemplateFields } from './types.js';

/**
 * References to a template's own declared outputs, for its other fields: `{{outputs.parameters.<name>}}`,
 * `{{outputs.artifacts.<name>.path}}` and `{{outputs.result}}` (a metric's value, a memoize key, a container's
 * argument naming where to write).
 */
export interface OwnOutputRefs<O> {
  /** `{{outputs.parameters.<name>}}` for each declared output parameter. */
  readonly parameters: { readonly [K in keyof OutParams<O>]: string };
  /** `{{outputs.artifacts.<name>.path}}` for each declared output artifact. */
  readonly artifacts: { readonly [K in keyof OutArtifacts<O>]: string };
  /** `{{outputs.result}}`: the standard output of a script or container template (in its metrics). */
  readonly result: string;
}

/**
 * What a template's field functions receive: typed references to its own inputs and declared outputs. Every field
 * of a template builder (the body, `outputs`, `metrics`, `podSpecPatch`, `retryStrategy`, `memoize`,
 * `activeDeadlineSeconds`, …) may be a function of it; Argo's other variables are {@link argoVariables}.
 */
export interface TemplateIo<I, O = Record<never, never>> {
  /** `{{inputs.parameters.<name>}}`, `{{inputs.artifacts.<name>.path}}`, and `parametersJson`. */
  readonly inputs: InputRefs<I>;
  /** `{{outputs.parameters.<name>}}`, `{{outputs.artifacts.<name>.path}}` and `{{outputs.result}}`. */
  readonly outputs: OwnOutputRefs<O>;
}

/** What a template's `outputs` function receives: its inputs (its outputs are what it declares). */
export interface OutputsIo<I> {
  /** `{{inputs.parameters.<name>}}`, `{{inputs.artifacts.<name>.path}}`, and `parametersJson`. */
  readonly inputs: InputRefs<I>;
}

/** Argo `Template` fields, each given as it is or as a function of the template's typed {@link TemplateIo}. */
export type FieldsWithIo<Io> = {
  [K in keyof TemplateFields]?: TemplateFields[K] | ((io: Io) => TemplateFields[K]);
};

/** @internal The io of a template from its name tables. */
export function templateIo<I, O>(io: IoNames): TemplateIo<I, O> {
  const parameters: Record<string, string> = {};
  for (const key of Object.keys(io.outParams)) parameters[key] = `{{outputs.parameters.${io.outParams[key]}}}`;
  const artifacts: Record<string, string> = {};
  for (const key of Object.keys(io.outArtifacts)) artifacts[key] = `{{outputs.artifacts.${io.outArtifacts[key]}.path}}`;
  const outputs = Object.freeze({
    parameters: Object.freeze(parameters),
    artifacts: Object.freeze(artifacts),
    result: '{{outputs.result}}',
  }) as OwnOutputRefs<O>;
  return Object.freeze({ inputs: inputRefs<I>(io.inParams, io.inArtifacts), outputs });
}

/** @internal Each field given as a function of the io, called; the others as given. Keys in `skip` are left out. */
export function resolveFields(
  fields: Readonly<Record<string, unknown>>,
  io: () => unknown,
  skip: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let made: unknown;
  for (const key in fields) {
    if (!Object.hasOwn(fields, key) || skip.includes(key)) continue;
    const value = fields[key];
    if (typeof value === 'function') {
      made ??= io();
      out[key] = (value as (io: unknown) => unknown)(made);
    } else out[key] = value;
  }
  return out;
}
