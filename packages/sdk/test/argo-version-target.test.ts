import { argoVersions, loadArgoSchema } from '@sluice/argo-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgoVersionError, container, cronWorkflow, forArgoVersion, lint, workflow } from '../src/index.js';
import { fullPipeline } from './pipeline/fixtures.js';

const hello = container({ name: 'hello', container: { image: 'busybox:1.36', command: ['echo', 'hi'] } });

beforeAll(async () => {
  for (const v of argoVersions) await loadArgoSchema(v);
});

describe('builders targeting an Argo release', () => {
  const nightly = cronWorkflow('nightly', { schedules: ['0 2 * * *'] }, { entrypoint: hello });

  it('a CronWorkflow gets schedule on 3.5, schedules from 3.6', () => {
    const on35 = nightly.toObject({ argoVersion: '3.5' }).spec as Record<string, unknown>;
    expect(on35.schedule).toBe('0 2 * * *');
    expect(on35).not.toHaveProperty('schedules');
    for (const v of ['3.6', '3.7', '4.0', '4.1'] as const) {
      expect(nightly.toObject({ argoVersion: v }).spec.schedules).toEqual(['0 2 * * *']);
    }
    expect(nightly.toYaml({ argoVersion: '3.5' })).toContain('\n  schedule: 0 2 * * *\n');
  });

  it('a 3.x CronWorkflow written with schedule gets schedules on 4.0', () => {
    const old = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: 'old' },
      spec: {
        schedule: '5 * * * *',
        workflowSpec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox:1.36' } }] },
      },
    };
    expect(forArgoVersion(old, '4.0').spec).toMatchObject({ schedules: ['5 * * * *'] });
    expect(forArgoVersion(old, '4.0').spec).not.toHaveProperty('schedule');
    expect(forArgoVersion(old, '3.7')).toEqual(old);
  });

  it('two schedules cannot target 3.5: the build fails with a sentence naming the release', () => {
    const twice = cronWorkflow('twice', { schedules: ['0 2 * * *', '0 14 * * *'] }, { entrypoint: hello });
    expect(() => twice.toObject({ argoVersion: '3.5' })).toThrow(ArgoVersionError);
    expect(() => twice.toObject({ argoVersion: '3.5' })).toThrow(
      'CronWorkflow twice: spec: Argo 3.5 runs one schedule per CronWorkflow (spec.schedule) and this one has 2; several schedules need Argo 3.6 or later',
    );
  });

  it('one semaphore becomes semaphore on 3.5; two fail naming the release', () => {
    const ref = (key: string) => ({ configMapKeyRef: { name: 'limits', key } });
    const one = workflow({ generateName: 'sync-' }, { entrypoint: hello }).set({
      synchronization: { semaphores: [ref('a')] },
    });
    expect(one.toObject({ argoVersion: '3.5' }).spec.synchronization).toEqual({ semaphore: ref('a') });
    expect(one.toObject({ argoVersion: '4.1' }).spec.synchronization).toEqual({ semaphores: [ref('a')] });
    const two = one.set({ synchronization: { semaphores: [ref('a'), ref('b')] } });
    expect(() => two.toObject({ argoVersion: '3.5' })).toThrow(
      'Workflow sync-: spec.synchronization: Argo 3.5 takes one semaphore and this definition has 2; several semaphores need Argo 3.6 or later',
    );
  });

  it('a feature the release lacks fails the build, naming the field and the release that added it', () => {
    const wf = workflow({ generateName: 'pod-' }, { entrypoint: hello }).set({
      podResources: { limits: { cpu: '2' } },
    });
    expect(() => wf.toObject({ argoVersion: '4.0' })).toThrow(
      'Workflow pod- cannot target Argo 4.0: spec.podResources: not in Argo 4.0 (added in 4.1). Target a release that has it, or leave it out.',
    );
    expect(wf.toObject({ argoVersion: '4.1' }).spec.podResources).toEqual({ limits: { cpu: '2' } });
  });
});

describe('pipeline() targeting an Argo release', () => {
  /** Paths (dotted) where two JSON values differ. */
  function differences(a: unknown, b: unknown, at = ''): string[] {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return [at];
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at === '' ? k : `${at}.${k}`),
    );
  }

  /** `spec.templates.<i>.retryStrategy.backoff.cap` of the WorkflowTemplate's templates that have one. */
  function cappedTemplates(objects: readonly { kind: string }[]): string[] {
    const wt = fullPipeline().compile().workflowTemplate;
    expect(objects.some((o) => o.kind === 'WorkflowTemplate')).toBe(true);
    return (wt.spec.templates ?? []).flatMap((t, i) =>
      t.retryStrategy?.backoff?.cap === undefined ? [] : [`spec.templates.${i}.retryStrategy.backoff.cap`],
    );
  }

  it('compiled for each release, differs from 4.1 only where the releases differ', () => {
    const newest = fullPipeline().toObjects({ executionDate: '2026-06-17' });
    for (const v of argoVersions) {
      const objects = fullPipeline().toObjects({ executionDate: '2026-06-17', argoVersion: v });
      expect(objects.map((o) => o.kind)).toEqual(newest.map((o) => o.kind));
      const diff = objects.flatMap((o, i) => differences(newest[i], o).map((p) => `${o.kind}:${p}`));
      // The default per-wait backoff cap exists from 3.7; the CronWorkflow's single schedule before 3.6.
      const caps = v === '3.5' || v === '3.6' ? cappedTemplates(newest).map((p) => `WorkflowTemplate:${p}`) : [];
      const schedule = v === '3.5' ? ['CronWorkflow:spec.schedules', 'CronWorkflow:spec.schedule'] : [];
      const workflowCaps = caps.map((c) => c.replace('WorkflowTemplate:', 'Workflow:'));
      expect(diff.sort(), v).toEqual([...caps, ...schedule, ...workflowCaps].sort());
    }
  });

  it('compiled for each release, lints clean under that release', () => {
    for (const v of argoVersions) {
      const objects = fullPipeline().toObjects({ executionDate: '2026-06-17', argoVersion: v });
      const results = lint(
        objects.map((doc) => ({ source: `${doc.kind}.yaml`, doc, fromPipeline: true })),
        { argoVersion: v },
      );
      expect(
        results.flatMap((r) => r.errors.filter((e) => e.severity === 'error').map((e) => e.message)),
        v,
      ).toEqual([]);
    }
  });

  it('a backoff cap the definition asks for cannot target 3.6: the build fails naming the release', () => {
    const capped = fullPipeline({ retries: { limit: 2, maxBackoff: '5m' } });
    expect(() => capped.toObjects({ argoVersion: '3.6' })).toThrow(
      /^WorkflowTemplate customer-features cannot target Argo 3\.6: spec\.templates\[\d+\]\.retryStrategy\.backoff\.cap: not in Argo 3\.6 \(added in 3\.7\)/,
    );
    expect(() => capped.toObjects({ argoVersion: '3.7' })).not.toThrow();
  });
});
