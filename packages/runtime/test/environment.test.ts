import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../src/environment.js';

describe('the stage environment', () => {
  it('applies the documented defaults', () => {
    const env = readEnvironment({}, 'extract');
    expect(env).toMatchObject({
      pipeline: 'local',
      stage: 'extract',
      workflow: { name: 'local', uid: 'local' },
      nodeName: 'extract',
      retry: 0,
      partition: { index: 0, count: 1 },
      outputsDir: '/tmp/sluice/outputs',
      metricsFile: '/tmp/sluice/metrics.prom',
      secretsDir: '/var/run/secrets/sluice',
      graceSeconds: 20,
      metricsIntervalSeconds: 30,
      metricsTimeoutSeconds: 2,
      pushgatewayUrl: undefined,
    });
  });

  it('takes the partition from an Indexed Job and the workflow from Argo when Sluice variables are absent', () => {
    const env = readEnvironment(
      { JOB_COMPLETION_INDEX: '3', SLUICE_PARTITION_COUNT: '8', ARGO_WORKFLOW_NAME: 'wf', ARGO_WORKFLOW_UID: 'u' },
      'extract',
    );
    expect(env.partition).toEqual({ index: 3, count: 8 });
    expect(env.workflow).toEqual({ name: 'wf', uid: 'u' });
  });

  it.each([
    [{ SLUICE_RETRY: '-1' }, /SLUICE_RETRY="-1" is invalid: expected an integer ≥ 0/],
    [{ SLUICE_PARTITION_COUNT: '0' }, /SLUICE_PARTITION_COUNT="0" is invalid/],
    [
      { SLUICE_PARTITION_INDEX: '2', SLUICE_PARTITION_COUNT: '2' },
      /out of range for SLUICE_PARTITION_COUNT=2: expected 0 … 1/,
    ],
    [{ SLUICE_GRACE_SECONDS: 'soon' }, /SLUICE_GRACE_SECONDS="soon" is invalid/],
    [
      { PUSHGATEWAY_URL: 'pushgateway:9091' },
      /PUSHGATEWAY_URL="pushgateway:9091" is invalid: expected an http\(s\) URL/,
    ],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => readEnvironment(env, 'extract')).toThrow(message);
  });
});
