import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  container,
  emptyDir,
  env,
  lint,
  parseYamlDocuments,
  resources,
  secretVolume,
  volume,
  workflow,
} from '../src/index.js';
import { parseQuantity } from '../src/model/quantity.js';

describe('Kubernetes shorthands compile to the Argo a person would write', () => {
  it('env.fromSecret, env.fromConfigMap and env.fromField', () => {
    expect(env.fromSecret('API_TOKEN', 'vendor', 'token')).toEqual({
      name: 'API_TOKEN',
      valueFrom: { secretKeyRef: { name: 'vendor', key: 'token' } },
    });
    expect(env.fromConfigMap('LOG_LEVEL', 'settings', 'log-level', { optional: true })).toEqual({
      name: 'LOG_LEVEL',
      valueFrom: { configMapKeyRef: { name: 'settings', key: 'log-level', optional: true } },
    });
    expect(env.fromField('POD', 'metadata.name')).toEqual({
      name: 'POD',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    });
  });

  it('volume(): the claim template and its mount, named alike', () => {
    expect(volume({ name: 'work', size: '20Gi', mountPath: '/work' })).toEqual({
      claim: {
        metadata: { name: 'work' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
      },
      mount: { name: 'work', mountPath: '/work' },
    });
    expect(() => volume({ name: 'work', size: '20 GB', mountPath: '/work' })).toThrow(
      'volume "work": size "20 GB" is not a Kubernetes quantity (e.g. 500Mi, 20Gi)',
    );
  });

  it('emptyDir() and secretVolume()', () => {
    expect(emptyDir({ name: 'tmp', mountPath: '/tmp', medium: 'Memory', sizeLimit: '512Mi' })).toEqual({
      volume: { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '512Mi' } },
      mount: { name: 'tmp', mountPath: '/tmp' },
    });
    expect(secretVolume({ secret: 'db', mountPath: '/var/run/secrets/db' })).toEqual({
      volume: { name: 'db', secret: { secretName: 'db', defaultMode: 0o400 } },
      mount: { name: 'db', mountPath: '/var/run/secrets/db', readOnly: true },
    });
  });

  it('resources(): requests and limits, GPUs alike in both', () => {
    expect(resources({ cpu: { request: '2', limit: '4' }, memory: '16Gi', gpus: 1 })).toEqual({
      requests: { cpu: '2', memory: '16Gi', 'nvidia.com/gpu': '1' },
      limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' },
    });
    expect(resources({ gpus: 2, gpuResource: 'amd.com/gpu' }).limits).toEqual({ 'amd.com/gpu': '2' });
    expect(() => resources({ memory: { request: '4Gi', limit: '2Gi' } })).toThrow(
      'resources: memory request 4Gi is more than its limit 2Gi',
    );
    expect(() => resources({ cpu: 'lots' })).toThrow('resources: cpu "lots" is not a Kubernetes quantity');
    expect(() => resources({ gpus: 0.5 })).toThrow('gpus must be a whole number');
  });

  it('resources() never gives a request above its limit', () => {
    const milli = fc.integer({ min: 1, max: 64_000 });
    fc.assert(
      fc.property(milli, milli, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const r = resources({ cpu: { request: `${low}m`, limit: `${high}m` } });
        expect(parseQuantity(String(r.requests?.cpu))).toBeLessThanOrEqual(parseQuantity(String(r.limits?.cpu)) ?? 0);
        if (low < high) expect(() => resources({ cpu: { request: `${high}m`, limit: `${low}m` } })).toThrow();
      }),
    );
  });

  it('a workflow built from them lints clean, policy included', () => {
    const work = volume({ name: 'work', size: '20Gi', mountPath: '/work' });
    const scratch = emptyDir({ name: 'tmp', mountPath: '/tmp' });
    const db = secretVolume({ secret: 'warehouse-db', mountPath: '/var/run/secrets/warehouse-db' });
    const step = container({
      name: 'step',
      volumes: [scratch.volume, db.volume],
      container: {
        image: 'busybox:1.36',
        command: ['ls', '/work'],
        env: [env.fromConfigMap('LOG_LEVEL', 'settings', 'log-level')],
        volumeMounts: [work.mount, scratch.mount, db.mount],
        resources: resources({ cpu: { request: '250m', limit: '1' }, memory: '256Mi' }),
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 10001,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
      },
    });
    const labels = { team: 'data', 'app.kubernetes.io/part-of': 'etl' };
    const wf = workflow({ generateName: 'etl-', labels })
      .set({ volumeClaimTemplates: [work.claim], podMetadata: { labels } })
      .entrypoint(step);
    const [doc] = parseYamlDocuments(wf.toYaml());
    const [result] = lint([{ source: 'wf.yaml', doc }], { policy: true });
    expect(result?.errors).toEqual([]);
  });
});
