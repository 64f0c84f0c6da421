import { container, cronWorkflow } from '../../src/index.js';

const refresh = container({
  name: 'refresh',
  container: { image: 'ghcr.io/acme/features:2.0.1', args: ['refresh', '--date', '{{workflow.scheduledTime}}'] },
});

export default cronWorkflow(
  'nightly-features',
  { schedules: ['0 2 * * *'], timezone: 'Europe/Paris', concurrencyPolicy: 'Forbid' },
  { entrypoint: refresh, ttlStrategy: { secondsAfterCompletion: 86400 } },
);
