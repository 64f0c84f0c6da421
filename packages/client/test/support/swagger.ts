import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a Swagger 2.0 schema the Argo spec uses. */
export interface SwaggerSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, SwaggerSchema>>;
  readonly additionalProperties?: SwaggerSchema | boolean;
  readonly items?: SwaggerSchema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
}

/** One parameter of an operation. */
export interface SwaggerParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'body' | 'header';
  readonly type?: string;
  readonly format?: string;
  readonly items?: SwaggerSchema;
  readonly enum?: readonly string[];
  readonly required?: boolean;
  readonly schema?: SwaggerSchema;
}

/** One operation (method + path). */
export interface SwaggerOperation {
  readonly operationId: string;
  readonly parameters?: readonly SwaggerParameter[];
  readonly responses: Readonly<Record<string, { schema?: SwaggerSchema }>>;
}

/** The Argo Server spec. */
export interface SwaggerSpec {
  readonly paths: Readonly<Record<string, Readonly<Record<string, SwaggerOperation>>>>;
  readonly definitions: Readonly<Record<string, SwaggerSchema>>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The directory of the upstream Argo material: `ARGO_SPEC_DIR`, else `../shared/argo` beside the repository. */
export const argoSpecDir = path.resolve(repoRoot, process.env.ARGO_SPEC_DIR ?? '../shared/argo');

const cached = new Map<string, SwaggerSpec>();

/** The older releases whose swagger.json is under `versions/<tag>/`, by tag. */
export const OLDER_RELEASES = ['v3.5.15', 'v3.6.19', 'v3.7.18', 'v4.0.10'] as const;

/**
 * Reads the Argo Server's swagger.json (once per process and release): the newest, or an older release's by its tag
 * (one of {@link OLDER_RELEASES}).
 */
export function loadSwagger(release?: string): SwaggerSpec {
  const dir =
    release === undefined || !OLDER_RELEASES.some((r) => r === release)
      ? argoSpecDir
      : path.join(argoSpecDir, 'versions', release);
  let spec = cached.get(dir);
  if (spec === undefined) {
    spec = JSON.parse(readFileSync(path.join(dir, 'swagger.json'), 'utf8')) as SwaggerSpec;
    cached.set(dir, spec);
  }
  return spec;
}

/** Where a value breaks a schema. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** Types the Kubernetes API accepts as numbers too, though the spec says string. */
const numericStrings = new Set([
  '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity',
]);

/**
 * Checks a value against a swagger schema. `strict` rejects properties the schema does not define (what the
 * contract server applies to requests); responses are checked strictly too, since the server builds them.
 */
export function checkSchema(
  spec: SwaggerSpec,
  schema: SwaggerSchema,
  value: unknown,
  where: string,
  issues: SchemaIssue[] = [],
): SchemaIssue[] {
  if (schema.$ref !== undefined) {
    if (numericStrings.has(schema.$ref) && typeof value === 'number') return issues;
    const name = schema.$ref.replace('#/definitions/', '');
    const target = spec.definitions[name];
    if (target === undefined) throw new Error(`swagger.json has no definition ${name}`);
    return checkSchema(spec, target, value, where, issues);
  }
  if (value === null) return issues;
  const fail = (message: string) => {
    issues.push({ path: where, message });
    return issues;
  };
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    return fail(
      `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  switch (schema.type) {
    case undefined:
      return issues;
    case 'string':
      if (typeof value !== 'string') return fail(`expected string, got ${typeof value}`);
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return fail('expected an RFC 3339 time');
      return issues;
    case 'boolean':
      return typeof value === 'boolean' ? issues : fail(`expected boolean, got ${typeof value}`);
    case 'integer':
      return Number.isInteger(value) ? issues : fail(`expected integer, got ${JSON.stringify(value)}`);
    case 'number':
      return typeof value === 'number' ? issues : fail(`expected number, got ${typeof value}`);
    case 'array':
      if (!Array.isArray(value)) return fail(`expected array, got ${typeof value}`);
      value.forEach((item, i) => {
        if (schema.items) checkSchema(spec, schema.items, item, `${where}[${i}]`, issues);
      });
      return issues;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return fail(`expected object, got ${typeof value}`);
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (record[key] === undefined) issues.push({ path: join(where, key), message: 'required field missing' });
      }
      for (const [key, child] of Object.entries(record)) {
        if (child === undefined) continue;
        const property = schema.properties?.[key];
        if (property !== undefined) checkSchema(spec, property, child, join(where, key), issues);
        else if (typeof schema.additionalProperties === 'object') {
          checkSchema(spec, schema.additionalProperties, child, join(where, key), issues);
        } else if (schema.properties !== undefined && schema.additionalProperties !== true) {
          issues.push({ path: join(where, key), message: 'unknown field (not in the spec)' });
        }
      }
      return issues;
    }
    default:
      return fail(`unsupported schema type ${schema.type}`);
  }
}

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}
