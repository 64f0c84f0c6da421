import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, validateManifest, workflowKinds } from '../src/index.js';

const hello = () => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { generateName: 'hello-', labels: { 'app.kubernetes.io/name': 'hello' } },
  spec: {
    entrypoint: 'main',
    templates: [
      {
        name: 'main',
        retryStrategy: { limit: 3 },
        container: { image: 'alpine:3.20', command: ['echo'], resources: { limits: { cpu: 1, memory: '64Mi' } } },
      },
    ],
  },
});

describe('validateManifest', () => {
  it('accepts a valid Workflow, with numbers where Kubernetes takes int-or-string and quantities', () => {
    expect(validateManifest(hello())).toEqual({ valid: true, kind: 'Workflow', issues: [] });
  });

  it('reports every issue, each with its JSON path', () => {
    const doc = hello();
    const template = doc.spec.templates[0] as Record<string, unknown>;
    template.container = { command: 'echo', imagePullPolicy: 'Sometimes', colour: 'red' };
    template.retryStrategy = { limit: [] };
    const result = validateManifest(doc);
    expect(result.valid).toBe(false);
    expect(result.issues.map(formatIssue)).toEqual([
      'spec.templates[0].retryStrategy.limit: expected string or number, got array',
      'spec.templates[0].container.image: required field missing',
      'spec.templates[0].container.command: expected array, got string "echo"',
      'spec.templates[0].container.imagePullPolicy: expected one of "Always", "Never", "IfNotPresent", got string "Sometimes"',
      'spec.templates[0].container.colour: unknown field',
    ]);
  });

  it('quotes keys that are not identifiers in paths', () => {
    const doc = hello();
    (doc.metadata.labels as Record<string, unknown>)['app.kubernetes.io/name'] = 3;
    expect(validateManifest(doc).issues.map(formatIssue)).toEqual([
      'metadata.labels["app.kubernetes.io/name"]: expected string, got number 3',
    ]);
  });

  it('skips enum checks for values Argo resolves at run time', () => {
    const doc = hello();
    (doc.spec.templates[0]!.container as Record<string, unknown>).imagePullPolicy = '{{inputs.parameters.policy}}';
    expect(validateManifest(doc).valid).toBe(true);
  });

  it('names the kinds it accepts when the kind is missing or foreign', () => {
    expect(validateManifest({ kind: 'ConfigMap' }).issues.map(formatIssue)).toEqual([
      `kind: "ConfigMap" is not an Argo workflow kind; expected one of ${workflowKinds.join(', ')}`,
    ]);
    expect(validateManifest({}).issues[0]?.path).toBe('kind');
    expect(validateManifest([]).issues.map(formatIssue)).toEqual(['expected an object, got array']);
  });

  it('treats explicit nulls as absent optional fields, but not as present required ones', () => {
    const doc = hello() as Record<string, unknown>;
    (doc.metadata as Record<string, unknown>).annotations = null;
    expect(validateManifest(doc).valid).toBe(true);
    doc.spec = null;
    expect(validateManifest(doc).issues.map(formatIssue)).toEqual(['spec: required field missing']);
  });

  it('reports a field named like an Object.prototype member as unknown (found by the property below)', () => {
    // JSON.parse makes own properties named like Object.prototype members, as a parsed manifest would have.
    const own = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;
    const base = hello();
    const doc = { ...base, spec: { ...base.spec, ...own('{"constructor": "x"}') }, ...own('{"toString": {}}') };
    expect(validateManifest(doc).issues.map(formatIssue)).toEqual([
      'spec.constructor: unknown field',
      'toString: unknown field',
    ]);
    expect(validateManifest({ kind: 'hasOwnProperty' }).issues[0]?.path).toBe('kind');
  });

  it('never throws and always reports an unknown top-level field, whatever its value', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1 })
          .filter((k) => !['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k) && k !== '__proto__'),
        fc.jsonValue(),
        (key, value) => {
          const doc: Record<string, unknown> = hello();
          doc[key] = value;
          const issues = validateManifest(doc).issues;
          return value === null || issues.some((i) => i.message.startsWith('unknown field'));
        },
      ),
    );
  });
});
