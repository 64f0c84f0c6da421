import { container, fromYaml } from '../../src/index.js';

const text = `
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: legacy
spec:
  templates:
  - name: old
    container:
      image: busybox:1.36
`;

const [legacy] = fromYaml(text, 'legacy.yaml');
if (legacy === undefined) throw new Error('expected one document');

export default legacy
  .withLabels({ team: 'data' })
  .templates(container({ name: 'new', container: { image: 'busybox:1.36', command: ['true'] } }))
  .toYaml();
