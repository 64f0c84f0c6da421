import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { DAGTask, LifecycleHook, Template, WorkflowStep } from '@sluice/argo-types';
import { parseYamlDocuments } from '@sluice/sdk';
import { localCommandAnnotation, localHandlerAnnotation } from './annotations.js';
import { pytorchMasterImage } from './engine/container/pytorch-job.js';
import { closest, dagProblems, expressionProblems } from './structure-check.js';
import type { InProcessHandler } from './types.js';
import { type TemplateScope, WorkflowInputError, type WorkflowSet } from './workflow-set.js';

/** How a leaf template runs here. */
export type LeafPlan =
  | { readonly kind: 'handler'; readonly handler: InProcessHandler }
  | { readonly kind: 'command'; readonly source: 'annotation' | 'image-map' }
  | { readonly kind: 'script'; readonly interpreter: readonly string[] }
  | { readonly kind: 'indexed-job'; readonly completions: number; readonly parallelism: number }
  | { readonly kind: 'suspend' }
  /** Runs in its own image on a container engine (`--engine podman|docker`). */
  | { readonly kind: 'image'; readonly image: string };

/**
 * A template that cannot run on this machine, and how to make it run.
 * @example
 * ```ts
 * import { type UnrunnableTemplate, UnrunnableTemplatesError } from '@sluice/local';
 *
 * const describe = (t: UnrunnableTemplate) => `${t.template}: ${t.reason}. ${t.fix}`;
 * const explain = (error: unknown) => (error instanceof UnrunnableTemplatesError ? error.templates.map(describe) : []);
 * ```
 */
export interface UnrunnableTemplate {
  /** Where it is: `templates.<name>` or `WorkflowTemplate/<wt>.templates.<name>`. */
  readonly template: string;
  /** Why not. */
  readonly reason: string;
  /** What to do. */
  readonly fix: string;
}

/**
 * The run was refused before anything ran: some templates cannot run locally. Maps to exit code 2.
 * @example
 * ```ts
 * import { runWorkflow, UnrunnableTemplatesError } from '@sluice/local';
 *
 * try {
 *   await runWorkflow([]);
 * } catch (error) {
 *   // Nothing ran: every template that cannot run on this machine is listed with its fix.
 *   if (error instanceof UnrunnableTemplatesError) for (const t of error.templates) console.error(t.template, t.fix);
 * }
 * ```
 */
export class UnrunnableTemplatesError extends Error {
  override readonly name = 'UnrunnableTemplatesError';
  constructor(
    /** Every template that cannot run, with its fix. */
    readonly templates: readonly UnrunnableTemplate[],
  ) {
    super(
      [
        `cannot run locally: ${templates.length} template${templates.length === 1 ? '' : 's'} cannot run on this machine (nothing was run):`,
        ...templates.map((t) => `  - ${t.template}: ${t.reason}. ${t.fix}`),
      ].join('\n'),
    );
  }
}

/** Options the plan depends on. */
export interface PlanOptions {
  readonly imageMap: Readonly<Record<string, string>>;
  readonly handlers: Readonly<Record<string, InProcessHandler>>;
  readonly env: NodeJS.ProcessEnv;
  /** The directory commands run in (a command given as a relative path is looked up there). */
  readonly cwd?: string;
  /** A container engine runs container and script templates in their own images (`--engine podman|docker`). */
  readonly containers?: boolean;
}

const onPath = new Map<string, boolean>();

/** Whether an executable of that name is on `PATH` (or, for a path, is an executable file, relative to `cwd`). */
export function commandExists(command: string, env: NodeJS.ProcessEnv = process.env, cwd?: string): boolean {
  if (command.includes('/')) return isExecutable(cwd === undefined ? command : path.resolve(cwd, command));
  const key = `${env.PATH}\0${command}`;
  const cached = onPath.get(key);
  if (cached !== undefined) return cached;
  const found = (env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && isExecutable(path.join(dir, command)));
  onPath.set(key, found);
  return found;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The annotations of a template (`metadata.annotations`). */
export function templateAnnotations(t: Template): Readonly<Record<string, string>> {
  return { ...(t.metadata?.annotations ?? {}) };
}

/** The base name of an image: `ghcr.io/acme/python:3.12-slim` → `python`. */
export function imageBase(image: string): string {
  const last = image.split('/').pop() ?? image;
  return (last.split('@')[0] ?? last).split(':')[0] ?? last;
}

/** Interpreters per script image family; the first one on PATH is used. */
const interpreters: Readonly<Record<string, readonly string[]>> = {
  python: ['python3', 'python'],
  python3: ['python3', 'python'],
  node: ['node'],
  bash: ['bash'],
  sh: ['sh'],
  alpine: ['sh'],
  busybox: ['sh'],
  debian: ['bash', 'sh'],
  ubuntu: ['bash', 'sh'],
};

function firstOnPath(candidates: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  return candidates.find((c) => commandExists(c, env));
}

function mapHint(image: string): string {
  return `map it with --map-image ${image}=<local command> (imageMap in the API), or annotate the template with ${localCommandAnnotation}`;
}

/**
 * The local plan of a leaf template, or why it cannot run — including a `sluice.dev/local-command` that is not a
 * list of strings and an executable that is neither on `PATH` nor a file (checked when it has no `{{…}}` tag).
 */
export function planLeaf(t: Template, options: PlanOptions): LeafPlan | { reason: string; fix: string } {
  const plan = basePlan(t, options);
  if (!('kind' in plan)) return plan;
  let executable: string | undefined;
  if (plan.kind === 'command' || plan.kind === 'indexed-job') {
    const annotated = templateAnnotations(t)[localCommandAnnotation];
    if (annotated !== undefined) {
      const argv = annotationArgv(annotated);
      if (argv === undefined) {
        return {
          reason: `annotation ${localCommandAnnotation} is not a non-empty JSON list of strings (or a command line)`,
          fix: `write it as e.g. '["node","dist/stages/x.js","--param","day={{inputs.parameters.day}}"]'`,
        };
      }
      executable = argv[0];
    } else {
      const image = t.container?.image ?? '';
      executable = splitCommand(options.imageMap[image] ?? '')[0] ?? t.container?.command?.[0];
    }
  } else if (plan.kind === 'script') executable = plan.interpreter[0];
  if (executable !== undefined && !executable.includes('{{') && !commandExists(executable, options.env, options.cwd)) {
    return {
      reason: `its command "${executable}" is ${executable.includes('/') ? 'not an executable file' : 'not on PATH'}`,
      fix: executable.includes('/')
        ? 'build or create it first, or fix the path (a relative path is taken from the working directory of the run)'
        : `install ${executable}, or change the command (e.g. npx ${executable} …)`,
    };
  }
  return plan;
}

function annotationArgv(text: string): string[] | undefined {
  const trimmed = text.trim();
  try {
    const argv: unknown = trimmed.startsWith('[') ? JSON.parse(trimmed) : splitCommand(trimmed);
    if (Array.isArray(argv) && argv.length > 0 && argv.every((a) => typeof a === 'string')) return argv;
  } catch {
    // reported below
  }
  return undefined;
}

function basePlan(t: Template, options: PlanOptions): LeafPlan | { reason: string; fix: string } {
  const annotations = templateAnnotations(t);
  const handlerName = annotations[localHandlerAnnotation] ?? t.name ?? '';
  const handler = options.handlers[handlerName];
  if (handler !== undefined) return { kind: 'handler', handler };
  if (annotations[localHandlerAnnotation] !== undefined) {
    return {
      reason: `it names the in-process handler "${handlerName}", which was not given`,
      fix: `pass handlers: { '${handlerName}': … } to runWorkflow`,
    };
  }
  if (t.suspend !== undefined) {
    if (t.suspend.duration === undefined || t.suspend.duration === '') {
      return {
        reason: 'a suspend template without a duration waits for a resume that nothing can send locally',
        fix: 'give it suspend.duration',
      };
    }
    return { kind: 'suspend' };
  }
  const image = t.container?.image ?? t.script?.image;
  if (options.containers === true && image !== undefined && image !== '') return { kind: 'image', image };
  const hasCommand = annotations[localCommandAnnotation] !== undefined;
  // A train stage's PyTorchJob runs its master's container in a container run.
  const master = options.containers === true ? pytorchMasterImage(t) : undefined;
  if (master !== undefined) return { kind: 'image', image: master };
  if (t.resource !== undefined) {
    if (!hasCommand) {
      return {
        reason: `a resource template (${t.resource.action ?? 'create'} ${manifestKind(t.resource.manifest)}) has no local equivalent`,
        fix: `declare one with the annotation ${localCommandAnnotation}`,
      };
    }
    const job = indexedJob(t.resource.manifest);
    return job ? { kind: 'indexed-job', ...job } : { kind: 'command', source: 'annotation' };
  }
  if (hasCommand) return { kind: 'command', source: 'annotation' };
  if (t.script !== undefined) {
    const image = t.script.image ?? '';
    const mapped = splitCommand(options.imageMap[image] ?? '');
    if (mapped.length > 0) return { kind: 'script', interpreter: mapped };
    const family = t.script.command?.[0] ? path.basename(t.script.command[0]) : imageBase(image);
    const candidates = interpreters[family] ?? (interpreters[imageBase(image)] ? [family] : undefined);
    if (candidates === undefined) {
      return {
        reason: `script image "${image}" names no known interpreter (python, node, bash, sh)`,
        fix: mapHint(image),
      };
    }
    const found = firstOnPath(candidates, options.env);
    if (found === undefined) {
      return { reason: `script needs ${candidates.join(' or ')}, which is not on PATH`, fix: mapHint(image) };
    }
    return { kind: 'script', interpreter: [found, ...(t.script.command?.slice(1) ?? [])] };
  }
  if (t.container !== undefined) {
    const image = t.container.image ?? '';
    if (options.imageMap[image] !== undefined) return { kind: 'command', source: 'image-map' };
    return { reason: `container image "${image}" has no local command`, fix: mapHint(image) };
  }
  const kind = t.containerSet ? 'containerSet' : t.http ? 'http' : t.plugin ? 'plugin' : t.data ? 'data' : 'unknown';
  return {
    reason: `${kind} templates have no local equivalent`,
    fix: `declare one with the annotation ${localCommandAnnotation}`,
  };
}

/** A resource template's manifest as a plain object, read the way Kubernetes reads it; undefined when unreadable. */
function parseManifest(manifest: string | undefined): Record<string, unknown> | undefined {
  try {
    const [doc] = parseYamlDocuments(manifest ?? '', 'resource manifest');
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc)
      ? (doc as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function manifestKind(manifest: string | undefined): string {
  const kind = parseManifest(manifest)?.kind;
  return typeof kind === 'string' ? kind : 'object';
}

/** An Indexed Job manifest's completions and parallelism. */
function indexedJob(manifest: string | undefined): { completions: number; parallelism: number } | undefined {
  const doc = parseManifest(manifest) as
    | { kind?: string; spec?: { completionMode?: string; completions?: number; parallelism?: number } }
    | undefined;
  if (doc?.kind !== 'Job' || doc.spec?.completionMode !== 'Indexed') return undefined;
  const completions = Number(doc.spec.completions ?? 1);
  return { completions, parallelism: Number(doc.spec.parallelism ?? completions) };
}

/** Splits a command line on spaces, honouring single and double quotes. */
export function splitCommand(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** The kind of a template, for node types and messages. */
export function isComposite(t: Template): boolean {
  return t.dag !== undefined || t.steps !== undefined;
}

/**
 * Checks, before anything runs, that every template the workflow can reach (entrypoint, exit handler, hooks,
 * tasks, steps, refs) can run here, and returns the plan of each leaf.
 *
 * @throws {WorkflowInputError} for what Argo would reject (an undefined template, a DAG dependency cycle or
 *   undefined dependency, a `{{= … }}` expression that does not parse), each named with where it is.
 * @throws {UnrunnableTemplatesError} listing every template that cannot run and how to map it.
 */
export function preflight(set: WorkflowSet, options: PlanOptions): Map<Template, LeafPlan> {
  const plans = new Map<Template, LeafPlan>();
  const problems: UnrunnableTemplate[] = [];
  const invalid: string[] = [];
  const seen = new Set<Template>();
  const label = (scope: TemplateScope, name: string | undefined) =>
    scope.id === 'workflow' ? `templates.${name}` : `${scope.id}.templates.${name}`;
  const visitRef = (
    ref: { template?: string; templateRef?: DAGTask['templateRef']; inline?: Template },
    scope: TemplateScope,
    where: string,
  ) => {
    if (ref.inline) return visit(ref.inline, scope);
    if (ref.templateRef) {
      if (/\{\{/.test(`${ref.templateRef.name}${ref.templateRef.template}`)) return;
      const found = set.resolveRef(ref.templateRef, where);
      return visit(found.template, found.scope);
    }
    if (ref.template === undefined || /\{\{/.test(ref.template)) return;
    const t = scope.templates.get(ref.template);
    if (t === undefined) {
      const hint = closest(ref.template, [...scope.templates.keys()]);
      invalid.push(
        `${where}: template name '${ref.template}' undefined: ${hint ? `did you mean '${hint}'? ` : ''}define templates.${ref.template}${scope.id === 'workflow' ? '' : ` in ${scope.id}`} (templates: ${[...scope.templates.keys()].join(', ')})`,
      );
      return;
    }
    visit(t, scope);
  };
  const visitHooks = (hooks: Record<string, LifecycleHook> | undefined, scope: TemplateScope, where: string) => {
    for (const [name, hook] of Object.entries(hooks ?? {})) visitRef(hook, scope, `${where}.hooks.${name}`);
  };
  const visitCall = (call: DAGTask | WorkflowStep, scope: TemplateScope, where: string) => {
    visitRef(call, scope, where);
    visitHooks(call.hooks, scope, where);
    if (call.onExit) visitRef({ template: call.onExit }, scope, `${where}.onExit`);
  };
  const visit = (t: Template, scope: TemplateScope): void => {
    if (seen.has(t)) return;
    seen.add(t);
    const where = label(scope, t.name);
    invalid.push(...expressionProblems(t, where), ...dagProblems(t, where));
    if (t.dag) for (const task of t.dag.tasks) visitCall(task, scope, `${where}.tasks.${task.name}`);
    else if (t.steps) {
      t.steps.forEach((group, i) => {
        for (const step of group) visitCall(step, scope, `${where}.steps[${i}].${step.name ?? ''}`);
      });
    } else {
      const plan = planLeaf(t, options);
      if ('kind' in plan) plans.set(t, plan);
      else problems.push({ template: where, ...plan });
    }
  };
  visitRef({ template: set.spec.entrypoint }, set.root, 'spec.entrypoint');
  if (set.spec.onExit) visitRef({ template: set.spec.onExit }, set.root, 'spec.onExit');
  visitHooks(set.spec.hooks, set.root, 'spec');
  invalid.push(...expressionProblems(set.spec.arguments, 'spec.arguments'));
  if (invalid.length > 0) {
    throw new WorkflowInputError(
      [
        `${invalid.length} problem${invalid.length === 1 ? '' : 's'} in the workflow (nothing was run):`,
        ...invalid.map((p) => `  - ${p}`),
      ].join('\n'),
    );
  }
  if (problems.length > 0) throw new UnrunnableTemplatesError(problems);
  return plans;
}
