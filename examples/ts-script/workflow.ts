import { dag, item, tsScript, workflow } from '@sluice/sdk';
import { countRows } from './functions/count-rows.ts';
import { planShards } from './functions/plan-shards.ts';
import { planInput } from './functions/schemas.ts';
import { summarise } from './functions/summarise.ts';

/** The image every function runs in: Node, pinned. */
const NODE_IMAGE = 'node:20.19-alpine';

// Inputs from a zod schema: names and kinds from its fields, types from the function's signature.
const plan = tsScript({
  name: 'plan-shards',
  image: NODE_IMAGE,
  module: new URL('./functions/plan-shards.ts', import.meta.url),
  function: planShards,
  inputs: planInput,
  outputs: ['shards', 'day'],
});

// Inputs by kind, checked against the signature (`shard` is a string).
const count = tsScript({
  name: 'count-rows',
  image: NODE_IMAGE,
  module: new URL('./functions/count-rows.ts', import.meta.url),
  function: countRows,
  inputs: { shard: 'string' },
  outputs: ['rows'],
});

const summary = tsScript({
  name: 'summarise',
  image: NODE_IMAGE,
  module: new URL('./functions/summarise.ts', import.meta.url),
  function: summarise,
  inputs: { day: 'string', rows: 'json' },
  outputs: ['total', 'report'],
});

const main = dag('main', (d) => {
  const shards = d.task('plan', plan, { day: '2026-06-17', shardCount: 4 });
  // One count per shard key, in parallel: withParam reads plan's `shards`, a JSON list.
  const counted = d.task('count', count, { shard: item() }, { withParam: shards.outputs.parameters.shards });
  // The looped task's `rows`: every iteration's value, as one JSON list.
  d.task('summarise', summary, { day: shards.outputs.parameters.day, rows: counted.outputs.parameters.rows });
});

/** ts-script: three TypeScript functions as script templates, fanned out and aggregated. */
export default workflow(
  { generateName: 'ts-script-', labels: { team: 'data-platform', 'app.kubernetes.io/part-of': 'ts-script' } },
  {
    podMetadata: { labels: { team: 'data-platform', 'app.kubernetes.io/part-of': 'ts-script' } },
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
    activeDeadlineSeconds: 1800,
    ttlStrategy: { secondsAfterCompletion: 86400 },
  },
).entrypoint(main);
