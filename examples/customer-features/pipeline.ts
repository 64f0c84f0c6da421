import { pipeline } from '@sluice/sdk';
import buildFeatures from './stages/build-features.js';
import extractOrders from './stages/extract-orders.js';
import loadFeatures from './stages/load-features.js';
import trainLocal from './stages/train-local.js';
import validateFeatures from './stages/validate-features.js';
import validateRaw from './stages/validate-raw.js';

/** Partitions of the feature transform. */
export const PARTITIONS = 16;

/**
 * customer-features: the seed's pipeline. Every night at 02:00 UTC it extracts the last 90 days of orders,
 * validates them (bad rows to dead letters), computes customer features in 16 partitions, validates the features,
 * publishes them atomically to the feature store, and trains on 8 GPUs once the load has succeeded.
 */
export default pipeline('customer-features', {
  image: 'registry.example.com/ml/customer-features:1.4.2',
  namespace: 'ml-data-pipelines',
  schedule: { cron: '0 2 * * *', timezone: 'UTC' },
  labels: { team: 'growth-ml', costCenter: 'cc-142' },
  // Stages hand each other paths under the shared data root, a ReadWriteMany claim mounted in every pod at
  // /var/sluice/data: files in a pod's own directories never reach the next pod. Checkpoints use the claim each
  // run owns (the default).
  data: { claimName: 'customer-features-data' },
  parameters: {
    lakeRoot: '/var/sluice/data/lake',
    storeRoot: '/var/sluice/data/feature-store',
    syntheticRows: '1000000',
  },
  pushgatewayUrl: 'http://pushgateway.monitoring:9091',
  alerts: { minProcessedRows: 100_000, p99DurationSeconds: 2700 },
})
  .extract(extractOrders, { secrets: ['pg-credentials'], egress: ['postgres:5432'], memoryPeak: '2Gi' })
  .validate(validateRaw, (up) => ({ rawPath: up.extract.rawPath }))
  .transform(buildFeatures, { parallel: PARTITIONS, memoryPeak: '6Gi', cpu: '2' })
  .validate(validateFeatures, () => ({ partitions: PARTITIONS, minRows: 1000 }))
  .load(loadFeatures, (up) => ({ candidatePath: up.validateFeatures.candidatePath }), { memoryPeak: '2Gi' })
  .train(
    {
      image: 'registry.example.com/ml/customer-features-trainer:2.1.0',
      gpus: 8,
      workers: 2,
      command: ['torchrun', '--nproc-per-node=8', 'train.py'],
      hyperparameters: { epochs: 20, learningRate: 0.001 },
      local: trainLocal,
    },
    (up) => ({ datasetVersion: up.load.datasetVersion }),
  );
