import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { forArgoVersion, kubernetesObject } from '../src/index.js';

describe('kubernetesObject()', () => {
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'scratch' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };

  it('compiles to the object as it is, as YAML and JSON, and names it', () => {
    const b = kubernetesObject(claim);
    expect(b.kind).toBe('PersistentVolumeClaim');
    expect(b.name).toBe('scratch');
    expect(b.toObject()).toEqual(claim);
    expect(YAML.parse(b.toYaml())).toEqual(claim);
    expect(JSON.parse(b.toJson())).toEqual(claim);
  });

  it('is not changed by changes to the object it was given or to what toObject() returned', () => {
    const given = structuredClone(claim);
    const b = kubernetesObject(given);
    given.metadata.name = 'changed';
    (b.toObject() as { metadata: { name: string } }).metadata.name = 'changed too';
    expect(b.name).toBe('scratch');
  });

  it('refuses an object without apiVersion, kind or metadata, naming what is missing', () => {
    expect(() => kubernetesObject({ kind: 'ConfigMap' } as never)).toThrow(/needs an `apiVersion` and a `kind`/);
    expect(() => kubernetesObject({ apiVersion: 'v1', kind: 'ConfigMap' })).toThrow(/ConfigMap needs `metadata`/);
  });
});

describe('forArgoVersion(…, { check: false })', () => {
  it('renames an older release’s fields to the newest form without checking the schema', () => {
    // `memoize.cache.configMap.key` was removed in Argo 4.0.
    const memo = { name: 'a', memoize: { key: 'k', cache: { configMap: { name: 'c', key: 'gone' } } }, container: {} };
    const cron = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: 'x' },
      spec: { schedule: '0 2 * * *', workflowSpec: { synchronization: { mutex: { name: 'm' } }, templates: [memo] } },
    };
    expect(forArgoVersion(cron, '4.1', { check: false }).spec).toEqual({
      schedules: ['0 2 * * *'],
      workflowSpec: { synchronization: { mutexes: [{ name: 'm' }] }, templates: [memo] },
    });
    expect(() => forArgoVersion(cron, '4.1')).toThrow(/cannot target Argo 4\.1/);
  });
});
