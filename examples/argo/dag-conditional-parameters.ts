import { dag, expr, script, workflow } from '@sluice/sdk';

const python = (name: string, source: string) =>
  script({ name, script: { image: 'python:alpine3.23', command: ['python'], source } });

const flipCoin = python('flip-coin', 'import random\nprint("heads" if random.randint(0,1) == 0 else "tails")\n');
const heads = python('heads', 'print("heads")\n');
const tails = python('tails', 'print("tails")\n');

const main = dag('main', (d) => {
  const flip = d.task('flip-coin', flipCoin);
  // `depends: flip-coin` is inferred from the references in `when`.
  const h = d.task('heads', heads, { when: `${flip.outputs.result} == heads` });
  const t = d.task('tails', tails, { when: `${flip.outputs.result} == tails` });
  // An expression, not a `{{…}}` template: expr() gives each reference's expression form.
  const expression = `${expr(flip.outputs.result)} == 'heads' ? ${expr(h.outputs.result)} : ${expr(t.outputs.result)}`;
  return { outputs: { parameters: { stepresult: { valueFrom: { expression } } } } };
});

/** A DAG's output parameter chosen by an expression; the tasks' dependencies come from their `when` references. */
export default workflow({
  generateName: 'dag-conditional-parameter-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.1.0' },
}).entrypoint(main);
