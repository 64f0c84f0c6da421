import { container, dag, workflow } from '../../src/index.js';

const extract = container({
  name: 'extract',
  inputs: { parameters: { sourceUrl: {} } },
  outputs: { parameters: { rawPath: { valueFrom: { path: '/tmp/raw-path' } } } },
  container: (io) => ({
    image: 'ghcr.io/acme/etl:1.4.2',
    args: ['extract', '--source', io.inputs.parameters.sourceUrl],
  }),
});

const transform = container({
  name: 'transform',
  inputs: { parameters: { rawPath: {}, partition: {}, mode: { default: 'full' } } },
  container: (io) => ({
    image: 'ghcr.io/acme/etl:1.4.2',
    args: ['transform', io.inputs.parameters.rawPath, io.inputs.parameters.partition],
  }),
}).set({ retryStrategy: { limit: 3, retryPolicy: 'OnFailure' } });

const notify = container({ name: 'notify', container: { image: 'ghcr.io/acme/notify:0.3.0' } });

const main = dag('main', (d) => {
  const raw = d.task('extract', extract, { sourceUrl: 's3://landing/orders.csv' });
  const a = d.task('transform-a', transform, { rawPath: raw.outputs.parameters.rawPath, partition: 'a' });
  const b = d.task('transform-b', transform, { rawPath: raw.outputs.parameters.rawPath, partition: 'b' });
  d.task('notify', notify, { depends: a.failed().or(b.failed()) });
});

export default workflow({ generateName: 'orders-etl-' }, { serviceAccountName: 'etl' }).entrypoint(main);
