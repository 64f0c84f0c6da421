import { container, script, steps, workflow } from '@sluice/sdk';

const flipCoin = script({
  name: 'flip-coin',
  script: {
    image: 'python:alpine3.23',
    command: ['python'],
    source: ['import random', 'result = "heads" if random.randint(0,1) == 0 else "tails"', 'print(result)', ''].join(
      '\n',
    ),
  },
});

const heads = container({
  name: 'heads',
  container: { image: 'busybox', command: ['sh', '-c'], args: ['echo "it was heads"'] },
});
const tails = container({
  name: 'tails',
  container: { image: 'busybox', command: ['sh', '-c'], args: ['echo "it was tails"'] },
});

const coinflip = steps('coinflip', (s) => {
  const flip = s.step('flip-coin', flipCoin);
  s.parallel((g) => {
    g.step('heads', heads, { when: `${flip.outputs.result} == heads` });
    g.step('tails', tails, { when: `${flip.outputs.result} == tails` });
  });
});

/** Conditional steps: a script's standard output (`outputs.result`) decides which of two steps runs. */
export default workflow({ generateName: 'coinflip-' }).entrypoint(coinflip);
