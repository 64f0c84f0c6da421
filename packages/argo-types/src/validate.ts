import { kindDefinitions, schemaTableJson } from './generated/schema-table.js';
import type { SchemaNode, SchemaTable } from './schema-table.js';

/** One problem found in a manifest: where (a JSON path such as `spec.templates[3].container.image`) and what. */
export interface ValidationIssue {
  /** JSON path of the offending value, from the document root. Empty for the root itself. */
  readonly path: string;
  /** What is wrong and, where it can be known, what would be valid. */
  readonly message: string;
}

/** The outcome of {@link validateManifest}: every issue found, not just the first. */
export interface ValidationResult {
  /** True when the document has no issues. */
  readonly valid: boolean;
  /** The document's `kind`, when it has one. */
  readonly kind: string | undefined;
  /** Every issue, in document order. */
  readonly issues: readonly ValidationIssue[];
}

/** The kinds {@link validateManifest} accepts. */
export const workflowKinds: readonly string[] = Object.keys(kindDefinitions);

let table: SchemaTable | undefined;
function schemaTable(): SchemaTable {
  table ??= JSON.parse(schemaTableJson) as SchemaTable;
  return table;
}

/**
 * Validates a parsed Argo manifest (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow or
 * WorkflowEventBinding) against the Argo Workflows v4.1 JSON schema, the way `argo lint --strict` does:
 * wrong types, missing required fields, bad constants and unknown fields are all reported, each with its path.
 *
 * @example
 * ```ts
 * const result = validateManifest(parse(text));
 * for (const issue of result.issues) console.error(formatIssue(issue));
 * // spec.templates[3].container.image: expected string, got number
 * ```
 */
export function validateManifest(doc: unknown): ValidationResult {
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(doc)) {
    issues.push({ path: '', message: `expected an object, got ${describe(doc)}` });
    return { valid: false, kind: undefined, issues };
  }
  const kind = typeof doc.kind === 'string' ? doc.kind : undefined;
  const definition = kind !== undefined && Object.hasOwn(kindDefinitions, kind) ? kindDefinitions[kind] : undefined;
  if (definition === undefined) {
    const message =
      kind === undefined
        ? `required field missing; expected one of ${workflowKinds.join(', ')}`
        : `"${kind}" is not an Argo workflow kind; expected one of ${workflowKinds.join(', ')}`;
    issues.push({ path: 'kind', message });
    return { valid: false, kind, issues };
  }
  check({ ref: definition }, doc, '', issues, undefined);
  return { valid: issues.length === 0, kind, issues };
}

/** Renders an issue as `path: message`. */
export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

const WORKFLOW_SPEC = 'io.argoproj.workflow.v1alpha1.WorkflowSpec';

/** Defaults that apply to every item of an array (`spec.templateDefaults` to each of `spec.templates`). */
class EachItem {
  constructor(readonly defaults: Record<string, unknown>) {}
}

/** A partial object (`spec.templateDefaults`): nothing in it is required, it only fills in other objects. */
const PARTIAL = Symbol('partial');

/**
 * What fills a missing field at the position being checked: the controller merges `spec.templateDefaults` into
 * every template before it runs, so a field the defaults give is not missing from the template.
 */
type Defaults = Record<string, unknown> | EachItem | typeof PARTIAL | undefined;

function specDefaults(value: unknown): Defaults {
  if (!isPlainObject(value)) return undefined;
  if (!isPlainObject(value.templateDefaults)) return { templateDefaults: PARTIAL };
  return { templates: new EachItem(value.templateDefaults), templateDefaults: PARTIAL };
}

function childDefaults(defaults: Defaults, key: string): Defaults {
  if (defaults === PARTIAL) return PARTIAL;
  if (!isPlainObject(defaults)) return undefined;
  const child = defaults[key];
  return isPlainObject(child) || child instanceof EachItem || child === PARTIAL ? child : undefined;
}

function check(node: SchemaNode, value: unknown, path: string, issues: ValidationIssue[], defaults: Defaults): void {
  if ('ref' in node) {
    const target = schemaTable()[node.ref];
    if (target === undefined) throw new Error(`argo-types: the schema table has no definition ${node.ref}`);
    check(target, value, path, issues, node.ref === WORKFLOW_SPEC ? specDefaults(value) : defaults);
    return;
  }
  if (node.c !== undefined && value !== node.c) {
    issues.push({ path, message: `expected ${JSON.stringify(node.c)}, got ${JSON.stringify(value)}` });
    return;
  }
  if (node.e !== undefined && !node.e.includes(value) && !isTemplated(value)) {
    const allowed = node.e.filter((v) => v !== '').map((v) => JSON.stringify(v));
    issues.push({ path, message: `expected one of ${allowed.join(', ')}, got ${describe(value)}` });
    return;
  }
  switch (node.t) {
    case 'any':
      return;
    case 's':
      if (typeof value !== 'string') issues.push({ path, message: `expected string, got ${describe(value)}` });
      return;
    case 'b':
      if (typeof value !== 'boolean') issues.push({ path, message: `expected boolean, got ${describe(value)}` });
      return;
    case 'i':
      if (!Number.isInteger(value)) issues.push({ path, message: `expected integer, got ${describe(value)}` });
      return;
    case 'n':
      if (typeof value !== 'number') issues.push({ path, message: `expected number, got ${describe(value)}` });
      return;
    case 'is':
      if (typeof value !== 'string' && typeof value !== 'number') {
        issues.push({ path, message: `expected string or number, got ${describe(value)}` });
      }
      return;
    case 'as':
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        issues.push({ path, message: `expected a string, number or boolean, got ${describe(value)}` });
      }
      return;
    case 'a':
      if (!Array.isArray(value)) {
        issues.push({ path, message: `expected array, got ${describe(value)}` });
        return;
      }
      for (let i = 0; i < value.length; i++) {
        const each = defaults instanceof EachItem ? defaults.defaults : defaults === PARTIAL ? PARTIAL : undefined;
        if (node.i !== undefined) check(node.i, value[i], `${path}[${i}]`, issues, each);
      }
      return;
    case 'o':
      checkObject(node, value, path, issues, defaults);
      return;
  }
}

function checkObject(
  node: Extract<SchemaNode, { t: string }>,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  defaults: Defaults,
): void {
  if (!isPlainObject(value)) {
    issues.push({ path, message: `expected object, got ${describe(value)}` });
    return;
  }
  const properties = node.p ?? {};
  for (const key of defaults === PARTIAL ? [] : (node.r ?? [])) {
    if (value[key] === undefined || value[key] === null) {
      const given = isPlainObject(defaults) ? defaults[key] : undefined;
      if (given !== undefined && given !== null) continue;
      issues.push({ path: join(path, key), message: 'required field missing' });
    }
  }
  for (const [key, child] of Object.entries(value)) {
    // Kubernetes treats an explicit null as an absent optional field.
    if (child === null || child === undefined) continue;
    // hasOwn: a key such as `toString` must not find Object.prototype's member.
    const schema = Object.hasOwn(properties, key) ? properties[key] : node.a;
    if (schema !== undefined) {
      check(schema, child, join(path, key), issues, childDefaults(defaults, key));
      continue;
    }
    const hint = closest(key, Object.keys(properties));
    issues.push({ path: join(path, key), message: `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}` });
  }
}

const identifier = /^[A-Za-z_$][\w$-]*$/;
function join(path: string, key: string): string {
  if (!identifier.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A string holding an Argo `{{…}}` reference is resolved at run time, so it cannot be checked here. */
function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `number ${value}`;
  return typeof value === 'object' ? 'object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** The candidate within edit distance 2 of `word`, if there is exactly one best. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(current[j - 1]! + 1, previous[j]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}
