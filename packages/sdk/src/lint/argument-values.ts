import { has, type Json, list, obj, objects, str } from './json.js';
import { listNameProblems } from './names.js';

/** A problem found in an `arguments` block, with the JSON path of the offending entry. */
export interface ArgumentProblem {
  /** JSON path. */
  readonly path: string;
  /** Argo's message. */
  readonly message: string;
}

const LOCATIONS = ['s3', 'git', 'http', 'artifactory', 'hdfs', 'raw', 'oss', 'gcs', 'azure', 'plugin'];

/** Argo's `HasLocationOrKey`: the artifact names a storage location or a key in the default repository. */
export function hasLocationOrKey(artifact: Json): boolean {
  return LOCATIONS.some((l) => has(artifact, l)) || str(artifact.key) !== '';
}

/**
 * A parameter value as Go's `AnyString` decodes it: a string as it is, a number or boolean as its text, anything
 * else (an object, an array) as the empty string.
 */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * Argo's `validateArguments`: names (rule 5), values (6), `valueFrom` sources (7), enums (8) and artifact sources
 * (9) of an `arguments` block, every problem rather than the first. `prefix` is Argo's message prefix such as
 * `spec.arguments.`; `path` the block's JSON path.
 */
export function argumentProblems(
  prefix: string,
  path: string,
  args: Json,
  allowEmptyValues: boolean,
): ArgumentProblem[] {
  const problems: ArgumentProblem[] = [];
  const parameters = objects(args.parameters);
  const artifacts = objects(args.artifacts);
  for (const [field, entries] of [
    ['parameters', parameters],
    ['artifacts', artifacts],
  ] as const) {
    for (const p of listNameProblems(
      entries.map((e) => str(e.name)),
      'param',
    )) {
      problems.push({ path: `${path}.${field}[${p.index}].name`, message: `${prefix}${field}${p.message}` });
    }
  }
  for (const [i, param] of parameters.entries()) {
    const at = `${path}.parameters[${i}]`;
    const name = `${prefix}${str(param.name)}`;
    if (!has(param, 'value') && !has(param, 'valueFrom') && !allowEmptyValues) {
      problems.push({ path: at, message: `${name}.value or ${name}.valueFrom is required` });
    }
    if (has(param, 'valueFrom')) {
      const from = obj(param.valueFrom);
      const allowed = has(from, 'configMapKeyRef') || str(from.event) !== '' || has(from, 'supplied');
      const forbidden = ['path', 'jsonPath', 'parameter', 'expression'].some((k) => str(from[k]) !== '');
      if (!allowed || forbidden) {
        problems.push({
          path: `${at}.valueFrom`,
          message: `${name}.valueFrom only allows: default, configMapKeyRef and supplied`,
        });
      }
    }
    if (has(param, 'enum')) {
      const options = list(param.enum).map(valueText);
      if (options.length === 0) {
        problems.push({ path: `${at}.enum`, message: `${name}.enum should contain at least one value` });
      } else if (!has(param, 'value')) {
        // Argo stops validating the remaining arguments here when empty values are allowed.
        if (allowEmptyValues) break;
        problems.push({ path: at, message: `${name}.value is required` });
      } else if (!options.includes(valueText(param.value))) {
        problems.push({ path: `${at}.value`, message: `${name}.value should be present in ${name}.enum list` });
      }
    }
  }
  for (const [i, artifact] of artifacts.entries()) {
    const at = `${path}.artifacts[${i}]`;
    const name = `${prefix}${str(artifact.name)}`;
    if (str(artifact.from) === '' && !hasLocationOrKey(artifact)) {
      problems.push({ path: at, message: `${name}.from, artifact location, or key is required` });
    }
    if (str(artifact.from) !== '' && str(artifact.fromExpression) !== '') {
      problems.push({ path: at, message: `${name} shouldn't have both \`from\` and \`fromExpression\` in Artifact` });
    }
  }
  return problems;
}

/**
 * Argo's `ProcessArgs` check: the inputs of `template` that the arguments leave without a value, as
 * `inputs.parameters.<p> was not supplied` / `inputs.artifacts.<a> was not supplied`.
 */
export function missingInputs(template: Json, args: Json): string[] {
  const missing: string[] = [];
  const inputs = obj(template.inputs);
  const given = objects(args.parameters);
  for (const input of objects(inputs.parameters)) {
    const name = str(input.name);
    const arg = given.find((p) => str(p.name) === name);
    let hasValue = has(input, 'value') || has(input, 'default');
    let hasValueFrom = has(input, 'valueFrom');
    if (arg !== undefined) {
      if (has(arg, 'value')) hasValue = true;
      else hasValueFrom = has(arg, 'valueFrom');
    }
    if (!hasValue && !hasValueFrom) missing.push(`inputs.parameters.${name} was not supplied`);
  }
  const givenArtifacts = objects(args.artifacts);
  for (const input of objects(inputs.artifacts)) {
    const name = str(input.name);
    if (input.optional === true || hasLocationOrKey(input)) continue;
    if (!givenArtifacts.some((a) => str(a.name) === name)) missing.push(`inputs.artifacts.${name} was not supplied`);
  }
  return missing;
}

/** Argo's `MergeParameters`/`MergeArtifacts`: the Workflow's arguments, then the referenced template's by name. */
export function mergeArguments(own: Json, referenced: Json | undefined): Json {
  if (referenced === undefined) return own;
  const merge = (a: Json[], b: Json[]) => [...a, ...b.filter((x) => !a.some((y) => str(y.name) === str(x.name)))];
  return {
    parameters: merge(objects(own.parameters), objects(referenced.parameters)),
    artifacts: merge(objects(own.artifacts), objects(referenced.artifacts)),
  };
}
