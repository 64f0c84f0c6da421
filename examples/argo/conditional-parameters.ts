import { expr, script, steps, workflow } from '@sluice/sdk';

const python = (name: string, source: string) =>
  script({ name, script: { image: 'python:alpine3.23', command: ['python'], source } });

const flipCoin = python('flip-coin', 'import random\nprint("heads" if random.randint(0,1) == 0 else "tails")\n');
const heads = python('heads', 'print("heads")\n');
const tails = python('tails', 'print("tails")\n');

const main = steps('main', (s) => {
  const flip = s.step('flip-coin', flipCoin);
  const { h, t } = s.parallel((g) => ({
    h: g.step('heads', heads, { when: `${flip.outputs.result} == heads` }),
    t: g.step('tails', tails, { when: `${flip.outputs.result} == tails` }),
  }));
  // An expression, not a `{{…}}` template: expr() gives each reference's expression form.
  const expression = `${expr(flip.outputs.result)} == 'heads' ? ${expr(h.outputs.result)} : ${expr(t.outputs.result)}`;
  return { outputs: { parameters: { stepresult: { valueFrom: { expression } } } } };
});

/** A steps template's output parameter chosen by an expression from whichever conditional step ran. */
export default workflow({
  generateName: 'conditional-parameter-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.1.0' },
}).entrypoint(main);
