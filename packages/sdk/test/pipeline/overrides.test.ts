import { describe, expect, it } from 'vitest';
import { EXIT_CODE_1_ONLY, PipelineError, type PipelineOptions, pipeline } from '../../src/pipeline/index.js';
import {
  baseOptions,
  buildFeatures,
  extract,
  fullPipeline,
  IMAGE,
  loadFeatures,
  trainLocal,
  validateFeatures,
  validateRaw,
} from './fixtures.js';
import { companion, manifest, task, template } from './helpers.js';

const withOptions = (options: Partial<PipelineOptions<typeof baseOptions.parameters>>) =>
  fullPipeline(options).compile();

/** A short pipeline with one extract stage taking these options. */
function extractOnly(
  options: Parameters<ReturnType<typeof pipeline>['extract']>[1] = {},
  pipelineOptions: Partial<PipelineOptions> = {},
) {
  return pipeline('p', { ...baseOptions, ...pipelineOptions })
    .extract(extract, options as never)
    .compile();
}

describe('each default is overridden by one option', () => {
  it('schedule: timezone, startingDeadlineSeconds, concurrencyPolicy and history limits', () => {
    const spec = withOptions({
      schedule: {
        cron: '@daily',
        timezone: 'Europe/Paris',
        startingDeadlineSeconds: 60,
        concurrencyPolicy: 'Replace',
        successfulJobsHistoryLimit: 5,
        failedJobsHistoryLimit: 2,
      },
    }).cronWorkflow?.spec;
    expect([
      spec?.timezone,
      spec?.startingDeadlineSeconds,
      spec?.concurrencyPolicy,
      spec?.successfulJobsHistoryLimit,
      spec?.failedJobsHistoryLimit,
    ]).toEqual(['Europe/Paris', 60, 'Replace', 5, 2]);
  });

  it('no schedule: no CronWorkflow', () => {
    expect(withOptions({ schedule: undefined }).cronWorkflow).toBeUndefined();
  });

  it('retries: a number sets the limit, 0 removes the retry strategy', () => {
    expect(template(extractOnly({ retries: 5 }), 'extract').retryStrategy?.limit).toBe(5);
    expect(template(extractOnly({ retries: 0 }), 'extract').retryStrategy).toBeUndefined();
    expect(template(extractOnly({}, { retries: 1 }), 'extract').retryStrategy?.limit).toBe(1);
  });

  it('retries.disruptions: false retries exit code 1 only', () => {
    expect(template(extractOnly({ retries: { disruptions: false } }), 'extract').retryStrategy?.expression).toBe(
      EXIT_CODE_1_ONLY,
    );
  });

  it('retries.backoff/factor/maxBackoff', () => {
    expect(
      template(extractOnly({ retries: { backoff: '5s', factor: 3, maxBackoff: '1m' } }), 'extract').retryStrategy
        ?.backoff,
    ).toEqual({
      duration: '5s',
      factor: 3,
      cap: '1m',
    });
  });

  it('cpu, cpuLimit, memory and memoryLimit', () => {
    expect(
      template(extractOnly({ cpu: '2', cpuLimit: '3', memory: '2Gi', memoryLimit: '3Gi' }), 'extract').container
        ?.resources,
    ).toEqual({
      requests: { cpu: '2', memory: '2Gi' },
      limits: { cpu: '3', memory: '3Gi' },
    });
  });

  it('pipeline-wide resources apply to every stage', () => {
    expect(
      template(extractOnly({}, { resources: { memoryPeak: '4Gi' } }), 'extract').container?.resources?.limits,
    ).toEqual({
      cpu: '1',
      memory: '5Gi',
    });
  });

  it('gpus on a stage: GPU requests and limits, the toleration and the GPU pool affinity', () => {
    const t = template(extractOnly({ gpus: 1 }), 'extract');
    expect(t.container?.resources?.limits).toEqual({ cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' });
    expect(t.container?.resources?.requests).toEqual({ cpu: '500m', memory: '512Mi', 'nvidia.com/gpu': '1' });
    expect(t.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
    ]);
  });

  it('gpu: the taint and the pool label', () => {
    const t = template(
      extractOnly(
        { gpus: 2 },
        { gpu: { taint: { key: 'accelerator', effect: 'NoExecute' }, nodeLabel: { key: 'pool', values: ['a100'] } } },
      ),
      'extract',
    );
    expect(t.tolerations).toEqual([{ key: 'accelerator', operator: 'Exists', effect: 'NoExecute' }]);
    expect(t.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'pool', operator: 'In', values: ['a100'] }] },
    ]);
  });

  it('runAsUser', () => {
    const t = template(extractOnly({}, { runAsUser: 20000 }), 'extract');
    expect([t.securityContext?.runAsUser, t.container?.securityContext?.runAsUser]).toEqual([20000, 20000]);
  });

  it('scratchSize', () => {
    expect(template(extractOnly({}, { scratchSize: '50Gi' }), 'extract').volumes?.[0]).toEqual({
      name: 'sluice-tmp',
      emptyDir: { sizeLimit: '50Gi' },
    });
  });

  it('terminationGracePeriodSeconds and activeDeadlineSeconds, per stage and per pipeline', () => {
    const t = template(extractOnly({ terminationGracePeriodSeconds: 120, activeDeadlineSeconds: 600 }), 'extract');
    expect([t.podSpecPatch, t.activeDeadlineSeconds]).toEqual(['{"terminationGracePeriodSeconds":120}', 600]);
    expect(t.container?.env).toContainEqual({ name: 'SLUICE_GRACE_SECONDS', value: '110' });
    expect(template(extractOnly({}, { activeDeadlineSeconds: 900 }), 'extract').activeDeadlineSeconds).toBe(900);
  });

  it('labels', () => {
    expect(extractOnly({}, { labels: { owner: 'data-eng' } }).workflowTemplate.metadata.labels).toEqual({
      owner: 'data-eng',
      'app.kubernetes.io/part-of': 'p',
      'app.kubernetes.io/managed-by': 'sluice',
      'sluice.dev/pipeline': 'p',
    });
  });

  it('serviceAccount', () => {
    const compiled = extractOnly({}, { serviceAccount: 'etl-runner' });
    expect(compiled.workflowTemplate.spec.serviceAccountName).toBe('etl-runner');
    expect(companion(compiled, 'ServiceAccount', 'etl-runner').kind).toBe('ServiceAccount');
  });

  it('image per stage, with digests welcome', () => {
    const digest = `registry.example.com/ml/app@sha256:${'a'.repeat(64)}`;
    expect(template(extractOnly({ image: digest }), 'extract').container?.image).toBe(digest);
  });

  it('id names the task and template', () => {
    expect(template(extractOnly({ id: 'extract-orders' }), 'extract-orders').name).toBe('extract-orders');
  });

  it('parallelism limits the fan-out', () => {
    const compiled = pipeline('p', baseOptions)
      .extract(extract)
      .validate(validateRaw)
      .transform(buildFeatures, { parallel: 16, parallelism: 4 })
      .compile();
    expect(template(compiled, 'main').parallelism).toBe(4);
    expect(task(compiled, 'transform').withSequence).toEqual({ count: '16' });
  });

  it('backoffLimitPerIndex and maxFailedIndexes of the Indexed Job', () => {
    const compiled = pipeline('p', baseOptions)
      .extract(extract)
      .validate(validateRaw)
      .transform(buildFeatures, { parallel: 8, as: 'indexed-job', backoffLimitPerIndex: 1, maxFailedIndexes: 2 })
      .compile();
    expect(manifest(template(compiled, 'transform')).spec).toMatchObject({
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 2,
      completions: 8,
    });
  });

  it('train: workers, gpus, backoffLimit and hyper-parameters', () => {
    const compiled = pipeline('p', baseOptions)
      .extract(extract)
      .validate(validateRaw)
      .transform(buildFeatures)
      .validate(validateFeatures)
      .load(loadFeatures)
      .train({
        image: 'registry.example.com/t:2.0.0',
        command: ['torchrun', 'train.py'],
        gpus: 2,
        workers: 4,
        backoffLimit: 0,
        hyperparameters: { learningRate: 0.01 },
        local: trainLocal,
      })
      .compile();
    const job = manifest(template(compiled, 'train')) as {
      spec: {
        runPolicy: { backoffLimit: number };
        pytorchReplicaSpecs: {
          Worker: {
            replicas: number;
            template: { spec: { containers: { args: string[]; resources: { limits: Record<string, string> } }[] } };
          };
        };
      };
    };
    expect(job.spec.runPolicy.backoffLimit).toBe(0);
    expect(job.spec.pytorchReplicaSpecs.Worker.replicas).toBe(4);
    const container = job.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0];
    expect(container?.resources.limits['nvidia.com/gpu']).toBe('2');
    expect(container?.args).toContain('--learning-rate=0.01');
  });

  it('exitHandler: false drops the exit handler', () => {
    const spec = extractOnly({}, { exitHandler: false }).workflowTemplate.spec;
    expect(spec.onExit).toBeUndefined();
    expect(spec.templates?.map((t) => t.name)).toEqual(['main', 'extract']);
  });

  it('entrypoints: the container and local commands', () => {
    const t = template(
      extractOnly(
        {},
        { entrypoints: { container: (s) => ['python', `${s}.py`], local: (s) => ['python3', `${s}.py`] } },
      ),
      'extract',
    );
    expect(t.container?.command).toEqual(['python', 'extract-orders.py']);
    expect(JSON.parse(t.metadata?.annotations?.['sluice.dev/local-command'] ?? '[]')[0]).toBe('python3');
  });

  it('alerts and tenancy', () => {
    const compiled = extractOnly(
      {},
      { alerts: { p99DurationSeconds: 600 }, tenancy: { cpu: '4', memory: '8Gi', gpus: 0, pods: 10, priority: 5 } },
    );
    expect(JSON.stringify(companion(compiled, 'PrometheusRule', 'p-alerts'))).toContain('> 600 * 1.5');
    expect(companion(compiled, 'ResourceQuota', 'p-quota').spec).toEqual({
      hard: {
        'requests.cpu': '4',
        'limits.cpu': '8',
        'requests.memory': '8Gi',
        'limits.memory': '16Gi',
        'requests.nvidia.com/gpu': '0',
        pods: '10',
      },
    });
    expect(companion(compiled, 'PriorityClass', 'p').value).toBe(5);
  });

  it('pushgatewayUrl reaches every stage and the exit handler', () => {
    const compiled = extractOnly({}, { pushgatewayUrl: 'http://pushgateway:9091' });
    expect(template(compiled, 'extract').container?.env).toContainEqual({
      name: 'PUSHGATEWAY_URL',
      value: 'http://pushgateway:9091',
    });
    expect(template(compiled, 'push-final-status').container?.env).toContainEqual({
      name: 'PUSHGATEWAY_URL',
      value: 'http://pushgateway:9091',
    });
  });
});

describe('mistakes are refused with the place and the fix', () => {
  it('rejects latest and untagged images', () => {
    expect(() => pipeline('p', { ...baseOptions, image: 'registry.example.com/app:latest' })).toThrow(
      /pipeline p: image "registry.example.com\/app:latest" uses the tag "latest"/,
    );
    expect(() => extractOnly({ image: 'python' })).toThrow(PipelineError);
    expect(() => extractOnly({ image: 'python' })).toThrow(/p › extract: image "python" has no tag/);
  });

  it('rejects a label Kubernetes would refuse (the validator was never called)', () => {
    expect(() => extractOnly({}, { labels: { 'cost center': 'cc-142' } })).toThrow(
      /pipeline p: labels: label key "cost center" is invalid/,
    );
    expect(() => extractOnly({}, { labels: { team: 'growth ml' } })).toThrow(PipelineError);
  });

  it('rejects load straight after transform, even when the types are bypassed', () => {
    const transformed = pipeline('p', baseOptions).extract(extract).validate(validateRaw).transform(buildFeatures);
    expect(() => (transformed as unknown as { load: (s: unknown) => unknown }).load(loadFeatures)).toThrow(
      /p › load: load straight after transform skips the feature gate; add \.validate/,
    );
  });

  it('names the missing parameter and what upstream declares', () => {
    const start = pipeline('p', baseOptions) as unknown as { validate: (s: unknown) => unknown };
    expect(() => start.validate(validateRaw)).toThrow(
      /p › validate-raw: parameter rawPath of stage validate-raw is produced by no upstream stage/,
    );
  });

  it('rejects a duplicate id, a bad quantity, a bad egress entry and a bad date', () => {
    expect(() => pipeline('p', baseOptions).extract(extract).extract(extract)).toThrow(/id "extract" already exists/);
    expect(() => extractOnly({ memoryPeak: '6GB' })).toThrow(
      /p › extract: memoryPeak "6GB" is not a Kubernetes quantity/,
    );
    expect(() => extractOnly({ egress: ['postgres:http' as `${string}:${number}`] })).toThrow(/egress "postgres:http"/);
    expect(() => pipeline('p', baseOptions).extract(extract).compile({ executionDate: '17/06/2026' })).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() => pipeline('Bad_Name', baseOptions)).toThrow(/DNS label/);
  });

  it('compiles without a schedule to a template and a one-off run only', () => {
    const compiled = pipeline('p', { image: IMAGE, namespace: 'ns' })
      .extract(extract)
      .compile({ executionDate: '2026-01-02' });
    expect([compiled.cronWorkflow, compiled.workflow?.metadata.name]).toEqual([undefined, 'p-2026-01-02']);
  });
});

describe('bug: a typo in an up.<task>.<output> reference was reported as "not bound" or silently ignored', () => {
  const validated = () => pipeline('p', baseOptions).extract(extract).validate(validateRaw);
  type Loose = { transform: (s: unknown, b: (up: Record<string, Record<string, unknown>>) => unknown) => unknown };

  it('names the misspelt output and what the task declares', () => {
    const start = validated() as unknown as Loose;
    expect(() => start.transform(buildFeatures, (up) => ({ validPath: up.validateRaw?.validPth }))).toThrow(
      /p › transform: up\.validateRaw\.validPth: task validateRaw has no output validPth; it declares: validPath, deadLetters/,
    );
  });

  it('names the unknown task and the upstream tasks', () => {
    const start = validated() as unknown as Loose;
    expect(() => start.transform(buildFeatures, (up) => ({ validPath: up.validate?.validPath }))).toThrow(
      /p › transform: up\.validate: no upstream task validate; upstream tasks \(camelCase ids\): extract, validateRaw/,
    );
  });

  it('refuses a typo bound to an optional parameter instead of falling back to its default', () => {
    const start = pipeline('p', baseOptions) as unknown as {
      extract: (s: unknown, b: (up: Record<string, Record<string, unknown>>) => unknown) => unknown;
    };
    expect(() => start.extract(extract, (up) => ({ sourceUrl: up.extract?.rawPath }))).toThrow(
      /up\.extract: no upstream task/,
    );
  });
});
