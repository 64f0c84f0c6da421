import { dag, script, workflow } from '@sluice/sdk';

const python = (name: string, source: string) =>
  script({ name, script: { image: 'python:alpine3.23', command: ['python'], source } });

const flipCoin = python('flip-coin', 'import random\nprint("heads" if random.randint(0,1) == 0 else "tails")\n');
const heads = python('heads', 'print("heads")\n');
const tails = python('tails', 'print("tails")\n');

const main = dag('main', (d) => {
  const flip = d.task('flip-coin', flipCoin);
  // `depends: flip-coin` is inferred from the references in `when`.
  d.task('heads', heads, {}, { when: `${flip.outputs.result} == heads` });
  d.task('tails', tails, {}, { when: `${flip.outputs.result} == tails` });
  // An expression (not a `{{…}}` template), so written as Argo's expression text: the handles render templates only.
  const expression =
    "tasks['flip-coin'].outputs.result == 'heads' ? tasks.heads.outputs.result : tasks.tails.outputs.result";
  return { outputs: { parameters: { stepresult: { valueFrom: { expression } } } } };
});

/** A DAG's output parameter chosen by an expression; the tasks' dependencies come from their `when` references. */
export default workflow({
  generateName: 'dag-conditional-parameter-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.1.0' },
}).entrypoint(main);
