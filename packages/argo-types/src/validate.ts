import type { SchemaNode, SchemaTable } from './schema-table.js';
import { type ArgoVersion, defaultArgoVersion, newestKinds, versionNote, versionSchema } from './versions.js';

/**
 * One problem found in a manifest: where (a JSON path such as `spec.templates[3].container.image`) and what.
 * @example
 * ```ts
 * import { formatIssue, validateManifest, type ValidationIssue } from '@sluice/argo-types';
 *
 * const issues: readonly ValidationIssue[] = validateManifest({ kind: 'Workflow', spec: { templates: 3 } }).issues;
 * for (const issue of issues) console.error(`${issue.path}: ${issue.message}`, formatIssue(issue));
 * ```
 */
export interface ValidationIssue {
  /** JSON path of the offending value, from the document root. Empty for the root itself. */
  readonly path: string;
  /** What is wrong and, where it can be known, what would be valid. */
  readonly message: string;
}

/**
 * The outcome of {@link validateManifest}: every issue found, not just the first.
 * @example
 * ```ts
 * import { validateManifest, type ValidationResult } from '@sluice/argo-types';
 *
 * const result: ValidationResult = validateManifest({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', spec: {} });
 * if (!result.valid) console.error(`${result.kind}: ${result.issues.length} problems`);
 * ```
 */
export interface ValidationResult {
  /** True when the document has no issues. */
  readonly valid: boolean;
  /** The document's `kind`, when it has one. */
  readonly kind: string | undefined;
  /** Every issue, in document order. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * The kinds {@link validateManifest} accepts.
 * @example
 * ```ts
 * import { workflowKinds } from '@sluice/argo-types';
 *
 * workflowKinds.includes('CronWorkflow'); // true
 * ```
 */
export const workflowKinds: readonly string[] = newestKinds;

/**
 * Options of {@link validateManifest}.
 * @example
 * ```ts
 * import { loadArgoSchema, validateManifest, type ValidateOptions } from '@sluice/argo-types';
 *
 * await loadArgoSchema('3.7');
 * const options: ValidateOptions = { argoVersion: '3.7' };
 * validateManifest({ kind: 'Workflow', spec: { entrypoint: 'main', templates: [] } }, options);
 * ```
 */
export interface ValidateOptions {
  /**
   * The Argo release to validate for (default: the newest). Its schema must be loaded first with
   * `await loadArgoSchema(version)`; the newest always is.
   */
  readonly argoVersion?: ArgoVersion;
}

/**
 * Validates a parsed Argo manifest (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow or
 * WorkflowEventBinding) against the JSON schema of an Argo Workflows release, the way `argo lint --strict` decodes
 * it: wrong types, missing required fields, bad constants and unknown fields are all reported, each with its path.
 * Values are typed as Argo's Go types decode them (`AnyString` parameter values take numbers and booleans),
 * `spec.templateDefaults` fill what a template leaves out, and a field that only other releases have says so
 * (`spec.schedules: not in Argo 3.5 (added in 3.6)`).
 * @example
 * ```ts
 * import { formatIssue, loadArgoSchema, validateManifest } from '@sluice/argo-types';
 * import { parse } from 'yaml';
 *
 * const text = 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n  - name: a\n    container: {image: 3}\n';
 * const result = validateManifest(parse(text));
 * for (const issue of result.issues) console.error(formatIssue(issue));
 * // spec.templates[0].container.image: expected string, got number
 * await loadArgoSchema('3.7');
 * validateManifest(parse(text), { argoVersion: '3.7' });
 * ```
 */
export function validateManifest(doc: unknown, options: ValidateOptions = {}): ValidationResult {
  const version = options.argoVersion ?? defaultArgoVersion;
  const { kinds, table } = versionSchema(version);
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(doc)) {
    issues.push({ path: '', message: `expected an object, got ${describe(doc)}` });
    return { valid: false, kind: undefined, issues };
  }
  const kind = typeof doc.kind === 'string' ? doc.kind : undefined;
  const definition = kind !== undefined && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  if (definition === undefined) {
    const names = Object.keys(kinds).join(', ');
    const message =
      kind === undefined
        ? `required field missing; expected one of ${names}`
        : `"${kind}" is not an Argo workflow kind; expected one of ${names}`;
    issues.push({ path: 'kind', message });
    return { valid: false, kind, issues };
  }
  new Walk(table, version, issues).check({ ref: definition }, doc, '', undefined, {});
  return { valid: issues.length === 0, kind, issues };
}

/**
 * Renders an issue as `path: message`.
 * @example
 * ```ts
 * import { formatIssue } from '@sluice/argo-types';
 *
 * formatIssue({ path: 'spec.entrypoint', message: 'expected string, got number' }); // 'spec.entrypoint: expected string, got number'
 * ```
 */
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

/**
 * Where a value sits in the schema, to say which release has a field another lacks: `definition` is the short
 * name of the definition being checked, `via` the `<Definition>.<property>` that led to it.
 */
interface Origin {
  readonly definition?: string;
  readonly via?: string;
}

function shortName(definition: string): string {
  return definition
    .replace(/~.*$/, '')
    .replace('io.argoproj.workflow.v1alpha1.', '')
    .replace(/^io\.k8s\.(api\.core\.v1|apimachinery\.pkg\.apis\.meta\.v1)\./, '');
}

class Walk {
  constructor(
    private readonly table: SchemaTable,
    private readonly version: ArgoVersion,
    private readonly issues: ValidationIssue[],
  ) {}

  check(node: SchemaNode, value: unknown, path: string, defaults: Defaults, origin: Origin): void {
    const issues = this.issues;
    if ('ref' in node) {
      const target = this.table[node.ref];
      if (target === undefined) throw new Error(`argo-types: the schema table has no definition ${node.ref}`);
      const next = node.ref === WORKFLOW_SPEC ? specDefaults(value) : defaults;
      this.check(target, value, path, next, { ...origin, definition: shortName(node.ref) });
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
        // AnyString.UnmarshalJSON keeps the text of a string, number or boolean and never fails: an object, an
        // array or null decodes to the empty string.
        return;
      case 'a':
        if (!Array.isArray(value)) {
          issues.push({ path, message: `expected array, got ${describe(value)}` });
          return;
        }
        for (let i = 0; i < value.length; i++) {
          const each = defaults instanceof EachItem ? defaults.defaults : defaults === PARTIAL ? PARTIAL : undefined;
          if (node.i !== undefined) this.check(node.i, value[i], `${path}[${i}]`, each, origin);
        }
        return;
      case 'o':
        this.checkObject(node, value, path, defaults, origin);
        return;
    }
  }

  private checkObject(
    node: Extract<SchemaNode, { t: string }>,
    value: unknown,
    path: string,
    defaults: Defaults,
    origin: Origin,
  ): void {
    const issues = this.issues;
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
        const via = origin.definition === undefined ? undefined : `${origin.definition}.${key}`;
        this.check(schema, child, join(path, key), childDefaults(defaults, key), { ...(via ? { via } : {}) });
        continue;
      }
      const hint = closest(key, Object.keys(properties));
      const keys = [origin.definition, origin.via].filter((k) => k !== undefined).map((k) => `${k}.${key}`);
      const note = versionNote(this.version, keys, hint);
      const message = note ?? `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}`;
      issues.push({ path: join(path, key), message });
    }
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
