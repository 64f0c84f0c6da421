import { cronScheduleProblem, timezoneProblem } from '../../cron-schedule.js';
import { has, list, obj, str } from '../../json.js';
import type { LintRule } from '../../types.js';

/** Rules 49–51: a CronWorkflow has parseable schedules, a known time zone and concurrency policy, a sane deadline. */
export const cron: LintRule = {
  id: 'argo/cron',
  severity: 'error',
  description: 'CronWorkflow schedules parse, timezone exists, concurrencyPolicy is Allow|Forbid|Replace',
  check(ctx, report) {
    if (ctx.kind !== 'CronWorkflow') return;
    const spec = obj(ctx.doc.spec);
    const schedules = list(spec.schedules);
    if (schedules.length === 0 && str(spec.schedule) === '') {
      report({ path: 'spec.schedules', message: 'cron workflow must have at least one schedule' });
    }
    schedules.forEach((s, i) => {
      const schedule = str(s);
      const problem = cronScheduleProblem(schedule);
      if (problem !== undefined) {
        report({ path: `spec.schedules[${i}]`, message: `cron schedule ${schedule} is malformed: ${problem}` });
      }
    });
    const timezone = str(spec.timezone);
    const tzProblem = timezoneProblem(timezone);
    if (tzProblem !== undefined) {
      report({ path: 'spec.timezone', message: `invalid timezone ${JSON.stringify(timezone)}: ${tzProblem}` });
    }
    const policy = str(spec.concurrencyPolicy);
    if (!['', 'Allow', 'Forbid', 'Replace'].includes(policy)) {
      report({ path: 'spec.concurrencyPolicy', message: `'${policy}' is not a valid concurrencyPolicy` });
    }
    if (has(spec, 'startingDeadlineSeconds') && Number(spec.startingDeadlineSeconds) < 0) {
      report({ path: 'spec.startingDeadlineSeconds', message: 'startingDeadlineSeconds must be positive' });
    }
  },
};
