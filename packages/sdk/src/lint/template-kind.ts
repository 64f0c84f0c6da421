import { has, type Json, obj, objects } from './json.js';

/** The ten template types, in the order Argo checks them, with the name Argo prints for each. */
const TYPES: readonly (readonly [field: string, printed: string])[] = [
  ['container', 'Container'],
  ['containerSet', 'ContainerSet'],
  ['steps', 'Steps'],
  ['script', 'Script'],
  ['resource', 'Resource'],
  ['dag', 'DAG'],
  ['suspend', 'Suspend'],
  ['data', 'Data'],
  ['http', 'HTTP'],
  ['plugin', 'Plugin'],
];

/** The type fields a template sets, e.g. `['container']`. */
export function typeFields(template: Json): string[] {
  return TYPES.filter(([field]) => has(template, field)).map(([field]) => field);
}

/** Argo's name for the template's type (`Container`, `DAG`, …), or `Unknown`. */
export function templateType(template: Json): string {
  const field = typeFields(template)[0];
  return TYPES.find(([f]) => f === field)?.[1] ?? 'Unknown';
}

/** Argo's `IsLeaf`: every type but steps, dag and suspend. */
export function isLeaf(template: Json): boolean {
  return ['Container', 'ContainerSet', 'Script', 'Resource', 'Data', 'HTTP', 'Plugin'].includes(templateType(template));
}

/** Argo's `IsPodType`: the types that run a pod. */
export function isPodType(template: Json): boolean {
  return ['Container', 'ContainerSet', 'Script', 'Resource', 'Data'].includes(templateType(template));
}

/** Argo's `HasOutput`: the types whose node has `outputs.result` and `exitCode`. */
export function hasOutput(template: Json): boolean {
  const type = templateType(template);
  if (type === 'ContainerSet') {
    return objects(obj(template.containerSet).containers).some((c) => c.name === 'main');
  }
  return ['Container', 'Script', 'Data', 'HTTP', 'Plugin'].includes(type);
}
