import type { Template } from '@sluice/argo-types';
import { LOCAL_COMMAND_ANNOTATION } from './defaults.js';
import { assertPinnedImage } from './image.js';
import { stageLabels } from './labels.js';
import type { ResolvedPipeline } from './resolve.js';
import { containerSecurityContext, podSecurityContext } from './security.js';

/** The exit handler's template name. */
export const EXIT_HANDLER = 'push-final-status';

/**
 * The handler's program: pushes `job_success` and `job_duration_seconds` for the run to the Pushgateway (grouped by
 * pipeline), or prints them when no Pushgateway is configured. Runs with plain Node (fetch is built in). A push
 * that fails is logged and the metrics printed, but does not fail the run: the run's own status is what counts,
 * and a missing `job_success` sample is itself alertable (`absent()`).
 */
export const PUSH_STATUS_SCRIPT = String.raw`const e = process.env;
const p = e.PIPELINE || '';
const body = 'job_success{pipeline="' + p + '"} ' + (e.STATUS === 'Succeeded' ? 1 : 0) + '\n' +
  'job_duration_seconds{pipeline="' + p + '"} ' + (Number(e.DURATION) || 0) + '\n';
if (!e.PUSHGATEWAY_URL) { process.stdout.write(body); process.exit(0); }
fetch(e.PUSHGATEWAY_URL.replace(/\/$/, '') + '/metrics/job/sluice/pipeline/' + p, { method: 'PUT', body })
  .then((r) => { if (!r.ok) throw new Error('Pushgateway answered ' + r.status); })
  .catch((err) => { console.error('could not push the final status: ' + String(err)); process.stdout.write(body); });`;

/** The exit handler template: runs after the DAG whatever its outcome and pushes the run's final status. */
export function exitHandlerTemplate(pipeline: ResolvedPipeline): Template {
  const options = pipeline.definition.options.exitHandler;
  const image = (options === false ? undefined : options?.image) ?? pipeline.definition.options.image;
  assertPinnedImage(image, `${pipeline.name} › ${EXIT_HANDLER}`);
  const command = ['node', '-e', PUSH_STATUS_SCRIPT];
  const pushgateway = pipeline.definition.options.pushgatewayUrl;
  return {
    name: EXIT_HANDLER,
    metadata: {
      labels: stageLabels(pipeline.labels, EXIT_HANDLER, 'exit-handler'),
      annotations: { [LOCAL_COMMAND_ANNOTATION]: JSON.stringify(command) },
    },
    retryStrategy: { limit: 2, retryPolicy: 'Always', backoff: { duration: '10s', factor: 2 } },
    activeDeadlineSeconds: 300,
    securityContext: podSecurityContext(pipeline.uid),
    container: {
      image,
      command,
      env: [
        { name: 'PIPELINE', value: pipeline.name },
        { name: 'STATUS', value: '{{workflow.status}}' },
        { name: 'DURATION', value: '{{workflow.duration}}' },
        ...(pushgateway === undefined ? [] : [{ name: 'PUSHGATEWAY_URL', value: pushgateway }]),
      ],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      securityContext: containerSecurityContext(pipeline.uid),
    },
  };
}
