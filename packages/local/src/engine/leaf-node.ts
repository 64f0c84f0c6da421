import type { NodeStatus, Outputs, Template } from '@sluice/argo-types';
import { planLeaf } from '../preflight.js';
import type { TemplateScope } from '../workflow-set.js';
import type { BoundInputs } from './bindings.js';
import { ResumeCache } from './cache.js';
import type { DaemonScopes } from './daemon.js';
import type { ExecutorContext } from './executor.js';
import { hostEngine } from './host-engine.js';
import { type ReadyDaemon, runAttempt } from './leaf.js';
import type { Limiter } from './limiter.js';
import { substituteLeaf } from './local-command.js';
import { RunnerError } from './runner-error.js';
import { now } from './status-store.js';
import { timeoutAfter } from './timers.js';

/** What running a leaf node needs of its call. */
export interface LeafCall {
  readonly inv: {
    readonly name: string;
    readonly partition: { readonly index: number; readonly count: number } | undefined;
    readonly cacheable: boolean;
  };
  readonly template: Template;
  readonly scope: TemplateScope;
  readonly bound: BoundInputs;
  readonly local: Map<string, string>;
}

const deadlineMessage = 'Pod was active on the node longer than the specified deadline';

/**
 * Runs one attempt of a leaf node: reuses the resume cache's outputs when it has them, substitutes the
 * per-attempt names, applies `activeDeadlineSeconds`, runs the attempt on the context's engine and records the
 * outcome in the status store. Returns whether the runner itself caused a failure (never retried).
 */
export async function runLeafNode(
  ctx: ExecutorContext,
  slots: readonly (Limiter | undefined)[],
  call: LeafCall,
  node: NodeStatus,
  retries: number,
  signal: AbortSignal,
): Promise<{ readonly internal: boolean }> {
  const { template, inv } = call;
  const store = ctx.store;
  if (signal.aborted) {
    store.update(node.id, { phase: 'Failed', message: String(signal.reason), finishedAt: now() });
    return { internal: false };
  }
  const where = `templates.${template.name}`;
  // Per-attempt names ({{retries}}, {{pod.name}}) are left for the second pass, so the resume key ignores them.
  // `metrics` refer to the node's own outcome ({{status}}, {{outputs.*}}); they are not emitted locally.
  const substituted = substituteLeaf(template, call.local, {
    where,
    lenient: true,
    skip: ['retryStrategy', 'metrics'],
  });
  const templateId = `${call.scope.id}/${template.name ?? inv.name}`;
  const key = ResumeCache.key(templateId, substituted, inv.partition);
  const hit = inv.cacheable ? ctx.cache.hit(key) : undefined;
  if (hit) {
    store.update(node.id, {
      phase: 'Succeeded',
      outputs: hit.outputs,
      finishedAt: now(),
      // Name the node that succeeded: with retries it may be `flaky(2)`, not this attempt's `flaky(0)`.
      message: `reused ${shortName(hit.nodeName)} from the earlier attempt of this run`,
      memoizationStatus: { hit: true, key, cacheName: 'resume' },
    });
    return { internal: false };
  }
  const perAttempt = new Map<string, string>([
    ['retries', String(retries)],
    ['pod.name', node.id],
    ['node.name', node.name],
  ]);
  const final = substituteLeaf(substituted, new Map([...call.local, ...perAttempt]), {
    where,
    skip: ['retryStrategy', 'metrics'],
  });
  let plan = ctx.plans.get(template);
  if (plan === undefined) {
    const planned = planLeaf(final, ctx.planOptions);
    if (!('kind' in planned)) throw new RunnerError(`${where}: ${planned.reason}. ${planned.fix}`);
    plan = planned;
  }
  let attemptSignal = signal;
  if (final.activeDeadlineSeconds !== undefined) {
    const seconds = Number(final.activeDeadlineSeconds);
    if (!(seconds > 0))
      throw new Error(
        `${where}.activeDeadlineSeconds must be a positive integer > 0, got "${final.activeDeadlineSeconds}"`,
      );
    attemptSignal = AbortSignal.any([signal, timeoutAfter(seconds * 1000, deadlineMessage)]);
  }
  // Only leaves planned to run in their image go to a container engine; the others stay on this machine.
  const engine = plan.kind === 'image' ? ctx.engine : hostEngine;
  const placement = await engine.placement?.(final);
  if (placement !== undefined) {
    ctx.placements.set(node.id, placement);
    ctx.onPlacement?.({ id: node.id, displayName: node.displayName ?? node.name }, placement);
  }
  const artifacts = call.bound.artifacts;
  let daemon: ReadyDaemon | undefined;
  const result = await runAttempt({
    template: final,
    plan,
    nodeId: node.id,
    nodeName: node.name,
    checkpointKey: (inv.name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'node').slice(0, 200),
    retry: retries,
    partition: inv.partition,
    parameters: call.bound.parameters,
    artifacts,
    workflow: { name: ctx.set.name, uid: ctx.uid, archiveLogs: ctx.set.spec.archiveLogs },
    layout: ctx.layout,
    cwd: ctx.cwd,
    env: ctx.env,
    imageMap: ctx.imageMap,
    engine,
    stages: ctx.stages,
    slots,
    signal: attemptSignal,
    graceMs: ctx.graceMs,
    onRunning: () => store.update(node.id, { phase: 'Running', startedAt: now() }),
    ...(ctx.daemons === undefined
      ? {}
      : {
          onDaemoned: (ready: ReadyDaemon) => {
            daemon = ready;
          },
        }),
  });
  if (result.phase === 'Running' && daemon !== undefined && ctx.daemons !== undefined) {
    keepDaemon(ctx, ctx.daemons, node, daemon);
    return { internal: false };
  }
  store.update(node.id, {
    phase: result.phase,
    message: result.message,
    outputs: result.outputs,
    finishedAt: now(),
  });
  exportGlobals(ctx.globalOutputs, final, result.outputs);
  if (result.phase === 'Succeeded' && inv.cacheable) {
    ctx.cache.put(key, { nodeName: node.name, outputs: result.outputs, finishedAt: now() });
  }
  return { internal: result.internal === true };
}

/**
 * Records a ready daemon as Argo does (phase `Running`, `daemoned`, `podIP`), and its end: `Succeeded` when its
 * scope stopped it, `Failed` when it exited non-zero by itself.
 */
function keepDaemon(ctx: ExecutorContext, daemons: DaemonScopes, node: NodeStatus, ready: ReadyDaemon): void {
  const store = ctx.store;
  store.update(node.id, { phase: 'Running', daemoned: true, podIP: ready.ip });
  let stoppedBecause: string | undefined;
  const ended = ready.ended.then((r) => {
    const failed = stoppedBecause === undefined && (r.exitCode !== 0 || r.spawnError !== undefined);
    const message = failed ? (r.spawnError ?? `daemon exited with code ${r.exitCode}`) : stoppedBecause;
    store.update(node.id, {
      phase: failed ? 'Failed' : 'Succeeded',
      daemoned: undefined,
      message,
      outputs: { exitCode: String(r.exitCode) },
      finishedAt: now(),
    });
    daemons.ended(node.id, failed ? 'Failed' : 'Succeeded', message);
  });
  daemons.add({
    nodeId: node.id,
    boundaryId: node.boundaryID,
    stop: async (reason) => {
      stoppedBecause = reason;
      ready.stop(reason);
      await ended;
    },
  });
}

/** Records outputs marked `globalName` as `workflow.outputs.parameters.<name>` / `.artifacts.<name>`. */
export function exportGlobals(
  globalOutputs: Map<string, string>,
  template: Template,
  outputs: Outputs | undefined,
): void {
  for (const p of template.outputs?.parameters ?? []) {
    const value = outputs?.parameters?.find((o) => o.name === p.name)?.value;
    if (p.globalName && value !== undefined) globalOutputs.set(`workflow.outputs.parameters.${p.globalName}`, value);
  }
  for (const a of template.outputs?.artifacts ?? []) {
    const local = outputs?.artifacts?.find((o) => o.name === a.name)?.path;
    if (a.globalName && local !== undefined) globalOutputs.set(`workflow.outputs.artifacts.${a.globalName}`, local);
  }
}

/** The last part of a node name (`wf[0].flaky(2)` → `flaky(2)`), ignoring dots inside `(…)` and `[…]`. */
function shortName(nodeName: string): string {
  let depth = 0;
  for (let i = nodeName.length - 1; i >= 0; i--) {
    const c = nodeName[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') depth--;
    else if (c === '.' && depth === 0) return nodeName.slice(i + 1);
  }
  return nodeName;
}
