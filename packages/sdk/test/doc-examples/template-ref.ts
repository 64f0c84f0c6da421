import { container, dag, templateRef, toYaml, workflow, workflowTemplate } from '../../src/index.js';

const whalesay = container({
  name: 'whalesay',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
});
const shared = workflowTemplate('shared-steps').templates(whalesay);

const main = dag('main', (d) => {
  d.task('hello', templateRef(shared, whalesay), { message: 'hello from a WorkflowTemplate' });
});

export default toYaml([shared, workflow({ generateName: 'uses-shared-' }).entrypoint(main)]);
