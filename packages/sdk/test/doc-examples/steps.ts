import { container, script, steps, workflow } from '../../src/index.js';

const flip = script({
  name: 'flip-coin',
  script: {
    image: 'python:3.12-slim',
    command: ['python'],
    source: 'import random\nprint(random.choice(["heads", "tails"]))\n',
  },
});
const say = container({
  name: 'say',
  inputs: { parameters: { word: {} } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.word] }),
});

const main = steps('main', (s) => {
  const coin = s.step('flip', flip);
  s.parallel((g) => {
    g.step('heads', say, { word: 'it was heads' }, { when: `${coin.outputs.result} == heads` });
    g.step('tails', say, { word: 'it was tails' }, { when: `${coin.outputs.result} == tails` });
  });
});

export default workflow({ generateName: 'coinflip-' }).entrypoint(main);
