import type { Arguments, Inputs, NodeStatus, Outputs, Template } from '@sluice/argo-types';
import { evaluateExpression } from '../expression/evaluate.js';
import { nestScope, substitute } from '../expression/substitute.js';
import type { InputArtifact } from './leaf.js';

/** A template's inputs bound to a call's arguments. */
export interface BoundInputs {
  /** Input parameters by name. */
  readonly parameters: Record<string, string>;
  /** Input artifacts by name. */
  readonly artifacts: Record<string, InputArtifact>;
  /** The node's `inputs`, as Argo records them. */
  readonly inputs: Inputs | undefined;
}

/**
 * Binds a call's arguments to a template's inputs, as Argo's ProcessArgs does: a parameter takes the argument, else
 * the template's `value`, `default` or `valueFrom.default`; an artifact takes the argument's `from` or raw data.
 *
 * @throws {Error} `<where>: inputs.parameters.<name> was not supplied`, or a value outside its `enum`.
 */
/** Binds arguments to a template's inputs (Argo's ProcessArgs). */
export function bindInputs(t: Template, args: Arguments | undefined, where: string): BoundInputs {
  const given = new Map((args?.parameters ?? []).map((p) => [p.name, p.value ?? p.valueFrom?.default]));
  const givenArtifacts = new Map((args?.artifacts ?? []).map((a) => [a.name, a]));
  const parameters: Record<string, string> = {};
  for (const p of t.inputs?.parameters ?? []) {
    const value = given.get(p.name) ?? p.value ?? p.default ?? p.valueFrom?.default;
    if (value === undefined) throw new Error(`${where}: inputs.parameters.${p.name} was not supplied`);
    if (p.enum && !p.enum.includes(value)) {
      throw new Error(`${where}: inputs.parameters.${p.name} "${value}" is not one of ${p.enum.join(', ')}`);
    }
    parameters[p.name] = value;
  }
  const artifacts: Record<string, InputArtifact> = {};
  for (const a of t.inputs?.artifacts ?? []) {
    const arg = givenArtifacts.get(a.name);
    const from = arg?.from ?? arg?.path;
    if (from !== undefined) artifacts[a.name] = { from };
    else if (arg?.raw !== undefined || a.raw !== undefined)
      artifacts[a.name] = { raw: arg?.raw?.data ?? a.raw?.data ?? '' };
    else if (!a.optional) throw new Error(`${where}: inputs.artifacts.${a.name} was not supplied`);
  }
  const inputs: Inputs | undefined =
    t.inputs === undefined
      ? undefined
      : {
          ...(t.inputs.parameters
            ? { parameters: t.inputs.parameters.map((p) => ({ name: p.name, value: parameters[p.name] })) }
            : {}),
          ...(t.inputs.artifacts ? { artifacts: t.inputs.artifacts.map((a) => ({ name: a.name, path: a.path })) } : {}),
        };
  return { parameters, artifacts, inputs };
}

/**
 * The `tasks.<name>.*` / `steps.<name>.*` names of a finished node: id, status, times, exit code, result, output
 * parameters and artifacts; for a loop, `outputs.parameters` as a JSON list of each item's parameters.
 */
export function nodeScope(
  get: (id: string) => NodeStatus | undefined,
  prefix: string,
  node: NodeStatus,
  looped: boolean,
): Map<string, string> {
  const scope = new Map<string, string>([
    [`${prefix}.id`, node.id],
    [`${prefix}.status`, String(node.phase)],
    [`${prefix}.startedAt`, node.startedAt ?? ''],
    [`${prefix}.finishedAt`, node.finishedAt ?? ''],
  ]);
  // A daemon's pod IP, as Argo gives `{{steps.X.ip}}` / `{{tasks.X.ip}}`.
  if (node.podIP !== undefined) scope.set(`${prefix}.ip`, node.podIP);
  const out = node.outputs;
  if (out?.exitCode !== undefined) scope.set(`${prefix}.exitCode`, out.exitCode);
  if (out?.result !== undefined) scope.set(`${prefix}.outputs.result`, out.result);
  for (const p of out?.parameters ?? []) scope.set(`${prefix}.outputs.parameters.${p.name}`, p.value ?? '');
  for (const a of out?.artifacts ?? []) if (a.path) scope.set(`${prefix}.outputs.artifacts.${a.name}`, a.path);
  if (looped) {
    const rows = (node.children ?? []).flatMap((id) => {
      const child = get(id);
      if (child?.phase !== 'Succeeded') return [];
      return [Object.fromEntries((child.outputs?.parameters ?? []).map((p) => [p.name, p.value ?? '']))];
    });
    scope.set(`${prefix}.outputs.parameters`, JSON.stringify(rows));
  } else if (out?.parameters) {
    scope.set(
      `${prefix}.outputs.parameters`,
      JSON.stringify(Object.fromEntries(out.parameters.map((p) => [p.name, p.value ?? '']))),
    );
  }
  return scope;
}

/** Outputs of a DAG or steps template: `valueFrom.parameter` / `valueFrom.expression`, artifacts `from`. */
export function composedOutputs(
  template: Template,
  scope: ReadonlyMap<string, string>,
  where: string,
): Outputs | undefined {
  const params = template.outputs?.parameters ?? [];
  const arts = template.outputs?.artifacts ?? [];
  if (params.length === 0 && arts.length === 0) return undefined;
  const parameters = params.map((p) => {
    let value = p.value;
    if (value === undefined && p.valueFrom?.parameter)
      value = substitute(p.valueFrom.parameter, scope, { where: `${where}.outputs.parameters.${p.name}` });
    if (value === undefined && p.valueFrom?.expression) {
      const v = evaluateExpression(p.valueFrom.expression, nestScope(scope));
      value = typeof v === 'string' ? v : JSON.stringify(v);
    }
    return { name: p.name, value: value ?? p.valueFrom?.default ?? '' };
  });
  const artifacts = arts.flatMap((a) => {
    const from = a.from ? substitute(a.from, scope, { where: `${where}.outputs.artifacts.${a.name}` }) : undefined;
    return from ? [{ name: a.name, path: from }] : [];
  });
  return { ...(parameters.length > 0 ? { parameters } : {}), ...(artifacts.length > 0 ? { artifacts } : {}) };
}
