import type { Arguments, Artifact, Parameter } from '@sluice/argo-types';
import { closest, editDistance } from '../model/did-you-mean.js';
import { freezeCopy } from '../model/freeze.js';
import { type IoNames, type RunLabelled, runLabel } from './internal.js';
import { parameterAsText } from './io.js';
import { type NodePlace, placeText } from './place.js';
import type { ParameterSpec } from './types.js';

function describe(names: Readonly<Record<string, string>>, other: Readonly<Record<string, string>>): string {
  const keys = [...Object.keys(names), ...Object.keys(other)];
  return keys.length === 0 ? 'it declares no inputs' : `its inputs are: ${keys.join(', ')}`;
}

const PARAMETER_FIELDS = ['value', 'valueFrom', 'default', 'enum', 'description', 'globalName'];

/**
 * Compiles the arguments a task or step passes, keyed by the TypeScript names of the template's inputs, to Argo
 * `Arguments`. Parameters become `{ name, value }` (numbers and booleans as strings), reference strings for
 * artifacts become `{ name, from }`, objects are taken as they are.
 *
 * @param where names the task or step in errors (called only to make an error).
 * @param runs what the task or step runs, named in errors (read only to make an error).
 */
export function compileArguments(
  where: NodePlace | string,
  runs: RunLabelled,
  io: IoNames,
  args: Readonly<Record<string, unknown>> | undefined,
): Arguments | undefined {
  if (args === undefined) return undefined;
  // Made with their first item: most tasks pass one or two arguments, and a list grown from empty keeps room for
  // sixteen more in every task of the model.
  let parameters: Parameter[] | undefined;
  let artifacts: Artifact[] | undefined;
  for (const key in args) {
    const v = args[key];
    if (v === undefined || !Object.hasOwn(args, key)) continue;
    let kind: 'parameter' | 'artifact';
    let name: string;
    const p = io.inParams[key];
    const a = io.inArtifacts[key];
    if (p !== undefined) {
      kind = 'parameter';
      name = p;
    } else if (a !== undefined) {
      kind = 'artifact';
      name = a;
    } else if (!io.typed) {
      name = key;
      kind = typeof v === 'object' && v !== null && !PARAMETER_FIELDS.some((f) => f in v) ? 'artifact' : 'parameter';
    } else {
      const candidate = closest(key, [...Object.keys(io.inParams), ...Object.keys(io.inArtifacts)]);
      // A one-letter key is "close" to every other one: suggest only a name that shares something with it.
      const near = candidate !== undefined && editDistance(key, candidate) < key.length ? candidate : undefined;
      throw new Error(
        `${placeText(where)}: ${runLabel(runs)} has no input "${key}"; ${near === undefined ? '' : `did you mean "${near}"? `}${describe(io.inParams, io.inArtifacts)} (to pass an argument it does not declare, as Argo allows, use the extraArguments option)`,
      );
    }
    if (kind === 'parameter') {
      let p: Parameter;
      if (typeof v === 'string') p = Object.freeze({ name, value: v });
      else if (typeof v === 'number' || typeof v === 'boolean') p = Object.freeze({ name, value: String(v) });
      else if (typeof v === 'object' && v !== null) p = freezeCopy(parameterAsText({ ...(v as ParameterSpec), name }));
      else
        throw new Error(`${placeText(where)}: argument "${key}" must be a string, number, boolean or parameter object`);
      if (parameters === undefined) parameters = [p];
      else parameters.push(p);
    } else {
      let a: Artifact;
      if (typeof v === 'string') a = Object.freeze({ name, from: v });
      else if (typeof v === 'object' && v !== null) a = freezeCopy({ ...(v as Omit<Artifact, 'name'>), name });
      else
        throw new Error(
          `${placeText(where)}: artifact argument "${key}" must be a reference string or an artifact object`,
        );
      if (artifacts === undefined) artifacts = [a];
      else artifacts.push(a);
    }
  }
  if (parameters === undefined && artifacts === undefined) return undefined;
  const out: Arguments = {};
  if (parameters !== undefined) out.parameters = exactFrozen(parameters);
  if (artifacts !== undefined) out.artifacts = exactFrozen(artifacts);
  return Object.freeze(out);
}

/** `list` frozen, as a copy of exactly its length when it grew past one item (pushing leaves spare room). */
function exactFrozen<T>(list: T[]): T[] {
  return Object.freeze(list.length === 1 ? list : list.slice()) as T[];
}

/**
 * Every string inside a value that may hold a `tasks.X` or `steps.X` reference (or `tasks['X']`), appended to `out` (the only strings
 * `referencedNodes` reads).
 */
export function collectStrings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('tasks') || value.includes('steps')) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const key in value)
      if (Object.hasOwn(value, key)) collectStrings((value as Record<string, unknown>)[key], out);
  }
  return out;
}

const TASK_REF = /\btasks(?:\.([A-Za-z0-9][-A-Za-z0-9_]*)|\[['"]([A-Za-z0-9][-A-Za-z0-9_.]*)['"]\])/g;
const STEP_REF = /\bsteps(?:\.([A-Za-z0-9][-A-Za-z0-9_]*)|\[['"]([A-Za-z0-9][-A-Za-z0-9_.]*)['"]\])/g;

/**
 * The names `X` of every `<scope>.X` reference (`tasks.X…`, `steps.X…`, and the expression forms `tasks['X']…`,
 * `steps['X']…`) in `strings`, in order of appearance.
 */
export function referencedNodes(scope: 'tasks' | 'steps', strings: readonly string[]): string[] {
  const found: string[] = [];
  const re = scope === 'tasks' ? TASK_REF : STEP_REF;
  for (const s of strings) {
    if (!s.includes(scope)) continue;
    for (const m of s.matchAll(re)) {
      const name = m[1] ?? m[2];
      // `{{steps.name}}` / `{{tasks.name}}` is Argo's variable for the node's own name, not a node named "name".
      if (m[1] === 'name' && s[m.index + m[0].length] !== '.') continue;
      if (name !== undefined && !found.includes(name)) found.push(name);
    }
  }
  return found;
}
