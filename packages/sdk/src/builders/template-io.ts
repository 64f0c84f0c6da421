import type { IoNames } from './internal.js';
import { inputRefs } from './io.js';
import type { InputRefs, OutArtifacts, OutParams, TemplateFields } from './types.js';

/**
 * References to a template's own declared outputs, for its other fields: `{{outputs.parameters.<name>}}`,
 * `{{outputs.artifacts.<name>.path}}` and `{{outputs.result}}` (a metric's value, a memoize key, a container's
 * argument naming where to write).
 * @example
 * ```ts
 * import { container, type OwnOutputRefs } from '@sluice/sdk';
 *
 * type Declared = { parameters: { rows: { valueFrom: { path: string } } } };
 * const count = container({
 *   name: 'count',
 *   outputs: { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } },
 *   container: (io: { outputs: OwnOutputRefs<Declared> }) => ({ image: 'busybox:1.36', args: ['--write-to', io.outputs.parameters.rows] }),
 * });
 * ```
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
 * @example
 * ```ts
 * import { container, type TemplateIo } from '@sluice/sdk';
 *
 * const body = (io: TemplateIo<{ parameters: { path: {} } }>) => ({
 *   image: 'busybox:1.36',
 *   command: ['cat', io.inputs.parameters.path],
 * });
 * const show = container({ name: 'show', inputs: { parameters: { path: {} } }, container: body });
 * ```
 */
export interface TemplateIo<I, O = Record<never, never>> {
  /** `{{inputs.parameters.<name>}}`, `{{inputs.artifacts.<name>.path}}`, and `parametersJson`. */
  readonly inputs: InputRefs<I>;
  /** `{{outputs.parameters.<name>}}`, `{{outputs.artifacts.<name>.path}}` and `{{outputs.result}}`. */
  readonly outputs: OwnOutputRefs<O>;
}

/**
 * What a template's `outputs` function receives: its inputs (its outputs are what it declares).
 * @example
 * ```ts
 * import { container, type OutputsIo } from '@sluice/sdk';
 *
 * type Inputs = { parameters: { day: {} } };
 * const outputsFor = (io: OutputsIo<Inputs>) => ({ artifacts: { report: { path: '/tmp/report.html', s3: { key: `reports/${io.inputs.parameters.day}.html` } } } });
 * const report = container({ name: 'report', inputs: { parameters: { day: {} } }, outputs: outputsFor, container: { image: 'busybox:1.36' } });
 * ```
 */
export interface OutputsIo<I> {
  /** `{{inputs.parameters.<name>}}`, `{{inputs.artifacts.<name>.path}}`, and `parametersJson`. */
  readonly inputs: InputRefs<I>;
}

/**
 * Argo `Template` fields, each given as it is or as a function of the template's typed {@link TemplateIo}.
 * @example
 * ```ts
 * import { container, type FieldsWithIo, type TemplateIo } from '@sluice/sdk';
 *
 * // One cached result per day: the memoize key is the template's own input.
 * const cachedPerDay: FieldsWithIo<TemplateIo<{ parameters: { day: {} } }>> = {
 *   memoize: (io) => ({ key: io.inputs.parameters.day, maxAge: '24h', cache: { configMap: { name: 'daily-cache' } } }),
 * };
 * const job = container({ name: 'job', inputs: { parameters: { day: {} } }, ...cachedPerDay, container: { image: 'busybox:1.36' } });
 * ```
 */
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
