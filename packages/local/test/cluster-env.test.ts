import { describe, expect, it } from 'vitest';
import { stageEnvironment } from '../src/engine/stage-env.js';
import { byName, runYaml } from './support/run.js';

/** A stage as the pipeline compiles it: the cluster's Pushgateway and secrets mount in its env. */
const compiled = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: metrics-env }
spec:
  entrypoint: stage
  templates:
  - name: stage
    script:
      image: bash:5.2
      command: [bash]
      env:
      - { name: PUSHGATEWAY_URL, value: "http://pushgateway.monitoring:9091" }
      - { name: SLUICE_SECRETS_DIR, value: /var/run/secrets/sluice }
      - { name: SLUICE_PIPELINE, value: customer-features }
      source: |
        echo "push=\${PUSHGATEWAY_URL-unset} secrets=\${SLUICE_SECRETS_DIR-unset} pipeline=$SLUICE_PIPELINE metrics=\${SLUICE_METRICS_FILE##*/}"
`;

describe('cluster-only variables do not leak into local runs', () => {
  it('PUSHGATEWAY_URL: the template’s in-cluster address is removed when the local environment has none', async () => {
    const run = await runYaml(compiled, { env: { PATH: process.env.PATH } });
    expect(run.status.phase).toBe('Succeeded');
    expect(byName(run)['metrics-env']?.outputs?.result).toBe(
      'push=unset secrets=unset pipeline=customer-features metrics=metrics.prom',
    );
  });

  it('PUSHGATEWAY_URL and SLUICE_SECRETS_DIR: the local environment’s values replace the template’s', async () => {
    const run = await runYaml(compiled, {
      env: { PATH: process.env.PATH, PUSHGATEWAY_URL: 'http://127.0.0.1:9091', SLUICE_SECRETS_DIR: './secrets' },
    });
    expect(byName(run)['metrics-env']?.outputs?.result).toBe(
      'push=http://127.0.0.1:9091 secrets=./secrets pipeline=customer-features metrics=metrics.prom',
    );
  });

  it('stageEnvironment keeps the runner’s environment and the template’s other literal values', () => {
    const env = stageEnvironment(
      { PATH: '/bin', PUSHGATEWAY_URL: 'http://localhost:9091' },
      [
        { name: 'PUSHGATEWAY_URL', value: 'http://pushgateway.monitoring:9091' },
        { name: 'OUT', value: '/tmp/sluice/outputs' },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'pg', key: 'token' } } },
      ],
      (v) => v.replace('/tmp/sluice', '/run/n1/fs/tmp/sluice'),
    );
    expect(env).toEqual({
      PATH: '/bin',
      PUSHGATEWAY_URL: 'http://localhost:9091',
      OUT: '/run/n1/fs/tmp/sluice/outputs',
    });
  });
});
