import { container, data, steps, workflow } from '@sluice/sdk';

const listLogFiles = data({
  name: 'list-log-files',
  data: {
    source: { artifactPaths: { name: 'test-bucket', s3: { bucket: 'my-bucket' } } },
    transformation: [{ expression: 'filter(data, {# endsWith "main.log"})' }],
  },
});

const processLogs = container({
  name: 'process-logs',
  inputs: { parameters: { fileName: {} }, artifacts: { file: { path: '/file' } } },
  container: (io) => ({
    image: 'argoproj/argosay:v2',
    command: ['sh', '-c'],
    args: [`echo ${io.inputs.parameters.fileName}\nhead /file\n`],
  }),
});

const main = steps('data-transformations', (s) => {
  const list = s.step('list-log-files', listLogFiles);
  s.step(
    'process-logs',
    processLogs,
    { fileName: '{{item}}', file: { s3: { key: '{{item}}' } } },
    { withParam: list.outputs.result },
  );
});

/** The data template: list keys of an S3 bucket, filter them with an expression, and fan out over the result. */
export default workflow({
  generateName: 'data-transformations-',
  labels: { 'workflows.argoproj.io/no-test': 'environment' },
  annotations: { 'workflows.argoproj.io/version': '>= 3.1.0' },
}).entrypoint(main);
