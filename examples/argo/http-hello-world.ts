import { http, steps, workflow } from '@sluice/sdk';

const SPEC_PATH = 'pkg/apis/workflow/v1alpha1/generated.swagger.json';
const RAW = 'https://raw.githubusercontent.com/argoproj/argo-workflows';

const get = http({
  name: 'http',
  inputs: { parameters: { url: {} } },
  http: (io) => ({ url: io.inputs.parameters.url }),
});

const main = steps('main', (s) => {
  s.parallel((g) => {
    g.step('good', get, { url: `${RAW}/4e450e250168e6b4d51a126b784e90b11a0162bc/${SPEC_PATH}` });
    g.step('bad', get, { url: `${RAW}/thisisnotahash/${SPEC_PATH}` }, { continueOn: { failed: true } });
  });
});

/** The HTTP template: a request made by the Argo agent; `continueOn.failed` lets the failing request pass. */
export default workflow({
  generateName: 'http-template-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.2.0' },
}).entrypoint(main);
