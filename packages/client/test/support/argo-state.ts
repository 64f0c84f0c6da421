import type { NodeStatus, Workflow } from '@sluice/argo-types';

/** An error the fake Argo Server answers with: HTTP status, gRPC code, message. */
export class ArgoFault extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (kind: string, name: string) => new ArgoFault(404, 5, `${kind}.argoproj.io "${name}" not found`);
const alreadyExists = (kind: string, name: string) =>
  new ArgoFault(409, 6, `${kind}.argoproj.io "${name}" already exists`);
const invalid = (message: string) => new ArgoFault(400, 3, message);

/** How a fake workflow ends. */
export type Outcome = 'Succeeded' | 'Failed' | 'Error' | 'Hold';

type Json = Record<string, unknown>;
type Listener = (type: 'ADDED' | 'MODIFIED' | 'DELETED', workflow: Workflow) => void;
type LogListener = (podName: string, content: string) => void;

/** What the fake server keeps: workflows (which run through their phases on a timer), templates and crons. */
export class ArgoState {
  readonly workflows = new Map<string, Workflow>();
  readonly templates = new Map<string, Json>();
  readonly clusterTemplates = new Map<string, Json>();
  readonly crons = new Map<string, Json>();
  readonly logs = new Map<string, { podName: string; content: string }[]>();
  readonly #listeners = new Set<Listener>();
  readonly #logListeners = new Map<string, Set<LogListener>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #version = 1;

  constructor(
    readonly random: () => number,
    readonly tickMs: number,
    readonly outcome: (workflow: Workflow) => Outcome,
  ) {}

  /** Subscribes to workflow changes. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Subscribes to new log lines of one workflow. */
  subscribeLogs(key: string, listener: LogListener): () => void {
    const set = this.#logListeners.get(key) ?? new Set();
    set.add(listener);
    this.#logListeners.set(key, set);
    return () => set.delete(listener);
  }

  /** Stops every pending phase change. */
  stop(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  createWorkflow(namespace: string, input: Workflow, dryRun: boolean): Workflow {
    this.#validateWorkflow(input);
    const meta = input.metadata ?? {};
    const name = meta.name || (meta.generateName ? `${meta.generateName}${this.#suffix()}` : '');
    if (name === '') throw invalid('metadata.name or metadata.generateName is required');
    const key = `${namespace}/${name}`;
    if (this.workflows.has(key)) throw alreadyExists('workflows', name);
    const workflow: Workflow = {
      ...input,
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        ...meta,
        name,
        namespace,
        uid: `uid-${this.#suffix()}${this.#suffix()}`,
        resourceVersion: String(this.#version++),
        creationTimestamp: new Date().toISOString(),
        labels: { ...meta.labels },
      },
      status: {},
    };
    if (dryRun) return workflow;
    this.workflows.set(key, workflow);
    this.#emit('ADDED', workflow);
    this.#run(key);
    return workflow;
  }

  lintWorkflow(input: Workflow): Workflow {
    this.#validateWorkflow(input);
    return input;
  }

  submitFrom(namespace: string, body: Json): Workflow {
    const kind = normalizeKind(String(body.resourceKind ?? ''));
    const resourceName = String(body.resourceName ?? '');
    const options = (body.submitOptions ?? {}) as Json;
    const source =
      kind === 'ClusterWorkflowTemplate'
        ? this.clusterTemplates.get(resourceName)
        : kind === 'WorkflowTemplate'
          ? this.templates.get(`${namespace}/${resourceName}`)
          : this.crons.get(`${namespace}/${resourceName}`);
    if (source === undefined) {
      throw notFound(
        kind === 'CronWorkflow' ? 'cronworkflows' : kind.toLowerCase().replace('template', 'templates'),
        resourceName,
      );
    }
    const sourceSpec = (kind === 'CronWorkflow' ? (source.spec as Json).workflowSpec : source.spec) as Json;
    const declared = (((sourceSpec.arguments as Json | undefined)?.parameters ?? []) as Json[]).map((p) => ({
      ...p,
    }));
    for (const pair of (options.parameters ?? []) as string[]) {
      const eq = pair.indexOf('=');
      if (eq < 0) throw invalid(`parameter "${pair}" is not of the form name=value`);
      const name = pair.slice(0, eq);
      const existing = declared.find((p) => p.name === name);
      if (existing) existing.value = pair.slice(eq + 1);
      else declared.push({ name, value: pair.slice(eq + 1) });
    }
    const missing = declared.find((p) => p.value === undefined && p.default === undefined);
    if (missing) throw invalid(`spec.arguments.${String(missing.name)}.value is required`);
    const labels: Record<string, string> = parseSelector(String(options.labels ?? ''));
    if (kind !== 'CronWorkflow') {
      labels[`workflows.argoproj.io/${kind === 'ClusterWorkflowTemplate' ? 'cluster-' : ''}workflow-template`] =
        resourceName;
    }
    const spec: Json =
      kind === 'CronWorkflow'
        ? { ...sourceSpec }
        : {
            workflowTemplateRef: {
              name: resourceName,
              ...(kind === 'ClusterWorkflowTemplate' ? { clusterScope: true } : {}),
            },
          };
    if (declared.length > 0) spec.arguments = { parameters: declared };
    if (options.entryPoint) spec.entrypoint = options.entryPoint;
    if (options.serviceAccount) spec.serviceAccountName = options.serviceAccount;
    const workflow = {
      metadata: {
        ...(options.name
          ? { name: String(options.name) }
          : { generateName: String(options.generateName ?? `${resourceName}-`) }),
        labels,
      },
      spec,
    } as Workflow;
    return this.createWorkflow(namespace, workflow, options.serverDryRun === true);
  }

  getWorkflow(namespace: string, name: string): Workflow {
    const workflow = this.workflows.get(`${namespace}/${name}`);
    if (workflow === undefined) throw notFound('workflows', name);
    return workflow;
  }

  deleteWorkflow(namespace: string, name: string): void {
    const workflow = this.getWorkflow(namespace, name);
    this.workflows.delete(`${namespace}/${name}`);
    this.#emit('DELETED', workflow);
  }

  action(namespace: string, name: string, verb: string, body: Json): Workflow {
    const key = `${namespace}/${name}`;
    const workflow = this.getWorkflow(namespace, name);
    const phase = workflow.status?.phase ?? '';
    const finished = ['Succeeded', 'Failed', 'Error'].includes(phase);
    switch (verb) {
      case 'retry':
        if (phase !== 'Failed' && phase !== 'Error') throw invalid(`workflow must be Failed/Error to retry`);
        this.#update(key, { ...workflow, status: { ...workflow.status, phase: 'Running', finishedAt: undefined } });
        this.#run(key);
        return this.getWorkflow(namespace, name);
      case 'resubmit':
        return this.createWorkflow(
          namespace,
          {
            metadata: { generateName: `${name}-`, labels: { 'workflows.argoproj.io/resubmitted-from-workflow': name } },
            spec: workflow.spec,
          },
          false,
        );
      case 'stop':
      case 'terminate': {
        if (finished) throw invalid('cannot shutdown a completed workflow');
        const strategy = verb === 'stop' ? 'Stop' : 'Terminate';
        this.#update(key, {
          ...workflow,
          spec: { ...workflow.spec, shutdown: strategy },
          status: {
            ...workflow.status,
            phase: 'Failed',
            message: `Stopped with strategy '${strategy}'${body.message ? `: ${String(body.message)}` : ''}`,
            finishedAt: new Date().toISOString(),
          },
        });
        return this.getWorkflow(namespace, name);
      }
      case 'suspend':
      case 'resume':
        if (finished) throw invalid(`cannot ${verb} completed workflows`);
        this.#update(key, { ...workflow, spec: { ...workflow.spec, suspend: verb === 'suspend' } });
        return this.getWorkflow(namespace, name);
      default:
        throw invalid(`unknown action ${verb}`);
    }
  }

  /** Ends a workflow held by the `Hold` outcome, as the controller does when its pods finish. */
  finish(namespace: string, name: string, outcome: 'Succeeded' | 'Failed' | 'Error'): void {
    const key = `${namespace}/${name}`;
    const wf = this.workflows.get(key);
    if (wf === undefined) throw new Error(`finish: no workflow ${key}`);
    this.#update(key, {
      ...wf,
      metadata: {
        ...wf.metadata,
        labels: {
          ...wf.metadata.labels,
          'workflows.argoproj.io/phase': outcome,
          'workflows.argoproj.io/completed': 'true',
        },
      },
      status: {
        ...wf.status,
        phase: outcome,
        finishedAt: new Date().toISOString(),
        nodes: nodesFor(name, podNames(wf), outcome),
        ...(outcome === 'Succeeded' ? {} : { message: 'child failed: exit code 1' }),
      },
    });
  }

  appendLog(key: string, podName: string, content: string): void {
    const lines = this.logs.get(key) ?? [];
    lines.push({ podName, content });
    this.logs.set(key, lines);
    for (const listener of this.#logListeners.get(key) ?? []) listener(podName, content);
  }

  #validateWorkflow(input: Workflow): void {
    const spec = input.spec ?? {};
    if (spec.workflowTemplateRef !== undefined) return;
    const templates = spec.templates ?? [];
    if (templates.length === 0) throw invalid('spec.templates is required: a workflow needs at least one template');
    if (!spec.entrypoint) throw invalid('spec.entrypoint is required');
    if (!templates.some((t) => t.name === spec.entrypoint)) {
      throw invalid(`spec.entrypoint template "${spec.entrypoint}" not found`);
    }
  }

  #suffix(): string {
    return Math.floor(this.random() * 36 ** 5)
      .toString(36)
      .padStart(5, '0');
  }

  #update(key: string, workflow: Workflow): void {
    const next = {
      ...workflow,
      metadata: { ...workflow.metadata, resourceVersion: String(this.#version++) },
    };
    this.workflows.set(key, next);
    this.#emit('MODIFIED', next);
  }

  #emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', workflow: Workflow): void {
    for (const listener of this.#listeners) listener(type, workflow);
  }

  #later(fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, this.tickMs);
    this.#timers.add(timer);
  }

  /** Moves a workflow through Pending → Running (its pods log a few lines) → its outcome, one step per tick. */
  #run(key: string, forced?: Outcome): void {
    const current = () => this.workflows.get(key);
    const initial = current();
    if (initial === undefined) return;
    const outcome = forced ?? this.outcome(initial);
    const name = initial.metadata.name ?? '';
    const pods = podNames(initial);
    const stepTo = (phase: string, extra: (wf: Workflow) => Workflow = (wf) => wf) => {
      const wf = current();
      if (wf === undefined || ['Succeeded', 'Failed', 'Error'].includes(wf.status?.phase ?? '')) return false;
      this.#update(
        key,
        extra({
          ...wf,
          metadata: {
            ...wf.metadata,
            labels: {
              ...wf.metadata.labels,
              'workflows.argoproj.io/phase': phase,
              ...(phase === 'Running' || phase === 'Pending' ? {} : { 'workflows.argoproj.io/completed': 'true' }),
            },
          },
          status: {
            ...wf.status,
            phase,
            ...(phase === 'Running' ? { startedAt: new Date().toISOString() } : {}),
            ...(['Succeeded', 'Failed', 'Error'].includes(phase) ? { finishedAt: new Date().toISOString() } : {}),
            nodes: nodesFor(name, pods, phase),
          },
        }),
      );
      return true;
    };
    this.#later(() => {
      if (!stepTo('Pending')) return;
      this.#later(() => {
        if (!stepTo('Running')) return;
        for (const pod of pods) {
          for (let i = 1; i <= 2; i++) this.appendLog(key, pod, `${pod}: line ${i}`);
        }
        if (outcome === 'Hold') return;
        this.#later(() => {
          stepTo(outcome, (wf) =>
            outcome === 'Succeeded' ? wf : { ...wf, status: { ...wf.status, message: 'child failed: exit code 1' } },
          );
        });
      });
    });
  }
}

function podNames(workflow: Workflow): string[] {
  const spec = workflow.spec;
  const entry = spec?.templates?.find((t) => t.name === spec.entrypoint);
  const tasks = entry?.dag?.tasks?.map((t) => t.name) ?? [];
  const name = workflow.metadata.name ?? '';
  return tasks.length > 0 ? tasks.map((t) => `${name}-${t}`) : [name];
}

function nodesFor(name: string, pods: string[], phase: string): Record<string, NodeStatus> {
  const nodes: Record<string, NodeStatus> = {
    [name]: {
      id: name,
      name,
      displayName: name,
      type: pods.length > 1 ? 'DAG' : 'Pod',
      phase,
      children: pods.length > 1 ? pods : [],
    },
  };
  if (pods.length > 1) {
    for (const pod of pods) {
      nodes[pod] = {
        id: pod,
        name: `${name}.${pod.slice(name.length + 1)}`,
        displayName: pod.slice(name.length + 1),
        type: 'Pod',
        phase,
      };
    }
  }
  return nodes;
}

/** `wftmpl`, `workflowtemplates`, … → `WorkflowTemplate`, as Argo's submit accepts them. */
export function normalizeKind(kind: string): 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow' {
  const k = kind.toLowerCase();
  if (['workflowtemplate', 'workflowtemplates', 'wftmpl'].includes(k)) return 'WorkflowTemplate';
  if (['clusterworkflowtemplate', 'clusterworkflowtemplates', 'cwftmpl', 'cwft'].includes(k)) {
    return 'ClusterWorkflowTemplate';
  }
  if (['cronworkflow', 'cronworkflows', 'cwf', 'cronwf'].includes(k)) return 'CronWorkflow';
  throw invalid(`resourceKind "${kind}" is not one of WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow`);
}

/** `a=b,c=d` → record. */
export function parseSelector(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Matches Kubernetes label selectors of the forms `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. */
export function matchesLabels(selector: string | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  const parts = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return parts.every((raw) => {
    const part = raw.trim();
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (set) {
      const values = (set[3] ?? '').split(',').map((v) => v.trim());
      const has = values.includes(labels?.[set[1] ?? ''] ?? '\0');
      return set[2] === 'in' ? has : !has;
    }
    const ne = /^([^!=]+)!=(.*)$/.exec(part);
    if (ne) return labels?.[(ne[1] ?? '').trim()] !== (ne[2] ?? '').trim();
    const eq = /^([^=]+)==?(.*)$/.exec(part);
    if (eq) return labels?.[(eq[1] ?? '').trim()] === (eq[2] ?? '').trim();
    if (part.startsWith('!')) return labels?.[part.slice(1)] === undefined;
    return labels?.[part] !== undefined;
  });
}
