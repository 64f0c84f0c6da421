import { container, cronWorkflow } from '@sluice/sdk';

const helloWorldWithTime = container({
  name: 'hello-world-with-time',
  container: {
    image: 'busybox',
    command: ['echo'],
    args: ['🕓 hello world. Scheduled on: {{workflow.scheduledTime}}'],
  },
});

/** A CronWorkflow: every minute in a time zone, replacing a run still going, keeping four of each outcome. */
export default cronWorkflow(
  'hello-world',
  {
    schedules: ['* * * * *'],
    timezone: 'America/Los_Angeles',
    startingDeadlineSeconds: 0,
    concurrencyPolicy: 'Replace',
    successfulJobsHistoryLimit: 4,
    failedJobsHistoryLimit: 4,
    suspend: false,
  },
  { entrypoint: helloWorldWithTime },
);
