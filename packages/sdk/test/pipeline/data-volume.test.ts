import type { Template, Volume, VolumeMount } from '@sluice/argo-types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PipelineOptions, pipeline } from '../../src/pipeline/index.js';
import {
  baseOptions,
  buildFeatures,
  extract,
  fullPipeline,
  loadFeatures,
  validateFeatures,
  validateRaw,
} from './fixtures.js';
import { manifest, template } from './helpers.js';

type Options = Partial<PipelineOptions<typeof baseOptions.parameters>>;

const dataVolume = { name: 'sluice-data', persistentVolumeClaim: { claimName: 'cf-data' } };
const dataMount = { name: 'sluice-data', mountPath: '/var/sluice/data' };

/** The pod spec of a Job (`spec.template.spec`) or of a PyTorchJob's master replica. */
function podOf(t: Template): { volumes: Volume[]; containers: { volumeMounts: VolumeMount[] }[] } {
  const m = manifest(t) as {
    spec: {
      template?: { spec: ReturnType<typeof podOf> };
      pytorchReplicaSpecs?: { Master: { template: { spec: ReturnType<typeof podOf> } } };
    };
  };
  const spec = m.spec.template?.spec ?? m.spec.pytorchReplicaSpecs?.Master.template.spec;
  if (spec === undefined) throw new Error(`template ${t.name} creates no pods`);
  return spec;
}

describe('the shared data root (data)', () => {
  it('is not mounted by default: the pipeline declares no shared storage it was not given', () => {
    const t = template(fullPipeline().compile(), 'transform');
    expect(t.volumes?.some((v) => v.name === 'sluice-data')).toBe(false);
    expect(t.container?.volumeMounts?.some((m) => m.name === 'sluice-data')).toBe(false);
  });

  it('{ claimName } mounts the claim at /var/sluice/data in every stage pod', () => {
    const compiled = fullPipeline({ data: { claimName: 'cf-data' } }).compile();
    for (const name of ['extract', 'validate-raw', 'transform', 'validate-features', 'load']) {
      const t = template(compiled, name);
      expect(t.volumes, name).toContainEqual(dataVolume);
      expect(t.container?.volumeMounts, name).toContainEqual(dataMount);
    }
    const train = podOf(template(compiled, 'train'));
    expect(train.volumes).toContainEqual(dataVolume);
    expect(train.containers[0]?.volumeMounts).toContainEqual(dataMount);
  });

  it('reaches the pods of an Indexed Job transform', () => {
    const compiled = pipeline('customer-features', {
      ...baseOptions,
      data: { claimName: 'cf-data', mountPath: '/data/' },
    })
      .extract(extract)
      .validate(validateRaw)
      .transform(buildFeatures, { parallel: 4, as: 'indexed-job' })
      .validate(validateFeatures)
      .load(loadFeatures)
      .compile();
    const pod = podOf(template(compiled, 'transform'));
    expect(pod.volumes).toContainEqual(dataVolume);
    expect(pod.containers[0]?.volumeMounts).toContainEqual({ name: 'sluice-data', mountPath: '/data' });
  });

  it.each([
    [{ claimName: 'Data!' }, 'data.claimName "Data!" is not a PersistentVolumeClaim name'],
    [{ claimName: 'd', mountPath: 'data' }, 'data.mountPath "data" must be an absolute path'],
    [{ claimName: 'd', mountPath: '/tmp/data' }, 'data.mountPath "/tmp/data" overlaps /tmp'],
    [{ claimName: 'd', mountPath: '/var/sluice' }, 'data.mountPath "/var/sluice" overlaps /var/sluice/checkpoints'],
  ] as const)('refuses %j naming the pipeline and the field', (data, message) => {
    expect(() => fullPipeline({ data } as Options).compile()).toThrow(`pipeline customer-features: ${message}`);
  });

  it('never mounts two volumes at one path, whatever the mount path (property)', () => {
    const segment = fc.stringMatching(/^[a-z]{1,6}$/);
    const mountPath = fc.array(fc.oneof(segment, fc.constantFrom('tmp', 'var', 'sluice', 'run')), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(mountPath, (parts) => {
        const path = `/${parts.join('/')}`;
        let mounts: readonly VolumeMount[];
        try {
          mounts =
            template(fullPipeline({ data: { claimName: 'd', mountPath: path } }).compile(), 'extract').container
              ?.volumeMounts ?? [];
        } catch (error) {
          expect(String(error)).toContain('data.mountPath');
          return;
        }
        const paths = mounts.map((m) => m.mountPath);
        for (const a of paths)
          for (const b of paths) if (a !== b) expect(b.startsWith(`${a}/`), `${a} contains ${b}`).toBe(false);
      }),
      { numRuns: 60, seed: 5 },
    );
  });
});
