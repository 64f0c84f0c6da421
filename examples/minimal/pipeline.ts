import { pipeline } from '@sluice/sdk';
import extractEvents from './stages/extract-events.js';
import loadEvents from './stages/load-events.js';

/**
 * minimal: the smallest real pipeline. Every day at 03:00 UTC, extract lands the day's events as a Parquet
 * partition of the lake, and load publishes that partition to the store in one atomic swap (running a day again
 * replaces it, never duplicates it).
 */
export default pipeline('minimal', {
  image: 'registry.example.com/data/minimal:0.1.0',
  namespace: 'data-pipelines',
  schedule: { cron: '0 3 * * *', timezone: 'UTC' },
  labels: { team: 'data-platform', costCenter: 'cc-100' },
  // Stages hand each other paths under the shared data root, a ReadWriteMany claim mounted in every pod.
  data: { claimName: 'minimal-data' },
  parameters: { lakeRoot: '/var/sluice/data/lake', storeRoot: '/var/sluice/data/store', rows: '10000' },
})
  .extract(extractEvents, { memoryPeak: '512Mi' })
  .load(loadEvents, (up) => ({ rawPath: up.extract.rawPath }), { memoryPeak: '512Mi' });
