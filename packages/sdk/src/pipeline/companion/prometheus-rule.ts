import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { AlertOptions } from '../options.js';
import type { ResolvedPipeline } from '../resolve.js';

/**
 * The seed's three alerts: a failed job (`kube_job_status_failed > 0` or a run that pushed `job_success 0`),
 * processed rows below the expected threshold, and a duration above 1.5 × the p99 baseline.
 */
export function prometheusRule(pipeline: ResolvedPipeline, options: AlertOptions = {}): IPrometheusRule {
  const p = `pipeline="${pipeline.name}"`;
  const minRows = options.minProcessedRows ?? 1;
  const p99 = options.p99DurationSeconds ?? 3600;
  const labels = { severity: 'critical', pipeline: pipeline.name };
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: `${pipeline.name}-alerts`, namespace: pipeline.namespace, labels: { ...pipeline.labels } },
    spec: {
      groups: [
        {
          name: `${pipeline.name}.rules`,
          rules: [
            {
              alert: 'PipelineJobFailed',
              expr: `kube_job_status_failed{namespace="${pipeline.namespace}",job_name=~"${pipeline.name}-.*"} > 0 or job_success{${p}} == 0`,
              labels,
              annotations: { summary: `${pipeline.name}: a job or run failed` },
            },
            {
              alert: 'ProcessedRowsBelowExpected',
              expr: `sum(job_processed_rows{${p}}) < ${minRows}`,
              labels: { ...labels, severity: 'warning' },
              annotations: { summary: `${pipeline.name}: processed fewer rows than the expected ${minRows}` },
            },
            {
              alert: 'DurationAboveBaseline',
              expr: `max(job_duration_seconds{${p}}) > ${p99} * 1.5`,
              labels: { ...labels, severity: 'warning' },
              annotations: { summary: `${pipeline.name}: ran longer than 1.5 × the p99 baseline of ${p99}s` },
            },
          ],
        },
      ],
    },
  };
}
