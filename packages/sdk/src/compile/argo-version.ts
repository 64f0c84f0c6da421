import { type ArgoVersion, argoVersions, formatIssue, validateManifest } from '@sluice/argo-types';

/**
 * A definition that uses something the target Argo release does not have: the message names the release.
 * @example
 * ```ts
 * import { ArgoVersionError, forArgoVersion } from '@sluice/sdk';
 *
 * const doc = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'x' }, spec: { hooks: {} } };
 * try {
 *   forArgoVersion(doc, '3.5');
 * } catch (error) {
 *   if (error instanceof ArgoVersionError) console.error(error.message); // the field 3.5 lacks, and what to do
 * }
 * ```
 */
export class ArgoVersionError extends Error {
  override readonly name = 'ArgoVersionError';
}

type Json = Record<string, unknown>;

const ARGO_KINDS = ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const before = (version: ArgoVersion, than: ArgoVersion) => argoVersions.indexOf(version) < argoVersions.indexOf(than);

/** `schedule` (one, up to 3.7) and `schedules` (a list, from 3.6; the only form from 4.0). */
function retargetSchedule(spec: Json, version: ArgoVersion, where: string): void {
  const list = Array.isArray(spec.schedules) ? spec.schedules : [];
  if (before(version, '3.6') && list.length > 0) {
    if (list.length + (typeof spec.schedule === 'string' ? 1 : 0) > 1) {
      throw new ArgoVersionError(
        `${where}: Argo ${version} runs one schedule per CronWorkflow (spec.schedule) and this one has ${list.length}; several schedules need Argo 3.6 or later`,
      );
    }
    spec.schedule ??= list[0];
    delete spec.schedules;
  } else if (!before(version, '4.0') && typeof spec.schedule === 'string') {
    spec.schedules = [spec.schedule, ...list.filter((s) => s !== spec.schedule)];
    delete spec.schedule;
  }
}

/** `semaphore` / `mutex` (one, up to 3.7) and `semaphores` / `mutexes` (lists, from 3.6; the only form from 4.0). */
function retargetSynchronization(sync: Json, version: ArgoVersion, where: string): void {
  for (const [one, many] of [
    ['semaphore', 'semaphores'],
    ['mutex', 'mutexes'],
  ] as const) {
    const list = Array.isArray(sync[many]) ? sync[many] : [];
    if (before(version, '3.6') && list.length > 0) {
      if (list.length > 1 || sync[one] !== undefined) {
        throw new ArgoVersionError(
          `${where}.synchronization: Argo ${version} takes one ${one} and this definition has ${list.length + (sync[one] === undefined ? 0 : 1)}; several ${many} need Argo 3.6 or later`,
        );
      }
      sync[one] = list[0];
      delete sync[many];
    } else if (!before(version, '4.0') && isObject(sync[one])) {
      sync[many] = [sync[one], ...list];
      delete sync[one];
    }
  }
}

function retargetSpec(spec: Json, version: ArgoVersion, where: string): void {
  if (isObject(spec.synchronization)) retargetSynchronization(spec.synchronization, version, `${where}`);
  const templates = Array.isArray(spec.templates) ? spec.templates : [];
  templates.forEach((template, i) => {
    if (isObject(template) && isObject(template.synchronization)) {
      retargetSynchronization(template.synchronization, version, `${where}.templates[${i}]`);
    }
  });
}

/**
 * Options of {@link forArgoVersion}.
 * @example
 * ```ts
 * import { forArgoVersion, type ForArgoVersionOptions } from '@sluice/sdk';
 *
 * const renameOnly: ForArgoVersionOptions = { check: false };
 * const doc = { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'x' }, spec: { schedule: '0 2 * * *', workflowSpec: {} } };
 * forArgoVersion(doc, '4.1', renameOnly).spec; // { schedules: ['0 2 * * *'], workflowSpec: {} }
 * ```
 */
export interface ForArgoVersionOptions {
  /**
   * Check the result against the release's schema and throw for a field it lacks (default true). With `false`, only
   * the renamed fields are rewritten, e.g. to bring an older release's YAML to the form the builders use.
   */
  readonly check?: boolean;
}

/**
 * An Argo manifest as the target release reads it: where a field was renamed between releases the form of that
 * release is written (a CronWorkflow's `schedule` for 3.5, `schedules` from 4.0; `semaphore` / `semaphores`,
 * `mutex` / `mutexes`), and a definition that uses something the release does not have fails with a sentence that
 * names the release. The release's schema must be loaded (`await loadArgoSchema(version)`); the newest always is.
 *
 * @throws {ArgoVersionError} naming the object, the field and the release that has it.
 * @example
 * ```ts
 * import { loadArgoSchema } from '@sluice/argo-types';
 * import { container, cronWorkflow, forArgoVersion } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36' } });
 * const nightly = cronWorkflow('nightly', { schedules: ['0 2 * * *'] }).entrypoint(main);
 * await loadArgoSchema('3.5');
 * const legacy = forArgoVersion(nightly.toObject(), '3.5');
 * JSON.stringify(legacy.spec); // '{"schedule":"0 2 * * *",…}' (3.5 has `schedule`, not `schedules`)
 * ```
 */
export function forArgoVersion<T extends object>(
  manifest: T,
  version: ArgoVersion,
  options: ForArgoVersionOptions = {},
): T {
  if (!ARGO_KINDS.includes(String((manifest as Json).kind))) return manifest;
  const doc = structuredClone(manifest) as Json;
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const name = `${String(doc.kind)} ${String(meta.name ?? meta.generateName ?? '')}`.trim();
  const spec = isObject(doc.spec) ? doc.spec : undefined;
  if (spec !== undefined && doc.kind === 'CronWorkflow') {
    retargetSchedule(spec, version, `${name}: spec`);
    if (isObject(spec.workflowSpec)) retargetSpec(spec.workflowSpec, version, `${name}: spec.workflowSpec`);
  } else if (spec !== undefined) {
    retargetSpec(spec, version, `${name}: spec`);
  }
  if (options.check === false) return doc as T;
  const missing = validateManifest(doc, { argoVersion: version }).issues.filter((i) =>
    i.message.startsWith('not in Argo'),
  );
  if (missing.length > 0) {
    throw new ArgoVersionError(
      `${name} cannot target Argo ${version}: ${missing.map(formatIssue).join('; ')}. Target a release that has ${missing.length === 1 ? 'it' : 'them'}, or leave ${missing.length === 1 ? 'it' : 'them'} out.`,
    );
  }
  return doc as T;
}
