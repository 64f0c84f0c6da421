import { container, workflow } from '@sluice/sdk';

const worldToFile = container({
  name: 'world-to-file',
  memoize: { key: 'cache-key', maxAge: '10s', cache: { configMap: { name: 'cache-config' } } },
  outputs: { parameters: { hello: { valueFrom: { path: '/tmp/hello_world.txt' } } } },
  container: { image: 'busybox', command: ['sh', '-c'], args: ['echo world > /tmp/hello_world.txt'] },
});

/** `memoize`: a template's outputs cached in a ConfigMap under a key, reused for 10 s. */
export default workflow({ generateName: 'memoized-' }).entrypoint(worldToFile);
