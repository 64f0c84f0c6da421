import type {
  ArgoKind,
  ArgoManifest,
  ArgoVersion,
  Artifact,
  CronWorkflowSpec,
  ObjectMeta,
  Parameter,
  Template,
  WorkflowSpec,
} from '@sluice/argo-types';
import { forArgoVersion } from '../compile/argo-version.js';
import { canonicalCopy } from '../compile/canonical.js';
import { copyArray, freezeModel, sealModel } from '../model/freeze.js';
import { argoName } from '../model/names.js';
import { emitYaml } from '../yaml/emit.js';
import { collectTemplates } from './collect.js';
import { INTERNAL } from './internal.js';
import { parameterAsText } from './io.js';
import { type AnyTemplateBuilder, compileHooks, DepSet, type HookSpec } from './node.js';
import { fromTemplate, type TemplateBuilder } from './template.js';
import type { TemplateHolder } from './template-ref.js';
import type { ArtifactSpec, UntypedInputs, UntypedOutputs } from './types.js';
import { WorkflowArguments, type WorkflowParameterValue } from './workflow-arguments.js';

/** The API version of every Argo workflow kind. */
export const API_VERSION = 'argoproj.io/v1alpha1';

/**
 * Options of `toObject()`, `toYaml()` and `toJson()`.
 * @example
 * ```ts
 * import { container, type TargetOptions, workflow } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36' } });
 * const forOldServer: TargetOptions = { argoVersion: '3.5' };
 * const yaml = workflow({ generateName: 'hello-' }).entrypoint(main).toYaml(forOldServer);
 * ```
 */
export interface TargetOptions {
  /** The Argo release to write for (default: as declared, which is the newest release's form). */
  readonly argoVersion?: ArgoVersion;
}

/**
 * The typed object of a workflow kind, as `toObject()` returns it.
 * @example
 * ```ts
 * import { container, type ManifestObject, workflowTemplate } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36' } });
 * const object: ManifestObject<'WorkflowTemplate'> = workflowTemplate('nightly').entrypoint(main).toObject();
 * console.log(object.spec.entrypoint); // 'main'
 * ```
 */
export type ManifestObject<K extends ArgoKind> = Extract<ArgoManifest, { kind: K }> & { apiVersion: string; kind: K };

/**
 * `WorkflowSpec` fields `set()` accepts: all but those with their own methods (templates, entrypoint, onExit, hooks).
 * @example
 * ```ts
 * import { container, workflow, type WorkflowSpecFields } from '@sluice/sdk';
 *
 * const hardened: WorkflowSpecFields = { serviceAccountName: 'etl', podGC: { strategy: 'OnPodSuccess' }, activeDeadlineSeconds: 3600 };
 * const wf = workflow({ generateName: 'etl-' }).set(hardened).entrypoint(container({ name: 'main', container: { image: 'busybox:1.36' } }));
 * ```
 */
export type WorkflowSpecFields = Omit<WorkflowSpec, 'templates' | 'entrypoint' | 'onExit' | 'hooks'>;

/**
 * A template to list: a builder or a plain Argo template.
 * @example
 * ```ts
 * import { container, type TemplateInput, workflowTemplate } from '@sluice/sdk';
 *
 * const templates: TemplateInput[] = [
 *   container({ name: 'built', container: { image: 'busybox:1.36' } }),
 *   { name: 'plain', container: { image: 'busybox:1.36' } },
 * ];
 * const shared = workflowTemplate('shared').templates(...templates);
 * ```
 */
export type TemplateInput = AnyTemplateBuilder | Template;

/**
 * The initial spec of a workflow builder: spec fields plus templates and entrypoint as builders or names.
 * @example
 * ```ts
 * import { container, workflow, type WorkflowSpecInput } from '@sluice/sdk';
 *
 * const spec: WorkflowSpecInput = {
 *   entrypoint: container({ name: 'main', container: { image: 'busybox:1.36' } }),
 *   ttlStrategy: { secondsAfterCompletion: 86_400 },
 * };
 * const wf = workflow({ generateName: 'hello-' }, spec);
 * ```
 */
export type WorkflowSpecInput = WorkflowSpecFields & {
  /** The template run first: a builder (listed too) or a template name. */
  entrypoint?: string | AnyTemplateBuilder;
  /** Templates to list (each with the templates it runs). */
  templates?: readonly TemplateInput[];
  /** The exit handler: a builder (listed too) or a template name. */
  onExit?: string | AnyTemplateBuilder;
  /** Workflow lifecycle hooks; templates may be builders, arguments typed with `hook()`. */
  hooks?: Readonly<Record<string, HookSpec>>;
};

function isTemplateInput(t: TemplateInput): t is AnyTemplateBuilder {
  return INTERNAL in t;
}

/** @internal The key of a manifest builder's frozen model. */
export const MODEL: unique symbol = Symbol.for('sluice.model');

function meta(m: string | ObjectMeta): ObjectMeta {
  return typeof m === 'string' ? { name: m } : m;
}

/**
 * An immutable Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow over a frozen, typed Argo
 * object. Every method returns a new builder; `toObject()`, `toYaml()` and `toJson()` compile it.
 * @example
 * ```ts
 * import { fromYaml, type ManifestBuilder } from '@sluice/sdk';
 *
 * const text = 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: hello-}\nspec: {entrypoint: main, templates: [{name: main, container: {image: "busybox:1.36"}}]}\n';
 * const builders: ManifestBuilder[] = fromYaml(text, 'hello.yaml');
 * for (const b of builders) console.log(b.withLabels({ team: 'data' }).toYaml());
 * ```
 */
export class ManifestBuilder<K extends ArgoKind = ArgoKind> implements TemplateHolder {
  /** @internal */
  readonly [MODEL]: Readonly<ManifestObject<K>>;

  /** @internal Use `workflow()`, `workflowTemplate()`, `clusterWorkflowTemplate()`, `cronWorkflow()` or `fromYaml()`. */
  constructor(model: Readonly<ManifestObject<K>>) {
    this[MODEL] = model;
  }

  /** The kind: `Workflow`, `WorkflowTemplate`, `ClusterWorkflowTemplate` or `CronWorkflow`. */
  get kind(): K {
    return this[MODEL].kind;
  }

  /** `metadata.name` (undefined for a Workflow with only a `generateName`). */
  get name(): string | undefined {
    return this[MODEL].metadata.name;
  }

  /** @internal The workflow spec (for a CronWorkflow, `spec.workflowSpec`). */
  protected workflowSpec(): Readonly<WorkflowSpec> {
    return this[MODEL].spec as WorkflowSpec;
  }

  /** @internal A builder of the same class over `model`. */
  protected derive(model: Readonly<ManifestObject<K>>): this {
    const Ctor = this.constructor as new (m: Readonly<ManifestObject<K>>) => this;
    return new Ctor(freezeModel(model));
  }

  /** @internal A copy with the workflow spec replaced. */
  protected withWorkflowSpec(spec: WorkflowSpec): this {
    return this.derive({ ...this[MODEL], spec } as ManifestObject<K>);
  }

  #where(): string {
    const m = this[MODEL].metadata;
    return `${this.kind} "${m.name ?? m.generateName ?? ''}"`;
  }

  /**
   * Lists templates (builders or plain Argo templates) and every template they run, each once.
   *
   * @example
   * ```ts
   * workflowTemplate('shared').templates(whalesay, echo);
   * ```
   */
  templates(...templates: TemplateInput[]): this {
    const spec = this.workflowSpec();
    const list = collectTemplates(this.#where(), spec.templates ?? [], templates);
    return this.withWorkflowSpec({ ...spec, templates: list as Template[] });
  }

  /**
   * Replaces the listed template of the same name (keeping its place), and lists what the new one runs.
   *
   * @example
   * ```ts
   * const [wf] = fromYaml(text);
   * wf?.replaceTemplate(wf.template('main').set({ retryStrategy: { limit: 2 } }));
   * ```
   */
  replaceTemplate(template: TemplateInput): this {
    const spec = this.workflowSpec();
    const replacement = isTemplateInput(template) ? template[INTERNAL].template : freezeModel(template);
    const list = copyArray(spec.templates ?? []);
    const i = list.findIndex((t) => t.name === replacement.name);
    if (i < 0) {
      throw new Error(`${this.#where()} has no template "${replacement.name}" to replace; add it with templates()`);
    }
    list[i] = replacement as Template;
    const b = this.withWorkflowSpec({ ...spec, templates: sealModel(list) });
    return isTemplateInput(template) ? b.templates(template) : b;
  }

  /**
   * Sets the entrypoint; a builder is listed too (with the templates it runs).
   *
   * @example
   * ```ts
   * workflow({ generateName: 'hello-' }).entrypoint(main);
   * // spec:
   * //   entrypoint: main
   * //   templates:
   * //   - name: main
   * //   ...
   * ```
   */
  entrypoint(template: string | AnyTemplateBuilder): this {
    return this.#withTemplateField('entrypoint', template);
  }

  /** Sets the exit handler (`onExit`); a builder is listed too. */
  onExit(template: string | AnyTemplateBuilder): this {
    return this.#withTemplateField('onExit', template);
  }

  #withTemplateField(field: 'entrypoint' | 'onExit', template: string | AnyTemplateBuilder): this {
    const b = typeof template === 'string' ? this : this.templates(template);
    const spec = b.workflowSpec();
    return b.withWorkflowSpec({ ...spec, [field]: typeof template === 'string' ? template : template.name });
  }

  /** Sets workflow lifecycle hooks (`hooks`); templates given as builders are listed too. */
  hooks(hooks: Readonly<Record<string, HookSpec>>): this {
    const deps = new DepSet();
    const compiled = compileHooks(`${this.#where()} spec`, hooks, deps, []);
    const b = this.templates(...(deps.list as AnyTemplateBuilder[]));
    return b.withWorkflowSpec({ ...b.workflowSpec(), hooks: { ...b.workflowSpec().hooks, ...compiled } });
  }

  /**
   * Sets the workflow's arguments: parameters keyed by TypeScript name (Argo name in kebab-case; values as strings)
   * and optionally artifacts, or the arguments declared with `workflowArguments()` (whose typed
   * `{{workflow.parameters....}}` references the templates use). Replaces arguments of the same name.
   *
   * @example
   * ```ts
   * wf.arguments({ message: 'hello', batchSize: 100 });
   * // arguments:
   * //   parameters:
   * //   - name: message
   * //     value: hello
   * //   - name: batch-size
   * //     value: '100'
   * ```
   */
  arguments(
    parameters: Readonly<Record<string, WorkflowParameterValue>> | WorkflowArguments,
    artifacts: Readonly<Record<string, ArtifactSpec>> = {},
  ): this {
    if (parameters instanceof WorkflowArguments) {
      return this.arguments(parameters.parameterSpecs, { ...parameters.artifactSpecs, ...artifacts });
    }
    const spec = this.workflowSpec();
    const params: Parameter[] = copyArray(spec.arguments?.parameters ?? []);
    const arts: Artifact[] = copyArray(spec.arguments?.artifacts ?? []);
    const put = <T extends { name: string }>(list: T[], item: T) => {
      const i = list.findIndex((x) => x.name === item.name);
      if (i < 0) list.push(item);
      else list[i] = item;
    };
    for (const key of Object.keys(parameters)) {
      const v = parameters[key];
      if (v === undefined) continue;
      if (typeof v === 'object') put(params, parameterAsText({ ...v, name: v.name ?? argoName(key) }));
      else put(params, { name: argoName(key), value: String(v) });
    }
    for (const key of Object.keys(artifacts)) {
      const v = artifacts[key];
      if (v !== undefined) put(arts, { ...v, name: v.name ?? argoName(key) });
    }
    const args: WorkflowSpec['arguments'] = {};
    if (params.length > 0) args.parameters = params;
    if (arts.length > 0) args.artifacts = arts;
    return this.withWorkflowSpec({ ...spec, arguments: args });
  }

  /**
   * Sets any other field of the workflow spec (for a CronWorkflow, of `spec.workflowSpec`), replacing those given.
   *
   * @example
   * ```ts
   * wf.set({ serviceAccountName: 'etl', podGC: { strategy: 'OnPodSuccess' }, ttlStrategy: { secondsAfterCompletion: 3600 } });
   * ```
   */
  set(fields: WorkflowSpecFields): this {
    return this.withWorkflowSpec({ ...this.workflowSpec(), ...fields });
  }

  /** Merges `metadata` fields into the object's metadata (labels and annotations are replaced as a whole). */
  metadata(metadata: ObjectMeta): this {
    return this.derive({ ...this[MODEL], metadata: { ...this[MODEL].metadata, ...metadata } });
  }

  /**
   * Adds labels to the metadata (keeping the others).
   *
   * @example
   * ```ts
   * fromYaml(text)[0].withLabels({ team: 'data' });
   * ```
   */
  withLabels(labels: Readonly<Record<string, string>>): this {
    const m = this[MODEL].metadata;
    return this.metadata({ labels: { ...m.labels, ...labels } });
  }

  /** Adds annotations to the metadata (keeping the others). */
  withAnnotations(annotations: Readonly<Record<string, string>>): this {
    const m = this[MODEL].metadata;
    return this.metadata({ annotations: { ...m.annotations, ...annotations } });
  }

  /** Whether a template of this name is listed. */
  hasTemplate(name: string): boolean {
    return (this.workflowSpec().templates ?? []).some((t) => t.name === name);
  }

  /**
   * The listed template of this name as a builder (untyped: its inputs and outputs are known by Argo name), e.g. to
   * run it from a new task of a workflow read from YAML.
   */
  template(name: string): TemplateBuilder<string, UntypedInputs, UntypedOutputs> {
    const found = (this.workflowSpec().templates ?? []).find((t) => t.name === name);
    if (found === undefined) {
      const names = (this.workflowSpec().templates ?? []).map((t) => t.name).join(', ');
      throw new Error(`${this.#where()} has no template "${name}"; its templates are: ${names || 'none'}`);
    }
    return fromTemplate(found);
  }

  /**
   * The typed Argo object, as a plain mutable copy with keys in the documented order. With `argoVersion`, in the
   * form that release reads (see {@link forArgoVersion}); a field the release lacks throws, naming the release.
   */
  toObject(options: TargetOptions = {}): ManifestObject<K> {
    const object = canonicalCopy(this[MODEL]) as ManifestObject<K>;
    return options.argoVersion === undefined ? object : forArgoVersion(object, options.argoVersion);
  }

  /**
   * The object as YAML (deterministic: the same builder gives the same bytes on every run and machine).
   *
   * @example
   * ```ts
   * workflow({ generateName: 'hello-' }).entrypoint(hello).toYaml();
   * // apiVersion: argoproj.io/v1alpha1
   * // kind: Workflow
   * // metadata:
   * //   generateName: hello-
   * // spec:
   * //   entrypoint: hello
   * //   templates:
   * //   - name: hello
   * //     ...
   * ```
   */
  toYaml(options: TargetOptions = {}): string {
    return emitYaml(options.argoVersion === undefined ? this[MODEL] : this.toObject(options));
  }

  /** The object as indented JSON with keys in the documented order (`argoVersion` as for `toObject`). */
  toJson(options: TargetOptions = {}): string {
    return `${JSON.stringify(this.toObject(options), null, 2)}\n`;
  }
}

/**
 * A Workflow, WorkflowTemplate or ClusterWorkflowTemplate builder.
 * @example
 * ```ts
 * import { container, workflow, type WorkflowBuilder } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36', command: ['echo', 'hello'] } });
 * const wf: WorkflowBuilder<'Workflow'> = workflow({ generateName: 'hello-' }).entrypoint(main);
 * ```
 */
export class WorkflowBuilder<
  K extends 'Workflow' | 'WorkflowTemplate' | 'ClusterWorkflowTemplate' = 'Workflow',
> extends ManifestBuilder<K> {}

/**
 * Fields of a CronWorkflow's spec other than `workflowSpec`.
 * @example
 * ```ts
 * import { container, type CronFields, cronWorkflow } from '@sluice/sdk';
 *
 * const nightly: CronFields = { schedules: ['0 2 * * *'], timezone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' };
 * const cron = cronWorkflow('nightly', nightly).entrypoint(container({ name: 'main', container: { image: 'busybox:1.36' } }));
 * ```
 */
export type CronFields = Omit<CronWorkflowSpec, 'workflowSpec'>;

/**
 * A CronWorkflow builder: the workflow methods act on `spec.workflowSpec`; `cron()` sets the schedule fields.
 * @example
 * ```ts
 * import { container, cronWorkflow, type CronWorkflowBuilder } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36' } });
 * const cron: CronWorkflowBuilder = cronWorkflow('nightly', { schedules: ['0 2 * * *'] }).entrypoint(main);
 * ```
 */
export class CronWorkflowBuilder extends ManifestBuilder<'CronWorkflow'> {
  /** @internal */
  protected override workflowSpec(): Readonly<WorkflowSpec> {
    return this[MODEL].spec.workflowSpec;
  }

  /** @internal */
  protected override withWorkflowSpec(workflowSpec: WorkflowSpec): this {
    return this.derive({ ...this[MODEL], spec: { ...this[MODEL].spec, workflowSpec } });
  }

  /**
   * Sets CronWorkflow fields (`schedules`, `timezone`, `concurrencyPolicy`, `startingDeadlineSeconds`, ...).
   *
   * @example
   * ```ts
   * nightly.cron({ schedules: ['0 2 * * *'], timezone: 'Europe/Paris', concurrencyPolicy: 'Forbid' });
   * ```
   */
  cron(fields: Partial<CronFields>): this {
    return this.derive({ ...this[MODEL], spec: { ...this[MODEL].spec, ...fields } });
  }
}

function withSpec<B extends ManifestBuilder>(b: B, spec: WorkflowSpecInput | undefined): B {
  if (spec === undefined) return b;
  const { entrypoint, templates, onExit, hooks, ...fields } = spec;
  let out = b.set(fields);
  if (templates !== undefined) out = out.templates(...templates);
  if (entrypoint !== undefined) out = out.entrypoint(entrypoint);
  if (onExit !== undefined) out = out.onExit(onExit);
  if (hooks !== undefined) out = out.hooks(hooks);
  return out;
}

function make<K extends 'Workflow' | 'WorkflowTemplate' | 'ClusterWorkflowTemplate'>(
  kind: K,
  metadata: string | ObjectMeta,
  spec: WorkflowSpecInput | undefined,
): WorkflowBuilder<K> {
  const model = { apiVersion: API_VERSION, kind, metadata: meta(metadata), spec: {} } as ManifestObject<K>;
  return withSpec(new WorkflowBuilder<K>(freezeModel(model)), spec);
}

/**
 * A Workflow. `metadata` is an `ObjectMeta` or just a name.
 * @example
 * ```ts
 * import { container, workflow } from '@sluice/sdk';
 *
 * const hello = container({ name: 'hello', container: { image: 'busybox:1.36', command: ['echo', 'hello'] } });
 * export default workflow({ generateName: 'hello-' }).entrypoint(hello);
 * // apiVersion: argoproj.io/v1alpha1
 * // kind: Workflow
 * // metadata:
 * //   generateName: hello-
 * // spec:
 * //   entrypoint: hello
 * //   templates:
 * //   - name: hello
 * //     container: ...
 * ```
 */
export function workflow(metadata: string | ObjectMeta, spec?: WorkflowSpecInput): WorkflowBuilder<'Workflow'> {
  return make('Workflow', metadata, spec);
}

/**
 * A WorkflowTemplate: templates other workflows run with `templateRef(...)` or `workflowTemplateRef`.
 * @example
 * ```ts
 * import { container, workflowTemplate } from '@sluice/sdk';
 *
 * const whalesay = container({
 *   name: 'whalesay',
 *   inputs: { parameters: { message: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
 * });
 * export default workflowTemplate({ name: 'shared', namespace: 'etl' }).templates(whalesay);
 * ```
 */
export function workflowTemplate(
  metadata: string | ObjectMeta,
  spec?: WorkflowSpecInput,
): WorkflowBuilder<'WorkflowTemplate'> {
  return make('WorkflowTemplate', metadata, spec);
}

/**
 * A ClusterWorkflowTemplate: a WorkflowTemplate visible from every namespace.
 * @example
 * ```ts
 * import { clusterWorkflowTemplate, container } from '@sluice/sdk';
 *
 * const notify = container({ name: 'notify', container: { image: 'curlimages/curl:8.10.1', args: ['https://hooks.example.com/done'] } });
 * export default clusterWorkflowTemplate('notifications').templates(notify);
 * ```
 */
export function clusterWorkflowTemplate(
  metadata: string | ObjectMeta,
  spec?: WorkflowSpecInput,
): WorkflowBuilder<'ClusterWorkflowTemplate'> {
  return make('ClusterWorkflowTemplate', metadata, spec);
}

/**
 * A CronWorkflow: `cron` holds the schedule fields, `spec` the workflow spec (`spec.workflowSpec`).
 * @example
 * ```ts
 * import { container, cronWorkflow } from '@sluice/sdk';
 *
 * const main = container({ name: 'main', container: { image: 'busybox:1.36', command: ['date'] } });
 * export default cronWorkflow('nightly', { schedules: ['0 2 * * *'], timezone: 'UTC' }).entrypoint(main);
 * // kind: CronWorkflow
 * // spec:
 * //   schedules: ['0 2 * * *']
 * //   timezone: UTC
 * //   workflowSpec:
 * //     entrypoint: main
 * //     ...
 * ```
 */
export function cronWorkflow(
  metadata: string | ObjectMeta,
  cron: CronFields,
  spec?: WorkflowSpecInput,
): CronWorkflowBuilder {
  const model: ManifestObject<'CronWorkflow'> = {
    apiVersion: API_VERSION,
    kind: 'CronWorkflow',
    metadata: meta(metadata),
    spec: { ...cron, workflowSpec: {} },
  };
  return withSpec(new CronWorkflowBuilder(freezeModel(model)), spec);
}

/** @internal Wraps a parsed manifest of a workflow kind in its builder. */
export function builderFor(doc: Readonly<ArgoManifest>): AnyManifestBuilder {
  const model = freezeModel(doc);
  switch (model.kind) {
    case 'CronWorkflow':
      return new CronWorkflowBuilder(model as ManifestObject<'CronWorkflow'>);
    case 'Workflow':
      return new WorkflowBuilder<'Workflow'>(model as ManifestObject<'Workflow'>);
    case 'WorkflowTemplate':
      return new WorkflowBuilder<'WorkflowTemplate'>(model as ManifestObject<'WorkflowTemplate'>);
    default:
      return new WorkflowBuilder<'ClusterWorkflowTemplate'>(model as ManifestObject<'ClusterWorkflowTemplate'>);
  }
}

/**
 * Any workflow-kind builder, discriminated by `kind`.
 * @example
 * ```ts
 * import { type AnyManifestBuilder, fromYaml, toYaml } from '@sluice/sdk';
 *
 * const relabel = (builders: readonly AnyManifestBuilder[]) => toYaml(builders.map((b) => b.withLabels({ team: 'data' })));
 * console.log(relabel(fromYaml('apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: x}\nspec: {}\n')));
 * ```
 */
export type AnyManifestBuilder =
  | WorkflowBuilder<'Workflow'>
  | WorkflowBuilder<'WorkflowTemplate'>
  | WorkflowBuilder<'ClusterWorkflowTemplate'>
  | CronWorkflowBuilder;
