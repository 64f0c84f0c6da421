import { container, workflow } from '@sluice/sdk';

const helloWorld = container({
  name: 'hello-world',
  container: { image: 'busybox', command: ['echo'], args: ['hello world'] },
});

/** `ttlStrategy`: delete the finished workflow after 5 s whatever its result (10 s without a specific rule). */
export default workflow(
  { generateName: 'gc-ttl-' },
  { ttlStrategy: { secondsAfterCompletion: 10, secondsAfterSuccess: 5, secondsAfterFailure: 5 } },
).entrypoint(helloWorld);
