import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argoVersions,
  defaultArgoVersion,
  formatIssue,
  loadArgoSchema,
  parseArgoVersion,
  validateManifest,
} from '../src/index.js';

const cron = (spec: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'CronWorkflow',
  metadata: { name: 'nightly' },
  spec: {
    ...spec,
    workflowSpec: {
      entrypoint: 'main',
      templates: [{ name: 'main', container: { image: 'alpine:3.20', command: ['true'] } }],
    },
  },
});

const withSync = (synchronization: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { generateName: 'sync-' },
  spec: {
    entrypoint: 'main',
    synchronization,
    templates: [{ name: 'main', container: { image: 'alpine:3.20', command: ['true'] } }],
  },
});

const messages = (doc: unknown, argoVersion: (typeof argoVersions)[number]) =>
  validateManifest(doc, { argoVersion }).issues.map(formatIssue);

describe('Argo versions', () => {
  it('supports 3.5 to 4.1, newest by default', () => {
    expect(argoVersions).toEqual(['3.5', '3.6', '3.7', '4.0', '4.1']);
    expect(defaultArgoVersion).toBe('4.1');
  });

  it('reads versions as people write them', () => {
    expect(parseArgoVersion('3.7')).toBe('3.7');
    expect(parseArgoVersion('v3.6.19')).toBe('3.6');
    expect(parseArgoVersion('v4.1.0-rc2')).toBe('4.1');
    expect(parseArgoVersion('2.12')).toBeUndefined();
    expect(parseArgoVersion('latest')).toBeUndefined();
  });

  it('parses the release line of any well-formed tag of a supported release', () => {
    fc.assert(
      fc.property(fc.constantFrom(...argoVersions), fc.nat(99), fc.boolean(), (line, patch, v) => {
        expect(parseArgoVersion(`${v ? 'v' : ''}${line}.${patch}`)).toBe(line);
      }),
    );
  });

  it('says how to load a release that is not loaded yet', () => {
    // 3.5 is loaded by no other test before this one in this file.
    expect(() => validateManifest(cron({ schedule: '* * * * *' }), { argoVersion: '3.5' })).toThrow(
      "the Argo 3.5 schema is not loaded: call `await loadArgoSchema('3.5')` first",
    );
  });

  it('CronWorkflow schedule vs schedules, per release', async () => {
    for (const v of argoVersions) await loadArgoSchema(v);
    expect(messages(cron({ schedule: '0 2 * * *' }), '3.5')).toEqual([]);
    expect(messages(cron({ schedules: ['0 2 * * *'] }), '3.5')).toEqual([
      'spec.schedule: required field missing',
      'spec.schedules: not in Argo 3.5 (added in 3.6)',
    ]);
    expect(messages(cron({ schedules: ['0 2 * * *'] }), '3.6')).toEqual([]);
    expect(messages(cron({ schedule: '0 2 * * *' }), '3.7')).toEqual([]);
    expect(messages(cron({ schedule: '0 2 * * *' }), '4.0')).toEqual([
      'spec.schedules: required field missing',
      'spec.schedule: not in Argo 4.0 (removed in 4.0; use schedules)',
    ]);
    expect(messages(cron({ schedule: '0 2 * * *' }), '4.1')).toContain(
      'spec.schedule: not in Argo 4.1 (removed in 4.0; use schedules)',
    );
  });

  it('synchronization.semaphore and semaphores, per release', async () => {
    for (const v of argoVersions) await loadArgoSchema(v);
    const singular = withSync({ semaphore: { configMapKeyRef: { name: 'c', key: 'k' } } });
    const plural = withSync({ semaphores: [{ configMapKeyRef: { name: 'c', key: 'k' } }] });
    expect(messages(singular, '3.5')).toEqual([]);
    expect(messages(singular, '3.7')).toEqual([]);
    expect(messages(singular, '4.0')).toEqual([
      'spec.synchronization.semaphore: not in Argo 4.0 (removed in 4.0; use semaphores)',
    ]);
    expect(messages(plural, '3.5')).toEqual(['spec.synchronization.semaphores: not in Argo 3.5 (added in 3.6)']);
    expect(messages(plural, '3.6')).toEqual([]);
    expect(messages(plural, '4.1')).toEqual([]);
  });

  it('memoize.cache.configMap.key: a ConfigMapKeySelector up to 3.7, a LocalObjectReference from 4.0', async () => {
    for (const v of argoVersions) await loadArgoSchema(v);
    const memoized = withSync({});
    const spec = memoized.spec as { templates: Record<string, unknown>[] };
    spec.templates[0]!.memoize = { key: 'k', maxAge: '1h', cache: { configMap: { name: 'cache', key: 'entries' } } };
    expect(messages(memoized, '3.7')).toEqual([]);
    expect(messages(memoized, '4.0')).toEqual([
      'spec.templates[0].memoize.cache.configMap.key: not in Argo 4.0 (removed in 4.0)',
    ]);
  });

  it('a field no release has is an unknown field, in every release', async () => {
    for (const v of argoVersions) {
      await loadArgoSchema(v);
      expect(messages(withSync({ semaphor: {} }), v)[0]).toMatch(/^spec\.synchronization\.semaphor: unknown field/);
    }
  });
});
