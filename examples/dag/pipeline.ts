import { container, dag, item, workflowTemplate } from '@sluice/sdk';

/** The image holding the built stages (`/app/dist/stages/<stage>.js`); build it with the project's Dockerfile. */
const IMAGE = 'registry.example.com/data/dag:0.1.0';
const REGIONS = ['eu', 'us', 'apac'];
const EXECUTION_DATE = '{{workflow.parameters.execution-date}}';

/**
 * A container that runs one stage of `stages/`: the built file in the image, the TypeScript file on a laptop
 * (`sluice.dev/local-command`, what `workflow run --local` starts), with the restricted pod security and the
 * requests and limits every container needs. The runtime writes outputs to `/tmp/sluice/outputs/<name>`.
 */
function stageContainer(stage: string, params: Record<string, string>) {
  const args = Object.entries({ 'execution-date': EXECUTION_DATE, ...params }).flatMap(([k, v]) => [
    '--param',
    `${k}=${v}`,
  ]);
  return {
    metadata: {
      annotations: {
        'sluice.dev/local-command': JSON.stringify(['node', '--import', 'tsx', `stages/${stage}.ts`, ...args]),
      },
    },
    container: {
      image: IMAGE,
      command: ['node', `/app/dist/stages/${stage}.js`],
      args,
      env: [{ name: 'SLUICE_OUTPUTS_DIR', value: '/tmp/sluice/outputs' }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    },
  };
}

const countOrders = container({
  name: 'count-orders',
  inputs: { parameters: { region: {} } },
  outputs: { parameters: { orders: { valueFrom: { path: '/tmp/sluice/outputs/orders' } } } },
  ...stageContainer('count-orders', { region: '{{inputs.parameters.region}}' }),
});

const summarise = container({
  name: 'summarise',
  inputs: { parameters: { counts: {} } },
  outputs: {
    parameters: {
      total: { valueFrom: { path: '/tmp/sluice/outputs/total' } },
      regions: { valueFrom: { path: '/tmp/sluice/outputs/regions' } },
    },
  },
  ...stageContainer('summarise', { counts: '{{inputs.parameters.counts}}' }),
});

const main = dag('main', (d) => {
  // One task per region, in parallel; their `orders` outputs read, in the next task, as one JSON list.
  const count = d.task('count', countOrders, { region: item() }, { withItems: REGIONS });
  d.task('summarise', summarise, { counts: count.outputs.parameters.orders });
});

/**
 * dag: the Hera-style builders, no `pipeline()`. A WorkflowTemplate whose DAG counts the orders of each region in
 * parallel and then summarises them. Submit runs of it with `workflow submit --from workflowtemplate/dag`.
 */
export default workflowTemplate(
  { name: 'dag', namespace: 'data-pipelines', labels: { team: 'data-platform', 'app.kubernetes.io/part-of': 'dag' } },
  {
    podMetadata: { labels: { team: 'data-platform', 'app.kubernetes.io/part-of': 'dag' } },
    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 },
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
    activeDeadlineSeconds: 3600,
    ttlStrategy: { secondsAfterCompletion: 86400 },
  },
)
  .arguments({
    executionDate: {
      value: '{{workflow.creationTimestamp.Y}}-{{workflow.creationTimestamp.m}}-{{workflow.creationTimestamp.d}}',
    },
  })
  .templates(countOrders, summarise)
  .entrypoint(main);
