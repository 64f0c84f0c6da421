import { defineStage, type ObjectSchema, type Stage, type StageDefinition } from '@sluice/runtime';
import { z } from 'zod';
import { type PipelineOptions, pipeline } from '../../src/pipeline/index.js';

/**
 * A stage as if defined in its own `stages/<name>.ts`: the fixtures share one file, which the image layout could
 * not start (that check has its own test).
 */
function conventional<const Name extends string, P extends ObjectSchema, O extends ObjectSchema>(
  definition: StageDefinition<Name, P, O>,
): Stage<Name, P, O> {
  return { ...defineStage(definition), source: undefined };
}

export const extract = conventional({
  name: 'extract-orders',
  params: z.object({ sourceUrl: z.string().optional() }),
  outputs: z.object({ rawPath: z.string(), rowCount: z.number().int() }),
  run: () => ({ rawPath: '/data/raw', rowCount: 1 }),
});

export const validateRaw = conventional({
  name: 'validate-raw',
  params: z.object({ rawPath: z.string() }),
  outputs: z.object({ validPath: z.string(), deadLetters: z.number().int() }),
  run: () => ({ validPath: '/data/valid', deadLetters: 0 }),
});

export const buildFeatures = conventional({
  name: 'build-features',
  params: z.object({ validPath: z.string(), featureRoot: z.string() }),
  outputs: z.object({ featuresPath: z.string(), rows: z.number().int() }),
  run: () => ({ featuresPath: '/data/features', rows: 1 }),
});

export const validateFeatures = conventional({
  name: 'validate-features',
  params: z.object({ featureRoot: z.string() }),
  outputs: z.object({ checkedRows: z.number().int() }),
  run: () => ({ checkedRows: 1 }),
});

export const loadFeatures = conventional({
  name: 'load-features',
  params: z.object({ featureRoot: z.string(), storeRoot: z.string() }),
  outputs: z.object({ datasetVersion: z.string() }),
  run: () => ({ datasetVersion: 'v1' }),
});

export const trainLocal = conventional({
  name: 'train-local',
  params: z.object({ datasetVersion: z.string(), storeRoot: z.string() }),
  outputs: z.object({ auc: z.number() }),
  run: () => ({ auc: 0.5 }),
});

export const IMAGE = 'registry.example.com/ml/customer-features:1.4.2';

export const baseOptions = {
  image: IMAGE,
  namespace: 'ml-data-pipelines',
  labels: { team: 'growth-ml', costCenter: 'cc-142' },
  schedule: { cron: '0 2 * * *' },
  parameters: { featureRoot: '/data/features', storeRoot: '/data/store' },
} as const satisfies PipelineOptions;

/** The seed's whole pipeline, with options overridable per test. */
export function fullPipeline(overrides: Partial<PipelineOptions<typeof baseOptions.parameters>> = {}) {
  return pipeline('customer-features', { ...baseOptions, ...overrides })
    .extract(extract, { secrets: ['pg-credentials'], egress: ['postgres:5432'] })
    .validate(validateRaw, (up) => ({ rawPath: up.extract.rawPath }))
    .transform(buildFeatures, { parallel: 16, memoryPeak: '6Gi' })
    .validate(validateFeatures)
    .load(loadFeatures)
    .train({
      image: 'registry.example.com/ml/trainer:2.1.0',
      gpus: 8,
      workers: 2,
      command: ['torchrun', 'train.py'],
      local: trainLocal,
    });
}
