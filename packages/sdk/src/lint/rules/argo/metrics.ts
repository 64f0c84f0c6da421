import { isObject, obj, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Rule 33: Prometheus metrics have valid names and label keys, help text and a value. */
export const metrics: LintRule = {
  id: 'argo/metrics',
  severity: 'error',
  description: 'template metrics have valid names and labels, help, and a value for their type',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      objects(obj(template.metrics).prometheus).forEach((metric, i) => {
        const at = `${path}.metrics.prometheus[${i}]`;
        const metricName = str(metric.name);
        const say = (where: string, message: string) => report({ path: `${at}${where}`, message });
        if (!METRIC_NAME.test(metricName)) {
          say(
            '.name',
            `templates.${name} metric name '${metricName}' is invalid. Metric names must contain alphanumeric characters or '_'`,
          );
        }
        for (const label of objects(metric.labels)) {
          const key = str(label.key);
          if (!METRIC_NAME.test(key)) {
            say(
              '.labels',
              `templates.${name} metric label '${key}' is invalid: keys may only contain alphanumeric characters or '_'`,
            );
          }
        }
        if (str(metric.help) === '')
          say('.help', `templates.${name} metric '${metricName}' must contain a help string under 'help: ' field`);
        const error = (why: string) => say('', `templates.${name} metric '${metricName}' error: ${why}`);
        if (isObject(metric.gauge)) {
          const value = str(metric.gauge.value);
          if (value === '') error('missing gauge.value');
          else if (metric.gauge.realtime === true && value.includes('resourcesDuration.')) {
            error("'resourcesDuration.*' metrics cannot be used in real-time");
          }
        }
        if (isObject(metric.counter) && str(metric.counter.value) === '') error('missing counter.value');
        if (isObject(metric.histogram) && str(metric.histogram.value) === '') error('missing histogram.value');
      });
    }
  },
};
