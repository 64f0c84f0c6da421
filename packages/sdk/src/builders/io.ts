import type { Artifact, Inputs, Outputs, Parameter } from '@sluice/argo-types';
import { freezeCopy, sealModel } from '../model/freeze.js';
import { argoName } from '../model/names.js';
import { sameJson } from '../model/same-json.js';
import { NO_NAMES } from './internal.js';
import type { ArtifactSpec, CompositeInputRefs, InputRefs, InputsSpec, OutputsSpec, ParameterSpec } from './types.js';

function compileList<T extends { name?: string }>(
  template: string,
  section: string,
  specs: Readonly<Record<string, T>> | undefined,
  names: Record<string, string>,
): (T & { name: string })[] | undefined {
  if (specs === undefined) return undefined;
  const out: (T & { name: string })[] = [];
  for (const key in specs) {
    const spec = specs[key];
    if (spec === undefined || !Object.hasOwn(specs, key)) continue;
    const name = spec.name ?? argoName(key);
    for (const o of out) {
      if (o.name === name) {
        throw new Error(
          `template "${template}" ${section}: two declarations are named "${name}"; give one of them another key or \`name\``,
        );
      }
    }
    names[key] = name;
    const item: Record<string, unknown> = { name };
    for (const field in spec) {
      const value = spec[field];
      if (field !== 'name' && value !== undefined && Object.hasOwn(spec, field))
        item[field] = freezeCopy(scalarText(field, value), field);
    }
    out.push(Object.freeze(item) as T & { name: string });
  }
  // A copy of exactly its length: a frozen array keeps whatever spare room pushing left it.
  return Object.freeze(out.slice()) as (T & { name: string })[];
}

/** A parameter object with its `value`, `default` and `enum` as Argo keeps them (numbers and booleans as strings). */
export function parameterAsText(parameter: ParameterSpec & { name: string }): Parameter {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(parameter)) out[field] = scalarText(field, value);
  return out as Parameter;
}

/** A parameter's `value`, `default` and `enum` entries as Argo keeps them: numbers and booleans as strings. */
function scalarText(field: string, value: unknown): unknown {
  if (field !== 'value' && field !== 'default' && field !== 'enum') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
  return value;
}

function checkDisjoint(template: string, params: Record<string, string>, artifacts: Record<string, string>): void {
  for (const key in artifacts) {
    if (key in params) {
      throw new Error(
        `template "${template}" inputs: "${key}" is declared both as a parameter and as an artifact; arguments are passed by key, so use two keys`,
      );
    }
  }
}

const NO_INPUTS = Object.freeze({ inputs: undefined, params: NO_NAMES, artifacts: NO_NAMES });
const NO_OUTPUTS = Object.freeze({ outputs: undefined, params: NO_NAMES, artifacts: NO_NAMES });

/** Compiled inputs: the Argo `Inputs` and the TypeScript key → Argo name of each. */
interface CompiledInputs {
  readonly inputs: Inputs | undefined;
  readonly params: Record<string, string>;
  readonly artifacts: Record<string, string>;
}

/** Compiled outputs: the Argo `Outputs` and the TypeScript key → Argo name of each. */
interface CompiledOutputs {
  readonly outputs: Outputs | undefined;
  readonly params: Record<string, string>;
  readonly artifacts: Record<string, string>;
}

/**
 * The last declaration compiled (a frozen copy: the caller may change theirs) and what it compiled to. Templates made
 * in a loop declare the same inputs one after another: each then costs one comparison, not a compile, and they share
 * one compiled list and one name table. What a
 * declaration compiles to depends on the declaration alone; the template's name only appears in errors, and a
 * declaration that compiled once raises none.
 */
interface LastCompiled<S, C> {
  spec: S | undefined;
  compiled: C | undefined;
}

const lastInputs: LastCompiled<InputsSpec, CompiledInputs> = { spec: undefined, compiled: undefined };
const lastOutputs: LastCompiled<OutputsSpec, CompiledOutputs> = { spec: undefined, compiled: undefined };

/** What `spec` compiles to: `last`'s when it is the same declaration, else compiled now and remembered in `last`. */
function compileOnce<S, C>(
  last: LastCompiled<S, C>,
  template: string,
  spec: S,
  compile: (template: string, spec: S) => C,
): C {
  if (last.spec !== undefined && sameJson(last.spec, spec)) return last.compiled as C;
  const compiled = compile(template, spec);
  last.spec = freezeCopy(spec);
  last.compiled = compiled;
  return compiled;
}

/** Compiles declared inputs to Argo `Inputs`, recording TypeScript key → Argo name. */
export function compileInputs(template: string, spec: InputsSpec | undefined): CompiledInputs {
  return spec === undefined ? NO_INPUTS : compileOnce(lastInputs, template, spec, compileInputsAnew);
}

/** Compiles declared outputs to Argo `Outputs`, recording TypeScript key → Argo name. */
export function compileOutputs(template: string, spec: OutputsSpec | undefined): CompiledOutputs {
  return spec === undefined ? NO_OUTPUTS : compileOnce(lastOutputs, template, spec, compileOutputsAnew);
}

function compileInputsAnew(template: string, spec: InputsSpec): CompiledInputs {
  const params: Record<string, string> = spec.parameters === undefined ? NO_NAMES : {};
  const artifacts: Record<string, string> = spec.artifacts === undefined ? NO_NAMES : {};
  const parameters = compileList<ParameterSpec>(template, 'inputs.parameters', spec.parameters, params);
  const arts = compileList<ArtifactSpec>(template, 'inputs.artifacts', spec.artifacts, artifacts);
  checkDisjoint(template, params, artifacts);
  const inputs: Inputs = {};
  if (parameters !== undefined) inputs.parameters = parameters as Parameter[];
  if (arts !== undefined) inputs.artifacts = arts as Artifact[];
  // A finished model: the template that takes it in keeps it as it is instead of copying it again.
  return { inputs: sealModel(inputs), params, artifacts };
}

function compileOutputsAnew(template: string, spec: OutputsSpec): CompiledOutputs {
  const params: Record<string, string> = spec.parameters === undefined ? NO_NAMES : {};
  const artifacts: Record<string, string> = spec.artifacts === undefined ? NO_NAMES : {};
  const parameters = compileList<ParameterSpec>(template, 'outputs.parameters', spec.parameters, params);
  const arts = compileList<ArtifactSpec>(template, 'outputs.artifacts', spec.artifacts, artifacts);
  const outputs: Outputs = {};
  if (parameters !== undefined) outputs.parameters = parameters as Parameter[];
  if (arts !== undefined) outputs.artifacts = arts as Artifact[];
  if (spec.result !== undefined) outputs.result = spec.result;
  if (spec.exitCode !== undefined) outputs.exitCode = spec.exitCode;
  return { outputs: sealModel(outputs), params, artifacts };
}

/** `{{inputs.parameters.<name>}}` and `{{inputs.artifacts.<name>.path}}` references for a template's own body. */
export function inputRefs<I>(params: Readonly<Record<string, string>>, artifacts: Readonly<Record<string, string>>) {
  return refsOf(params, artifacts, '.path') as InputRefs<I>;
}

/**
 * The references a DAG's or steps template's own tasks use: `{{inputs.parameters.<name>}}`, and the input artifacts
 * themselves (`{{inputs.artifacts.<name>}}`, typed as artifact references), which a task passes on as `from`.
 */
export function compositeInputRefs<I>(
  params: Readonly<Record<string, string>>,
  artifacts: Readonly<Record<string, string>>,
) {
  return refsOf(params, artifacts, '') as CompositeInputRefs<I>;
}

function refsOf(params: Readonly<Record<string, string>>, artifacts: Readonly<Record<string, string>>, suffix: string) {
  const p: Record<string, string> = {};
  for (const key of Object.keys(params)) p[key] = `{{inputs.parameters.${params[key]}}}`;
  const a: Record<string, string> = {};
  for (const key of Object.keys(artifacts)) a[key] = `{{inputs.artifacts.${artifacts[key]}${suffix}}}`;
  return Object.freeze({
    parameters: Object.freeze(p),
    artifacts: Object.freeze(a),
    parametersJson: '{{inputs.parameters}}',
  });
}
