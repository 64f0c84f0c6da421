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

// `self` is the template being declared: on tails, the steps template runs itself again.
const coinflip = steps('coinflip', (s, self) => {
  const flip = s.step('flip-coin', flipCoin);
  s.parallel((g) => {
    g.step('heads', heads, { when: `${flip.outputs.result} == heads` });
    g.step('tails', self, { when: `${flip.outputs.result} == tails` });
  });
});

/** Recursion: a steps template that calls itself until the coin lands on heads. */
export default workflow({ generateName: 'coinflip-recursive-' }).entrypoint(coinflip);
