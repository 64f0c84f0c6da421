import { describe, expect, it } from 'vitest';
import { DISRUPTIONS, EXIT_CODE_1_ONLY, INDEXED_JOB_POD_FAILURE_POLICY, pipeline } from '../../src/pipeline/index.js';
import {
  baseOptions,
  buildFeatures,
  extract,
  fullPipeline,
  loadFeatures,
  validateFeatures,
  validateRaw,
} from './fixtures.js';
import { companion, manifest, task, template } from './helpers.js';

const compiled = fullPipeline().compile({ executionDate: '2026-06-17' });
const stageIds = ['extract', 'validate-raw', 'transform', 'validate-features', 'load'];

describe('defaults from the seed, one per field', () => {
  it('names the DAG after the seed phases, each task waiting for the one before', () => {
    const tasks = template(compiled, 'main').dag?.tasks ?? [];
    expect(tasks.map((t) => [t.name, t.depends])).toEqual([
      ['extract', undefined],
      ['validate-raw', 'extract'],
      ['transform', 'validate-raw'],
      ['validate-features', 'transform'],
      ['load', 'validate-features'],
      ['train', 'load'],
    ]);
  });

  it('compiles a CronWorkflow with history limits 3/1, Forbid, UTC and a starting deadline', () => {
    const spec = compiled.cronWorkflow?.spec;
    expect(spec?.successfulJobsHistoryLimit).toBe(3);
    expect(spec?.failedJobsHistoryLimit).toBe(1);
    expect(spec?.concurrencyPolicy).toBe('Forbid');
    expect(spec?.timezone).toBe('UTC');
    expect(spec?.startingDeadlineSeconds).toBe(3600);
    expect(spec?.schedules).toEqual(['0 2 * * *']);
    expect(spec?.workflowSpec.workflowTemplateRef).toEqual({ name: 'customer-features' });
  });

  it('takes the execution date from workflow.scheduledTime in the CronWorkflow, never from now', () => {
    expect(compiled.cronWorkflow?.spec.workflowSpec.arguments?.parameters).toEqual([
      { name: 'execution-date', value: '{{=sprig.trunc(10, workflow.scheduledTime)}}' },
    ]);
    expect(JSON.stringify(compiled.workflowTemplate)).not.toMatch(/now\(|creationTimestamp/);
  });

  it('names the one-off Workflow <pipeline>-<execution-date> and passes the date', () => {
    expect(compiled.workflow?.metadata.name).toBe('customer-features-2026-06-17');
    expect(compiled.workflow?.spec.arguments?.parameters?.[0]).toEqual({ name: 'execution-date', value: '2026-06-17' });
  });

  it('threads execution-date to every stage as --param', () => {
    for (const id of stageIds) {
      expect(task(compiled, id).arguments?.parameters?.[0]).toEqual({
        name: 'execution-date',
        value: '{{workflow.parameters.execution-date}}',
      });
      expect(template(compiled, id).container?.args?.slice(0, 2)).toEqual([
        '--param',
        'execution-date={{inputs.parameters.execution-date}}',
      ]);
    }
  });

  it('retries exit code 1 and disruptions, never exit code 2', () => {
    expect(template(compiled, 'extract').retryStrategy).toEqual({
      limit: 3,
      retryPolicy: 'Always',
      expression: `${EXIT_CODE_1_ONLY} || ${DISRUPTIONS}`,
      backoff: { duration: '30s', factor: 2, cap: '10m' },
    });
    expect(EXIT_CODE_1_ONLY).toBe("lastRetry.exitCode == '1'");
    expect(DISRUPTIONS).toContain("lastRetry.status == 'Error'");
    expect(DISRUPTIONS).toContain('pod deleted');
    expect(`${EXIT_CODE_1_ONLY} || ${DISRUPTIONS}`).not.toContain("'2'");
  });

  it('sets requests and limits on every container (500m/1 CPU, 512Mi/1Gi)', () => {
    expect(template(compiled, 'extract').container?.resources).toEqual({
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    for (const t of compiled.workflowTemplate.spec.templates ?? []) {
      if (t.container)
        expect(Object.keys(t.container.resources?.limits ?? {})).toEqual(expect.arrayContaining(['cpu', 'memory']));
    }
  });

  it('sets the memory limit 25% above memoryPeak', () => {
    expect(template(compiled, 'transform').container?.resources).toEqual({
      requests: { cpu: '500m', memory: '6Gi' },
      limits: { cpu: '1', memory: '7680Mi' },
    });
  });

  it('runs every pod as PSS restricted: uid 10001, non-root, seccomp RuntimeDefault', () => {
    for (const id of stageIds)
      expect(template(compiled, id).securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
  });

  it('runs every container read-only, without privilege escalation, with all capabilities dropped', () => {
    expect(template(compiled, 'load').container?.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('mounts an emptyDir scratch at /tmp under the read-only root filesystem', () => {
    expect(template(compiled, 'load').volumes?.[0]).toEqual({ name: 'sluice-tmp', emptyDir: { sizeLimit: '10Gi' } });
    expect(template(compiled, 'load').container?.volumeMounts?.[0]).toEqual({ name: 'sluice-tmp', mountPath: '/tmp' });
  });

  it('mounts secrets only as read-only volumes, never as environment variables', () => {
    const t = template(compiled, 'extract');
    expect(t.volumes).toContainEqual({
      name: 'secret-pg-credentials',
      secret: { secretName: 'pg-credentials', defaultMode: 0o400 },
    });
    expect(t.container?.volumeMounts).toContainEqual({
      name: 'secret-pg-credentials',
      mountPath: '/var/run/secrets/sluice/pg-credentials',
      readOnly: true,
    });
    expect(JSON.stringify(t.container?.env)).not.toMatch(/secretKeyRef|pg-credentials/);
  });

  it('bug: SLUICE_NODE_NAME was {{pod.name}}, new on every retry, so a retry never found its checkpoint', () => {
    for (const id of stageIds) {
      const env = template(compiled, id).container?.env ?? [];
      expect(env).toContainEqual({ name: 'SLUICE_NODE_NAME', value: '{{node.name}}' });
      expect(JSON.stringify(env)).not.toContain('{{pod.name}}');
    }
  });

  it('sets terminationGracePeriodSeconds 60 with the runtime flushing 10 s before, and activeDeadlineSeconds 7200', () => {
    const t = template(compiled, 'transform');
    expect(t.podSpecPatch).toBe('{"terminationGracePeriodSeconds":60}');
    expect(t.container?.env).toContainEqual({ name: 'SLUICE_GRACE_SECONDS', value: '50' });
    expect(t.activeDeadlineSeconds).toBe(7200);
  });

  it('keeps CPU stages off the GPU pool and never gives them the GPU toleration', () => {
    for (const id of stageIds) {
      const t = template(compiled, id);
      expect(t.tolerations).toBeUndefined();
      expect(t.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
        { matchExpressions: [{ key: 'sluice.dev/accelerator', operator: 'DoesNotExist' }] },
      ]);
    }
  });

  it('puts the pipeline, stage, team and cost-centre labels on every object and template', () => {
    const expected = {
      team: 'growth-ml',
      'cost-center': 'cc-142',
      'sluice.dev/pipeline': 'customer-features',
      'app.kubernetes.io/managed-by': 'sluice',
    };
    for (const object of [compiled.workflowTemplate, compiled.cronWorkflow, compiled.workflow, ...compiled.companions])
      expect(object?.metadata?.labels).toMatchObject(expected);
    expect(template(compiled, 'transform').metadata?.labels).toMatchObject({
      ...expected,
      'sluice.dev/stage': 'transform',
    });
    expect(compiled.workflowTemplate.spec.podMetadata?.labels).toMatchObject(expected);
  });

  it('fans transform out over 16 partitions with an Argo loop, parallelism and the partition index', () => {
    expect(task(compiled, 'transform').withSequence).toEqual({ count: '16' });
    expect(task(compiled, 'transform').arguments?.parameters).toContainEqual({
      name: 'partition-index',
      value: '{{item}}',
    });
    expect(template(compiled, 'main').parallelism).toBe(16);
    expect(template(compiled, 'transform').container?.env).toEqual(
      expect.arrayContaining([
        { name: 'SLUICE_PARTITION_INDEX', value: '{{inputs.parameters.partition-index}}' },
        { name: 'SLUICE_PARTITION_COUNT', value: '16' },
      ]),
    );
  });

  it('wires parameters from upstream outputs by name, pipeline parameters, and explicit bindings', () => {
    expect(task(compiled, 'validate-raw').arguments?.parameters).toContainEqual({
      name: 'raw-path',
      value: '{{tasks.extract.outputs.parameters.raw-path}}',
    });
    expect(task(compiled, 'transform').arguments?.parameters).toEqual(
      expect.arrayContaining([
        { name: 'valid-path', value: '{{tasks.validate-raw.outputs.parameters.valid-path}}' },
        { name: 'feature-root', value: '{{workflow.parameters.feature-root}}' },
      ]),
    );
    expect(template(compiled, 'extract').outputs?.parameters).toEqual([
      { name: 'raw-path', valueFrom: { path: '/tmp/sluice/outputs/raw-path' } },
      { name: 'row-count', valueFrom: { path: '/tmp/sluice/outputs/row-count' } },
    ]);
  });

  it('trains with a PyTorchJob after load, on 8 GPUs per replica with the GPU toleration and affinity', () => {
    const t = template(compiled, 'train');
    const job = manifest(t) as {
      apiVersion: string;
      kind: string;
      spec: { pytorchReplicaSpecs: Record<string, { replicas: number; template: { spec: Record<string, unknown> } }> };
    };
    expect([job.apiVersion, job.kind]).toEqual(['kubeflow.org/v1', 'PyTorchJob']);
    expect(job.spec.pytorchReplicaSpecs.Master?.replicas).toBe(1);
    expect(job.spec.pytorchReplicaSpecs.Worker?.replicas).toBe(2);
    const pod = job.spec.pytorchReplicaSpecs.Worker?.template.spec as {
      containers: { resources: unknown; args: string[] }[];
      tolerations: unknown;
      affinity: unknown;
    };
    expect(pod.containers[0]?.resources).toEqual({
      requests: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '8' },
      limits: { cpu: '8', memory: '20Gi', 'nvidia.com/gpu': '8' },
    });
    expect(pod.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
    ]);
    expect(pod.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'sluice.dev/accelerator', operator: 'Exists' }] }],
        },
      },
    });
    expect(pod.containers[0]?.args).toContain('--dataset-version={{inputs.parameters.dataset-version}}');
    expect(task(compiled, 'train').arguments?.parameters).toContainEqual({
      name: 'dataset-version',
      value: '{{tasks.load.outputs.parameters.dataset-version}}',
    });
    expect(t.resource?.successCondition).toBe('status.replicaStatuses.Master.succeeded > 0');
    expect(t.resource?.failureCondition).toBe('status.replicaStatuses.Master.failed > 0');
  });

  it('pushes the final status from an exit handler', () => {
    expect(compiled.workflowTemplate.spec.onExit).toBe('push-final-status');
    const env = template(compiled, 'push-final-status').container?.env;
    expect(env).toContainEqual({ name: 'STATUS', value: '{{workflow.status}}' });
  });

  it('annotates every stage template with its local command for workflow run --local', () => {
    expect(JSON.parse(template(compiled, 'extract').metadata?.annotations?.['sluice.dev/local-command'] ?? '')).toEqual(
      [
        'node',
        '--import',
        'tsx',
        'stages/extract-orders.ts',
        '--param',
        'execution-date={{inputs.parameters.execution-date}}',
      ],
    );
    expect(JSON.parse(template(compiled, 'train').metadata?.annotations?.['sluice.dev/local-command'] ?? '')).toEqual([
      'node',
      '--import',
      'tsx',
      'stages/train-local.ts',
      '--param',
      'execution-date={{inputs.parameters.execution-date}}',
      '--param',
      'dataset-version={{inputs.parameters.dataset-version}}',
      '--param',
      'store-root={{inputs.parameters.store-root}}',
    ]);
  });

  it('turns a transform with as: indexed-job into a batch/v1 Indexed Job with the seed podFailurePolicy', () => {
    const indexed = pipeline('customer-features', baseOptions)
      .extract(extract)
      .validate(validateRaw)
      .transform(buildFeatures, { parallel: 16, as: 'indexed-job' })
      .validate(validateFeatures)
      .load(loadFeatures)
      .compile();
    const t = template(indexed, 'transform');
    const job = manifest(t) as { apiVersion: string; kind: string; spec: Record<string, unknown> };
    expect([job.apiVersion, job.kind]).toEqual(['batch/v1', 'Job']);
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 16,
      parallelism: 16,
      backoffLimitPerIndex: 3,
      maxFailedIndexes: 0,
    });
    expect(job.spec.podFailurePolicy).toEqual({
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [2] } },
        { action: 'Count', onExitCodes: { containerName: 'main', operator: 'In', values: [1] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
      ],
    });
    expect(job.spec.podFailurePolicy).toEqual(INDEXED_JOB_POD_FAILURE_POLICY);
    expect(t.resource?.successCondition).toBe('status.succeeded > 15');
    expect(t.resource?.failureCondition).toBe('status.failedIndexes');
    expect(task(indexed, 'transform').withSequence).toBeUndefined();
    const jobPod = (job.spec.template as { spec: { containers: { env?: { name: string }[] }[] } }).spec;
    expect(jobPod.containers[0]?.env?.map((v) => v.name)).not.toContain('SLUICE_NODE_NAME');
    expect(t.executor).toEqual({ serviceAccountName: 'customer-features-executor-launcher' });
    expect(companion(indexed, 'Role', 'customer-features-executor-launcher').rules).toContainEqual({
      apiGroups: ['batch'],
      resources: ['jobs'],
      verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'],
    });
  });
});

describe('the exit handler program', () => {
  it('prints the final status metrics when no Pushgateway is configured', async () => {
    const { execFileSync } = await import('node:child_process');
    const { PUSH_STATUS_SCRIPT } = await import('../../src/pipeline/exit-handler.js');
    const out = execFileSync(process.execPath, ['-e', PUSH_STATUS_SCRIPT], {
      env: { PIPELINE: 'customer-features', STATUS: 'Failed', DURATION: '42.5' },
      encoding: 'utf8',
    });
    expect(out).toBe(
      'job_success{pipeline="customer-features"} 0\njob_duration_seconds{pipeline="customer-features"} 42.5\n',
    );
  });
});

describe('what the CLI reads', () => {
  it('toManifests() gives the companions, the WorkflowTemplate and the CronWorkflow, in apply order', () => {
    const kinds = fullPipeline()
      .toManifests()
      .map((o) => o.kind);
    expect(kinds.slice(-2)).toEqual(['WorkflowTemplate', 'CronWorkflow']);
    expect(kinds[0]).toBe('NetworkPolicy');
    expect(kinds).not.toContain('Workflow');
  });
});

describe('the exit handler program against an unreachable Pushgateway', () => {
  it('logs the failure and still exits 0', async () => {
    const { spawnSync } = await import('node:child_process');
    const { PUSH_STATUS_SCRIPT } = await import('../../src/pipeline/exit-handler.js');
    const result = spawnSync(process.execPath, ['-e', PUSH_STATUS_SCRIPT], {
      env: { PIPELINE: 'p', STATUS: 'Succeeded', DURATION: '1', PUSHGATEWAY_URL: 'http://127.0.0.1:9' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/could not push the final status/);
    expect(result.stdout).toContain('job_success{pipeline="p"} 1');
  });
});

describe('isPipeline', () => {
  it('recognises pipelines by their registry-wide brand, and nothing else', async () => {
    const { isPipeline } = await import('../../src/pipeline/index.js');
    expect(isPipeline(fullPipeline())).toBe(true);
    expect(isPipeline({ [Symbol.for('sluice.pipeline')]: true })).toBe(true);
    expect(isPipeline({ toKustomize: () => [] })).toBe(false);
    expect(isPipeline(null)).toBe(false);
  });
});
