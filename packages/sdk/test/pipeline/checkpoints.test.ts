import type { Template, Volume } from '@sluice/argo-types';
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

/** The pipeline with a 4-way Indexed Job transform and training: every kind of pod the layer creates. */
function withIndexedJob(options: Options = {}) {
  return pipeline('customer-features', { ...baseOptions, ...options })
    .extract(extract)
    .validate(validateRaw)
    .transform(buildFeatures, { parallel: 4, as: 'indexed-job' })
    .validate(validateFeatures)
    .load(loadFeatures)
    .train({ image: 'registry.example.com/ml/trainer:2.1.0', command: ['torchrun', 'train.py'] })
    .compile();
}

/** The pod spec volumes of a Job (`spec.template.spec`) or a PyTorchJob's master replica. */
function jobVolumes(t: Template): Volume[] {
  const m = manifest(t) as {
    spec: {
      template?: { spec: { volumes: Volume[] } };
      pytorchReplicaSpecs?: { Master: { template: { spec: { volumes: Volume[] } } } };
    };
  };
  const spec = m.spec.template?.spec ?? m.spec.pytorchReplicaSpecs?.Master.template.spec;
  if (spec === undefined) throw new Error(`template ${t.name} creates no pods`);
  return spec.volumes;
}

const checkpointVolumeOf = (volumes: readonly Volume[] | undefined) =>
  volumes?.find((v) => v.name === 'sluice-checkpoints');

describe('checkpoints survive pod restarts by default', () => {
  const compiled = fullPipeline().compile({ executionDate: '2026-03-01' });
  const spec = compiled.workflowTemplate.spec;

  it('the WorkflowTemplate owns a ReadWriteMany claim of 1Gi, kept when the run fails', () => {
    expect(spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'sluice-checkpoints', labels: compiled.workflowTemplate.metadata.labels },
        spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } },
      },
    ]);
    expect(spec.volumeClaimGC).toEqual({ strategy: 'OnWorkflowSuccess' });
  });

  it('the one-off Workflow carries the same claim', () => {
    expect(compiled.workflow?.spec.volumeClaimTemplates).toEqual(spec.volumeClaimTemplates);
    expect(compiled.workflow?.spec.volumeClaimGC).toEqual({ strategy: 'OnWorkflowSuccess' });
  });

  it('stage pods mount the claim by name and declare no emptyDir for checkpoints', () => {
    for (const name of ['extract', 'validate-raw', 'transform', 'validate-features', 'load']) {
      const t = template(compiled, name);
      expect(checkpointVolumeOf(t.volumes), name).toBeUndefined();
      expect(t.container?.volumeMounts, name).toContainEqual({
        name: 'sluice-checkpoints',
        mountPath: '/var/sluice/checkpoints',
      });
    }
  });

  it('Indexed Job and PyTorchJob pods name the claim Argo creates for the run', () => {
    const indexed = withIndexedJob();
    for (const name of ['transform', 'train'])
      expect(checkpointVolumeOf(jobVolumes(template(indexed, name))), name).toEqual({
        name: 'sluice-checkpoints',
        persistentVolumeClaim: { claimName: '{{workflow.name}}-sluice-checkpoints' },
      });
  });

  it('every checkpoint mount of an Argo pod names a declared volume or claim template', () => {
    for (const options of [{}, { checkpoints: false }, { checkpoints: { claimName: 'ckpt' } }] as Options[]) {
      const s = fullPipeline(options).compile().workflowTemplate.spec;
      const claims = new Set((s.volumeClaimTemplates ?? []).map((c) => c.metadata?.name));
      for (const t of s.templates ?? []) {
        const declared = new Set([...claims, ...(t.volumes ?? []).map((v) => v.name)]);
        for (const m of t.container?.volumeMounts ?? [])
          expect(declared.has(m.name), `${t.name}: ${m.name} with ${JSON.stringify(options)}`).toBe(true);
      }
    }
  });
});

describe('the checkpoints option', () => {
  it('{ storageClass, size, accessModes } shape the run’s claim', () => {
    const spec = fullPipeline({
      checkpoints: { storageClass: 'efs-sc', size: '5Gi', accessModes: ['ReadWriteOnce'] },
    }).compile().workflowTemplate.spec;
    expect(spec.volumeClaimTemplates?.[0]?.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'efs-sc',
      resources: { requests: { storage: '5Gi' } },
    });
  });

  it('{ claimName } mounts an existing claim in every pod and owns none', () => {
    const compiled = withIndexedJob({ checkpoints: { claimName: 'ckpt' } });
    const expected = { name: 'sluice-checkpoints', persistentVolumeClaim: { claimName: 'ckpt' } };
    expect(compiled.workflowTemplate.spec.volumeClaimTemplates).toBeUndefined();
    expect(compiled.workflowTemplate.spec.volumeClaimGC).toBeUndefined();
    expect(checkpointVolumeOf(template(compiled, 'extract').volumes)).toEqual(expected);
    expect(checkpointVolumeOf(jobVolumes(template(compiled, 'transform')))).toEqual(expected);
    expect(checkpointVolumeOf(jobVolumes(template(compiled, 'train')))).toEqual(expected);
  });

  it('false: an emptyDir per pod, no claim', () => {
    const compiled = withIndexedJob({ checkpoints: false });
    expect(compiled.workflowTemplate.spec.volumeClaimTemplates).toBeUndefined();
    expect(checkpointVolumeOf(template(compiled, 'extract').volumes)).toEqual({
      name: 'sluice-checkpoints',
      emptyDir: {},
    });
    expect(checkpointVolumeOf(jobVolumes(template(compiled, 'transform')))).toEqual({
      name: 'sluice-checkpoints',
      emptyDir: {},
    });
  });

  it.each([
    [{ size: 'lots' }, 'checkpoints.size "lots" is not a storage quantity'],
    [{ storageClass: 'EFS_SC' }, 'checkpoints.storageClass "EFS_SC" is not a StorageClass name'],
    [{ accessModes: [] }, 'checkpoints.accessModes is empty'],
    [{ claimName: 'Ckpt!' }, 'checkpoints.claimName "Ckpt!" is not a PersistentVolumeClaim name'],
  ] as const)('refuses %j naming the pipeline and the field', (checkpoints, message) => {
    expect(() => fullPipeline({ checkpoints } as Options).compile()).toThrow(`pipeline customer-features: ${message}`);
  });
});
