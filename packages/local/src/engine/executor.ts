import type {
  Arguments,
  DAGTask,
  LifecycleHook,
  NodeStatus,
  Outputs,
  Template,
  TemplateRef,
  WorkflowStep,
} from '@sluice/argo-types';
import { parseDuration } from '../duration.js';
import {
  type DependsNode,
  dependsTasks,
  evaluateDepends,
  parseDepends,
  type TaskResult,
} from '../expression/depends.js';
import { evaluateCondition } from '../expression/evaluate.js';
import { nestScope, overlay, substitute, substituteDeep } from '../expression/substitute.js';
import { isComposite, type LeafPlan, type PlanOptions } from '../preflight.js';
import type { RunLayout } from '../run-dir/layout.js';
import type { RetryWait } from '../types.js';
import type { TemplateScope, WorkflowSet } from '../workflow-set.js';
import { type BoundInputs, bindInputs, composedOutputs, nodeScope } from './bindings.js';
import type { ResumeCache } from './cache.js';
import type { DaemonScopes } from './daemon.js';
import { asMap, assessDag, checkCycles, continuesOn, failedOrError, fromDependencies } from './dag-rules.js';
import { exportGlobals, runLeafNode } from './leaf-node.js';
import { Limiter } from './limiter.js';
import { expandLoop, type LoopItem, LoopTooLargeError } from './loops.js';
import type { PreparedStages } from './prepare-stages.js';
import { decideRetry } from './retry.js';
import { RunnerError } from './runner-error.js';
import { NodeLimitError, type NodeType, now, type StatusStore } from './status-store.js';
import type { StepEngine, StepPlacement } from './step-engine.js';
import { sleep, timeoutAfter } from './timers.js';
import { workflowScope } from './workflow-scope.js';

type Scope = Map<string, string>;

/** A call of a template: the root, a DAG task, a step, a loop item, a hook. */
interface Invocation {
  readonly name: string;
  readonly displayName: string;
  readonly parents: readonly string[];
  readonly boundaryId: string | undefined;
  readonly ref: { template?: string; templateRef?: TemplateRef; inline?: Template };
  readonly args: Arguments | undefined;
  readonly scope: TemplateScope;
  readonly where: string;
  readonly partition: { index: number; count: number } | undefined;
  /** Hooks and exit handlers always run again on resume. */
  readonly cacheable: boolean;
  /** Extra names in scope (`workflow.status` for exit handlers). */
  readonly extra?: Scope;
}

/** What the executor needs from the run. */
export interface ExecutorContext {
  readonly set: WorkflowSet;
  readonly plans: Map<Template, LeafPlan>;
  readonly planOptions: PlanOptions;
  readonly store: StatusStore;
  readonly layout: RunLayout;
  readonly cache: ResumeCache;
  readonly uid: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly imageMap: Readonly<Record<string, string>>;
  /** Where leaves planned to run in their image run (the host engine when no container engine was asked for). */
  readonly engine: StepEngine;
  /** The run's stage modules, bundled before it started. */
  readonly stages?: PreparedStages;
  /** Where each leaf ran, by node id (container engines only). */
  readonly placements: Map<string, StepPlacement>;
  /** Told when a leaf is about to start in a container: engine, image, digest. */
  readonly onPlacement?: (
    node: { readonly id: string; readonly displayName: string },
    placement: StepPlacement,
  ) => void;
  readonly maxParallel: number;
  readonly graceMs: number;
  /** Aborted when the workflow must stop (deadline, caller's signal). */
  readonly stop: AbortSignal;
  /** `workflow.outputs.parameters.<globalName>` / `.artifacts.<globalName>` set so far (shared with the exit handler). */
  readonly globalOutputs: Map<string, string>;
  /** Workflow-level names every template sees besides the usual ones (the exit handler's `workflow.status`, `workflow.failures`). */
  readonly workflowExtras?: ReadonlyMap<string, string>;
  /** Told about each retry before its back-off wait. */
  readonly onRetry?: (wait: RetryWait) => void;
  /** Drop the back-off waits (the retries stay). */
  readonly noBackoff?: boolean;
  /** Where `daemon: true` leaves are kept while they run; without it a daemon runs to its end like any leaf. */
  readonly daemons?: DaemonScopes;
}

/** Executes templates with Argo's semantics, recording every node in the status store. */
export class Executor {
  readonly #slots: Limiter;
  readonly #workflowSlots: Limiter | undefined;
  readonly #hooksRun = new Set<string>();
  /** Nodes that errored because of the runner itself (never retried). */
  readonly #internal = new Set<string>();

  constructor(private readonly ctx: ExecutorContext) {
    this.#slots = new Limiter(ctx.maxParallel);
    const p = ctx.set.spec.parallelism;
    this.#workflowSlots = p !== undefined && p > 0 ? new Limiter(p) : undefined;
  }

  /** The most leaves that ran at once. */
  get peakParallel(): number {
    return this.#slots.peak;
  }

  /** Names every template sees: `workflow.*`. */
  workflowScope(): Scope {
    const { set, store, uid, globalOutputs, workflowExtras } = this.ctx;
    return workflowScope(set, store.status, uid, globalOutputs, workflowExtras);
  }

  /** Runs the entrypoint; returns its node. */
  runMain(): Promise<NodeStatus> {
    const { set } = this.ctx;
    return this.invoke({
      name: set.name,
      displayName: set.name,
      parents: [],
      boundaryId: undefined,
      ref: { template: set.spec.entrypoint },
      args: set.spec.arguments,
      scope: set.root,
      where: 'spec.entrypoint',
      partition: undefined,
      cacheable: true,
    });
  }

  /**
   * Runs the workflow's exit handler. Give this executor `workflowExtras` with `workflow.status` and
   * `workflow.failures`, so that every template the handler calls sees them.
   */
  runExitHandler(template: string | LifecycleHook): Promise<NodeStatus> {
    const { set } = this.ctx;
    const hook: LifecycleHook = typeof template === 'string' ? { template } : template;
    return this.invoke({
      name: `${set.name}.onExit`,
      displayName: `${set.name}.onExit`,
      parents: [],
      boundaryId: undefined,
      ref: hook,
      args: hook.arguments,
      scope: set.root,
      where: 'spec.onExit',
      partition: undefined,
      cacheable: false,
    });
  }

  /**
   * Evaluates the workflow's expression hooks (`spec.hooks.<name>.expression`) and starts each the first time it
   * is true. Returns the started hooks' promises.
   */
  checkWorkflowHooks(status: string): Promise<NodeStatus>[] {
    const { set } = this.ctx;
    const started: Promise<NodeStatus>[] = [];
    for (const [name, hook] of Object.entries(set.spec.hooks ?? {})) {
      if (name === 'exit' || !hook.expression || this.#hooksRun.has(`wf/${name}`)) continue;
      const scope = this.workflowScope();
      scope.set('workflow.status', status);
      let fire = false;
      try {
        fire = evaluateCondition(
          substitute(hook.expression, scope, { where: `spec.hooks.${name}`, lenient: true }),
          nestScope(scope),
        );
      } catch {
        fire = false;
      }
      if (!fire) continue;
      this.#hooksRun.add(`wf/${name}`);
      started.push(
        this.invoke({
          name: `${set.name}.hooks.${name}`,
          displayName: `${set.name}.hooks.${name}`,
          parents: [],
          boundaryId: undefined,
          ref: hook,
          args: hook.arguments,
          scope: set.root,
          where: `spec.hooks.${name}`,
          partition: undefined,
          cacheable: false,
        }),
      );
    }
    return started;
  }

  private resolve(inv: Invocation): { template: Template; scope: TemplateScope } {
    if (inv.ref.inline) return { template: inv.ref.inline, scope: inv.scope };
    if (inv.ref.templateRef) return this.ctx.set.resolveRef(inv.ref.templateRef, inv.where);
    const name = inv.ref.template;
    const template = name === undefined ? undefined : inv.scope.templates.get(name);
    if (template === undefined) throw new Error(`${inv.where}: template name '${name ?? ''}' undefined`);
    return { template, scope: inv.scope };
  }

  private errorNode(inv: Invocation, message: string, type: NodeType = 'Pod', templateName?: string): NodeStatus {
    const at = now();
    return this.ctx.store.add(
      {
        name: inv.name,
        displayName: inv.displayName,
        type,
        templateName,
        phase: 'Error',
        message,
        boundaryID: inv.boundaryId,
        startedAt: at,
        finishedAt: at,
      },
      inv.parents,
    );
  }

  /** Runs one call of a template, with retries, and returns its final node. */
  async invoke(inv: Invocation): Promise<NodeStatus> {
    let template: Template;
    let scope: TemplateScope;
    let bound: BoundInputs;
    try {
      ({ template, scope } = this.resolve(inv));
      bound = bindInputs(template, inv.args, inv.where);
    } catch (error) {
      return this.errorNode(inv, (error as Error).message);
    }
    const local: Scope = new Map([...this.workflowScope(), ...(inv.extra ?? [])]);
    for (const [k, v] of Object.entries(bound.parameters)) local.set(`inputs.parameters.${k}`, v);
    if (template.inputs?.parameters) {
      local.set(
        'inputs.parameters',
        JSON.stringify(template.inputs.parameters.map((p) => ({ name: p.name, value: bound.parameters[p.name] }))),
      );
    }
    for (const a of template.inputs?.artifacts ?? []) {
      if (a.path) local.set(`inputs.artifacts.${a.name}.path`, a.path);
      const given = bound.artifacts[a.name];
      // Passing an input artifact on (`from: "{{inputs.artifacts.x}}"`) hands over the same local file.
      if (given !== undefined && 'from' in given) local.set(`inputs.artifacts.${a.name}`, given.from);
    }
    for (const p of template.outputs?.parameters ?? []) {
      if (p.valueFrom?.path) local.set(`outputs.parameters.${p.name}.path`, p.valueFrom.path);
    }
    for (const a of template.outputs?.artifacts ?? [])
      if (a.path) local.set(`outputs.artifacts.${a.name}.path`, a.path);
    const call: Call = { inv, template, scope, bound, local };
    const strategy = template.retryStrategy ?? (isComposite(template) ? undefined : this.ctx.set.spec.retryStrategy);
    let timeoutSignal = this.ctx.stop;
    if (template.timeout && !isComposite(template)) {
      try {
        const ms = parseDuration(
          substitute(template.timeout, local, { where: `${inv.where}.timeout` }),
          `templates.${template.name}.timeout`,
        );
        timeoutSignal = AbortSignal.any([this.ctx.stop, timeoutAfter(ms, 'Step exceeded its deadline')]);
      } catch (error) {
        return this.errorNode(inv, (error as Error).message, 'Pod', template.name);
      }
    }
    if (strategy === undefined) {
      return this.execute(call, inv.name, inv.displayName, inv.parents, 0, timeoutSignal);
    }
    const retryNode = this.ctx.store.add(
      {
        name: inv.name,
        displayName: inv.displayName,
        type: 'Retry',
        templateName: template.name,
        templateScope: scope.id === 'workflow' ? undefined : scope.id,
        phase: 'Running',
        boundaryID: inv.boundaryId,
        startedAt: now(),
        inputs: bound.inputs,
      },
      inv.parents,
    );
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const node = await this.execute(
        call,
        `${inv.name}(${attempt})`,
        `${inv.displayName}(${attempt})`,
        [retryNode.id],
        attempt,
        timeoutSignal,
      );
      const finish = (message?: string) =>
        this.ctx.store.update(retryNode.id, {
          phase: node.phase,
          finishedAt: now(),
          outputs: node.outputs,
          message: message ?? node.message,
        });
      const daemons = this.ctx.daemons;
      if (daemons?.running(node.id)) {
        // A daemon that became ready is not retried: its Retry node runs while it does, and ends as it ends.
        this.ctx.store.update(retryNode.id, { phase: 'Running', daemoned: true, podIP: node.podIP });
        daemons.onEnded(node.id, (phase, message) =>
          this.ctx.store.update(retryNode.id, { phase, message, daemoned: undefined, finishedAt: now() }),
        );
        return this.ctx.store.get(retryNode.id) ?? retryNode;
      }
      if (!failedOrError(node.phase) || timeoutSignal.aborted || this.#internal.has(node.id)) return finish();
      let decision: ReturnType<typeof decideRetry>;
      let limit: number | undefined;
      try {
        const substituted = substituteDeep(strategy, local, {
          where: `templates.${template.name}.retryStrategy`,
          lenient: true,
        });
        limit = substituted.limit === undefined ? undefined : Number(substituted.limit);
        decision = decideRetry(
          substituted,
          {
            phase: node.phase === 'Error' ? 'Error' : 'Failed',
            exitCode: Number(node.outputs?.exitCode ?? -1),
            message: node.message ?? '',
            durationSeconds: (Date.parse(node.finishedAt ?? now()) - Date.parse(node.startedAt ?? now())) / 1000,
          },
          attempt,
          Date.now() - started,
          `templates.${template.name}`,
          this.ctx.env,
        );
      } catch (error) {
        return finish((error as Error).message);
      }
      if (!decision.retry) return finish(node.message ?? decision.reason);
      const delayMs = this.ctx.noBackoff ? 0 : decision.delayMs;
      this.ctx.onRetry?.({
        step: inv.displayName,
        delayMs,
        backoffMs: decision.delayMs,
        attempt: attempt + 2,
        attempts: limit === undefined || !Number.isInteger(limit) ? undefined : limit + 1,
        reason: node.message ?? node.phase ?? '',
      });
      if (delayMs > 0 && !(await sleep(delayMs, timeoutSignal))) return finish();
    }
  }

  /** Creates and runs the node of one attempt of a call. */
  private async execute(
    call: Call,
    name: string,
    displayName: string,
    parents: readonly string[],
    retries: number,
    signal: AbortSignal,
  ): Promise<NodeStatus> {
    const { template, inv, scope, bound } = call;
    const type: NodeType = template.dag ? 'DAG' : template.steps ? 'Steps' : template.suspend ? 'Suspend' : 'Pod';
    const node = this.ctx.store.add(
      {
        name,
        displayName,
        type,
        templateName: template.name,
        templateScope: scope.id === 'workflow' ? undefined : scope.id,
        phase: type === 'Pod' ? 'Pending' : 'Running',
        boundaryID: inv.boundaryId,
        startedAt: now(),
        inputs: bound.inputs,
      },
      parents,
    );
    try {
      if (type === 'DAG') await this.runDag(call, node);
      else if (type === 'Steps') await this.runSteps(call, node);
      else if (type === 'Suspend') await this.runSuspend(call, node, signal);
      else await this.runLeaf(call, node, retries, signal);
    } catch (error) {
      if (error instanceof RunnerError) this.#internal.add(node.id);
      this.ctx.store.update(node.id, { phase: 'Error', message: (error as Error).message, finishedAt: now() });
    }
    return node;
  }

  private async runSuspend(call: Call, node: NodeStatus, signal: AbortSignal): Promise<void> {
    const t = substituteDeep(call.template, call.local, { where: `templates.${call.template.name}` });
    const ms = parseDuration(t.suspend?.duration ?? '0', `templates.${t.name}.suspend.duration`);
    this.ctx.store.update(node.id, { phase: 'Running' });
    const completed = await sleep(ms, signal);
    const parameters = (t.outputs?.parameters ?? []).flatMap((p) => {
      const value = p.value ?? p.valueFrom?.default;
      return value === undefined ? [] : [{ name: p.name, value }];
    });
    this.ctx.store.update(node.id, {
      phase: completed ? 'Succeeded' : 'Failed',
      message: completed ? undefined : String(signal.reason),
      finishedAt: now(),
      ...(parameters.length > 0 ? { outputs: { parameters } } : {}),
    });
  }

  private async runLeaf(call: Call, node: NodeStatus, retries: number, signal: AbortSignal): Promise<void> {
    const { internal } = await runLeafNode(this.ctx, [this.#workflowSlots, this.#slots], call, node, retries, signal);
    if (internal) this.#internal.add(node.id);
  }

  private exportGlobals(template: Template, outputs: Outputs | undefined): void {
    exportGlobals(this.ctx.globalOutputs, template, outputs);
  }

  /**
   * Runs a task or step: loop expansion, `when`, the call itself, and its hooks. Returns its node (a TaskGroup
   * node for a loop).
   */
  private async runCall(
    call: WorkflowStep | DAGTask,
    owner: Call,
    name: string,
    parents: readonly string[],
    boundaryId: string,
    scope: Scope,
    where: string,
    slots: Limiter | undefined,
    selfPrefix: string,
    gate?: { hold(): boolean; done(node: NodeStatus): void },
  ): Promise<NodeStatus | undefined> {
    const displayName = call.name ?? '';
    // Global outputs (`workflow.outputs.*`) set by nodes that finished after this DAG or steps template started.
    for (const [k, v] of this.ctx.globalOutputs) scope.set(k, v);
    const inv = (over: Partial<Invocation> & { args: Arguments | undefined }): Invocation => ({
      name,
      displayName,
      parents,
      boundaryId,
      ref: { template: call.template, templateRef: call.templateRef, inline: call.inline },
      scope: owner.scope,
      where,
      partition: undefined,
      cacheable: true,
      extra: self,
      ...over,
    });
    // `{{steps.name}}` / `{{tasks.name}}`: the step's or task's own name, in its arguments and its template.
    const self: Scope = new Map([[`${selfPrefix}.name`, displayName]]);
    const skip = ['inline', 'hooks', 'onExit'];
    let items: LoopItem[] | undefined;
    try {
      const loopFields = substituteDeep(
        { withItems: call.withItems, withParam: call.withParam, withSequence: call.withSequence },
        scope,
        { where },
      );
      // One node per item, and the group node: a loop that does not fit is refused before any is created.
      items = expandLoop(loopFields, where, this.ctx.store.room() - 1);
    } catch (error) {
      const message =
        error instanceof LoopTooLargeError
          ? new NodeLimitError(this.ctx.store.maxNodes, error.where, error.items).message
          : (error as Error).message;
      return this.errorNode(inv({ args: undefined }), message);
    }
    const one = async (
      itemScope: ReadonlyMap<string, string>,
      itemName: string,
      itemDisplay: string,
      itemParents: readonly string[],
      partition?: { index: number; count: number },
    ): Promise<NodeStatus | undefined> => {
      const base = inv({ name: itemName, displayName: itemDisplay, parents: itemParents, args: undefined, partition });
      let resolved: WorkflowStep | DAGTask;
      try {
        resolved = substituteDeep(call, overlay(scope, new Map([...self, ...itemScope])), { where, skip });
      } catch (error) {
        return this.errorNode(base, (error as Error).message);
      }
      if (resolved.when !== undefined && resolved.when !== '') {
        let run: boolean;
        try {
          run = evaluateCondition(resolved.when, {}, { unknownIdentifiers: 'as-string' });
        } catch (error) {
          return this.errorNode(base, `${where}.when: ${(error as Error).message}`);
        }
        if (!run) {
          const at = now();
          return this.ctx.store.add(
            {
              name: itemName,
              displayName: itemDisplay,
              type: 'Skipped',
              phase: 'Skipped',
              templateName: call.template,
              boundaryID: boundaryId,
              message: `when '${resolved.when}' evaluated false`,
              startedAt: at,
              finishedAt: at,
            },
            itemParents,
          );
        }
      }
      const release = slots ? await slots.acquire() : undefined;
      try {
        // failFast: a step that got its parallelism slot after a sibling failed is not started.
        if (gate?.hold()) return undefined;
        const node = await this.invoke({ ...base, args: resolved.arguments });
        // Told before the slot is released, so the next waiter sees this outcome.
        gate?.done(node);
        await this.runCallHooks(call, owner, node, scope, selfPrefix, boundaryId, where);
        return node;
      } finally {
        release?.();
      }
    };
    if (items === undefined) return one(new Map(), name, displayName, parents);
    const group = this.ctx.store.add(
      {
        name,
        displayName,
        type: 'TaskGroup',
        templateName: call.template,
        phase: 'Running',
        boundaryID: boundaryId,
        startedAt: now(),
      },
      parents,
    );
    const count = items.length;
    const settled = await Promise.all(
      items.map((item) => {
        const label = item.label.length > 60 ? `${item.label.slice(0, 57)}...` : item.label;
        return one(
          item.scope,
          `${name}(${item.index}:${label})`,
          `${displayName}(${item.index}:${label})`,
          [group.id],
          {
            index: item.index,
            count,
          },
        );
      }),
    );
    const results = settled.filter((r): r is NodeStatus => r !== undefined);
    const failed = results.find((r) => failedOrError(r.phase));
    const aggregate: Record<string, string[]> = {};
    const resultsList: unknown[] = [];
    for (const r of results) {
      if (r.phase !== 'Succeeded') continue;
      for (const p of r.outputs?.parameters ?? []) {
        const list = aggregate[p.name] ?? [];
        list.push(p.value ?? '');
        aggregate[p.name] = list;
      }
      if (r.outputs?.result !== undefined) resultsList.push(asMap(r.outputs.result));
    }
    const outputs: Outputs = {
      ...(Object.keys(aggregate).length > 0
        ? { parameters: Object.entries(aggregate).map(([n, v]) => ({ name: n, value: JSON.stringify(v) })) }
        : {}),
      ...(resultsList.length > 0 ? { result: JSON.stringify(resultsList) } : {}),
    };
    const continues = failed !== undefined && continuesOn(call, failed.phase);
    return this.ctx.store.update(group.id, {
      phase:
        failed === undefined || continues
          ? results.length > 0 && results.every((r) => r.phase === 'Skipped')
            ? 'Skipped'
            : 'Succeeded'
          : 'Failed',
      message: failed === undefined ? undefined : `child '${failed.id}' failed`,
      finishedAt: now(),
      outputs,
    });
  }

  /** Runs a task's or step's exit hook and expression hooks. */
  private async runCallHooks(
    call: WorkflowStep | DAGTask,
    owner: Call,
    node: NodeStatus,
    scope: Scope,
    selfPrefix: string,
    boundaryId: string,
    where: string,
  ): Promise<void> {
    const hooks: [string, LifecycleHook][] = Object.entries(call.hooks ?? {});
    if (call.onExit) hooks.push(['exit', { template: call.onExit }]);
    if (hooks.length === 0) return;
    const self = new Map([
      ...scope,
      ...nodeScope((id) => this.ctx.store.get(id), `${selfPrefix}.${call.name}`, node, false),
    ]);
    for (const [hookName, hook] of hooks) {
      if (hookName !== 'exit') {
        try {
          const text = substitute(hook.expression ?? 'false', self, {
            where: `${where}.hooks.${hookName}`,
            lenient: true,
          });
          if (!evaluateCondition(text, nestScope(self))) continue;
        } catch {
          continue;
        }
      }
      let args: Arguments | undefined;
      try {
        args = substituteDeep(hook.arguments, self, { where: `${where}.hooks.${hookName}` });
      } catch {
        args = hook.arguments;
      }
      await this.invoke({
        name: hookName === 'exit' ? `${node.name}.onExit` : `${node.name}.hooks.${hookName}`,
        displayName: hookName === 'exit' ? `${node.displayName}.onExit` : `${node.displayName}.hooks.${hookName}`,
        parents: [node.id],
        boundaryId,
        ref: { template: hook.template, templateRef: hook.templateRef },
        args,
        scope: owner.scope,
        where: `${where}.hooks.${hookName}`,
        partition: undefined,
        cacheable: false,
      });
    }
  }

  private async runDag(call: Call, node: NodeStatus): Promise<void> {
    const store = this.ctx.store;
    const where = `templates.${call.template.name}`;
    const template = substituteDeep(call.template, call.local, { where, lenient: true, skip: ['inline'] });
    const dag = template.dag;
    if (dag === undefined) throw new Error(`${where}: not a DAG template`);
    const tasks = new Map(dag.tasks.map((t) => [t.name, t]));
    const usesDepends = dag.tasks.some((t) => t.depends !== undefined);
    const depends = new Map<string, DependsNode | undefined>();
    for (const t of dag.tasks) {
      if (usesDepends && t.dependencies && t.dependencies.length > 0) {
        throw new Error(`${where} cannot use both 'depends' and 'dependencies' in the same DAG template`);
      }
      if (usesDepends && t.continueOn) {
        throw new Error(
          `${where} cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'`,
        );
      }
      depends.set(t.name, t.depends ? parseDepends(t.depends) : fromDependencies(t.dependencies ?? [], tasks));
    }
    const deps = new Map<string, string[]>();
    for (const [name, d] of depends) {
      const list = d ? dependsTasks(d) : [];
      for (const dep of list)
        if (!tasks.has(dep)) throw new Error(`${where}.tasks.${name} dependency '${dep}' not defined`);
      deps.set(name, list);
    }
    checkCycles(deps, where);
    let wanted = new Set(tasks.keys());
    if (dag.target) {
      wanted = new Set();
      const add = (n: string) => {
        if (wanted.has(n)) return;
        if (!tasks.has(n)) throw new Error(`${where}.targets: target '${n}' is not defined`);
        wanted.add(n);
        for (const d of deps.get(n) ?? []) add(d);
      };
      for (const t of dag.target.split(/\s+/).filter(Boolean)) add(t);
    }
    const failFast = dag.failFast ?? template.failFast ?? true;
    const slots = template.parallelism ? new Limiter(template.parallelism) : undefined;
    const done = new Map<string, NodeStatus>();
    const running = new Map<string, Promise<void>>();
    const scope: Scope = new Map(call.local);
    let stopScheduling = false;
    let failFastStopped = false;
    // Resolved whenever a task finishes: the scheduling loop waits on it instead of racing every running task.
    let wake: () => void = () => undefined;
    let finished: (name: string) => void = () => undefined;
    const has = (task: string, result: TaskResult): boolean => {
      const n = done.get(task);
      if (n === undefined) return false;
      const children = (n.children ?? []).map((id) => store.get(id)).filter((c) => c !== undefined);
      switch (result) {
        case 'Succeeded':
          return n.phase === 'Succeeded';
        case 'Failed':
          return n.phase === 'Failed';
        case 'Errored':
          return n.phase === 'Error';
        case 'Skipped':
          return n.phase === 'Skipped';
        case 'Omitted':
          return n.phase === 'Omitted';
        case 'Daemoned':
          return n.daemoned === true;
        case 'AnySucceeded':
          return n.type === 'TaskGroup' && children.some((c) => c.phase === 'Succeeded');
        case 'AllFailed':
          return n.type === 'TaskGroup' && children.length > 0 && children.every((c) => failedOrError(c.phase));
      }
    };
    const parentsOf = (name: string): string[] => {
      const list = deps.get(name) ?? [];
      if (list.length === 0) return [node.id];
      return list.flatMap((d) => {
        const n = done.get(d);
        return n ? store.outbound(n.id) : [];
      });
    };
    const start = (t: DAGTask) => {
      const name = `${node.name}.${t.name}`;
      const promise = this.runCall(
        t,
        call,
        name,
        parentsOf(t.name),
        node.id,
        scope,
        `${where}.tasks.${t.name}`,
        slots,
        'tasks',
      ).then((n) => {
        if (n === undefined) throw new Error(`internal: DAG task ${t.name} was held back`);
        done.set(t.name, n);
        running.delete(t.name);
        finished(t.name);
        wake();
        for (const [k, v] of nodeScope((id) => this.ctx.store.get(id), `tasks.${t.name}`, n, n.type === 'TaskGroup'))
          scope.set(k, v);
        // Argo's failFast holds back the tasks waiting for a parallelism slot once a child failed or errored.
        if (failFast && slots !== undefined && failedOrError(n.phase)) stopScheduling = true;
      });
      running.set(t.name, promise);
    };
    // Tasks whose dependencies have all finished, waiting to be omitted, started, or (failFast / parallelism) held.
    const remaining = new Map<string, number>();
    const dependentsOf = new Map<string, DAGTask[]>();
    const ready: DAGTask[] = [];
    for (const t of dag.tasks) {
      if (!wanted.has(t.name)) continue;
      const list = deps.get(t.name) ?? [];
      remaining.set(t.name, list.length);
      for (const d of list) dependentsOf.set(d, [...(dependentsOf.get(d) ?? []), t]);
      if (list.length === 0) ready.push(t);
    }
    finished = (name: string) => {
      for (const t of dependentsOf.get(name) ?? []) {
        const left = (remaining.get(t.name) ?? 1) - 1;
        remaining.set(t.name, left);
        if (left === 0) ready.push(t);
      }
    };
    const omit = (t: DAGTask) => {
      const at = now();
      const omitted = store.add(
        {
          name: `${node.name}.${t.name}`,
          displayName: t.name,
          type: 'Skipped',
          phase: 'Omitted',
          templateName: t.template,
          boundaryID: node.id,
          message: 'omitted: depends condition not met',
          startedAt: at,
          finishedAt: at,
        },
        parentsOf(t.name),
      );
      done.set(t.name, omitted);
      scope.set(`tasks.${t.name}.status`, 'Omitted');
      finished(t.name);
    };
    for (;;) {
      let i = 0;
      while (i < ready.length) {
        const t = ready[i] as DAGTask;
        const d = depends.get(t.name);
        if (d !== undefined && !evaluateDepends(d, has)) {
          ready.splice(i, 1);
          omit(t);
          continue;
        }
        // failFast stops new work; the template's parallelism holds new tasks back until a slot is free.
        if (stopScheduling || (slots !== undefined && slots.active >= slots.limit)) {
          if (stopScheduling) failFastStopped = true;
          i++;
          continue;
        }
        ready.splice(i, 1);
        start(t);
      }
      if (running.size === 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    // Argo stops the daemons a template started once the template itself is done.
    await this.ctx.daemons?.stopScope(node.id);
    const targets = dag.target
      ? dag.target.split(/\s+/).filter(Boolean)
      : dag.tasks.filter((t) => !dag.tasks.some((o) => (deps.get(o.name) ?? []).includes(t.name))).map((t) => t.name);
    const outbound = targets.flatMap((name) => {
      const n = done.get(name);
      return n ? store.outbound(n.id) : [];
    });
    const phase = failFastStopped
      ? 'Failed'
      : assessDag(
          (id) => store.get(id),
          node.id,
          targets.map((name) => ({ name, task: tasks.get(name), node: done.get(name) })),
        );
    const stopped = this.ctx.stop.aborted;
    const failed = phase !== 'Succeeded' || stopped;
    const outputs = failed ? undefined : composedOutputs(template, scope, where);
    this.exportGlobals(template, outputs);
    const failedChild = [...done.values()].find((n) => failedOrError(n.phase));
    store.update(node.id, {
      phase: stopped ? 'Failed' : phase,
      message: failFastStopped
        ? 'template has failed or errored children and failFast enabled'
        : failed && failedChild
          ? `child '${failedChild.id}' failed`
          : stopped
            ? String(this.ctx.stop.reason)
            : undefined,
      outboundNodes: outbound,
      finishedAt: now(),
      ...(outputs ? { outputs } : {}),
    });
  }

  private async runSteps(call: Call, node: NodeStatus): Promise<void> {
    const store = this.ctx.store;
    const where = `templates.${call.template.name}`;
    const template = substituteDeep(call.template, call.local, { where, lenient: true, skip: ['inline'] });
    const slots = template.parallelism ? new Limiter(template.parallelism) : undefined;
    const scope: Scope = new Map(call.local);
    let previous: string[] = [node.id];
    let failFastMessage: string | undefined;
    const failFast = template.failFast ?? true;
    let failure: NodeStatus | undefined;
    const groups = template.steps ?? [];
    for (let i = 0; i < groups.length && failure === undefined && !this.ctx.stop.aborted; i++) {
      const group = groups[i] ?? [];
      const groupNode = store.add(
        {
          name: `${node.name}[${i}]`,
          displayName: `[${i}]`,
          type: 'StepGroup',
          phase: 'Running',
          boundaryID: node.id,
          templateName: template.name,
          startedAt: now(),
        },
        previous,
      );
      // Argo's failFast: once a step of the group failed, steps still waiting for a parallelism slot do not start.
      let groupFailed = false;
      const gate = {
        hold: () => slots !== undefined && failFast && groupFailed,
        done: (n: NodeStatus) => {
          if (failedOrError(n.phase)) groupFailed = true;
        },
      };
      const settled = await Promise.all(
        group.map((step) =>
          this.runCall(
            step,
            call,
            `${groupNode.name}.${step.name}`,
            [groupNode.id],
            node.id,
            scope,
            `${where}.steps[${i}].${step.name}`,
            slots,
            'steps',
            gate,
          ).then((n) => ({ step, n })),
        ),
      );
      const results = settled.flatMap(({ step, n }) => (n === undefined ? [] : [{ step, n }]));
      const heldBack = results.length < settled.length;
      for (const { step, n } of results)
        for (const [k, v] of nodeScope((id) => this.ctx.store.get(id), `steps.${step.name}`, n, n.type === 'TaskGroup'))
          scope.set(k, v);
      const failed = results.find(({ step, n }) => failedOrError(n.phase) && !continuesOn(step, n.phase));
      failure = failed?.n;
      if (heldBack) failFastMessage = 'template has failed or errored children and failFast enabled';
      store.update(groupNode.id, {
        phase: failure || heldBack ? 'Failed' : 'Succeeded',
        message: failure ? `child '${failure.id}' failed` : failFastMessage,
        finishedAt: now(),
      });
      if (heldBack && failure === undefined) failure = groupNode;
      const out = results.flatMap(({ n }) => store.outbound(n.id));
      previous = out.length > 0 ? out : [groupNode.id];
    }
    await this.ctx.daemons?.stopScope(node.id);
    const stopped = this.ctx.stop.aborted && failure === undefined;
    const outputs = failure || stopped ? undefined : composedOutputs(template, scope, where);
    this.exportGlobals(template, outputs);
    store.update(node.id, {
      phase: failure || stopped ? 'Failed' : 'Succeeded',
      message:
        failFastMessage ??
        (failure ? `child '${failure.id}' failed` : stopped ? String(this.ctx.stop.reason) : undefined),
      outboundNodes: previous,
      finishedAt: now(),
      ...(outputs ? { outputs } : {}),
    });
  }

  /** Whether a hook has already been started (workflow hooks fire once). */
  hookStarted(name: string): boolean {
    return this.#hooksRun.has(name);
  }
}

/** A resolved call: the template, where its names resolve, bound inputs and its scope. */
interface Call {
  readonly inv: Invocation;
  readonly template: Template;
  readonly scope: TemplateScope;
  readonly bound: BoundInputs;
  readonly local: Scope;
}
