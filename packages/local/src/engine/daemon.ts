import http from 'node:http';
import net from 'node:net';
import type { Template } from '@sluice/argo-types';
import type { ProcessResult } from './process.js';

/** A readiness probe as a template's container declares it (the kinds a local run can check). */
interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port: number | string; readonly host?: string };
  readonly tcpSocket?: { readonly port: number | string; readonly host?: string };
  readonly exec?: unknown;
  readonly grpc?: unknown;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
}

/** A daemon that became ready: its pod IP, and how to end it when its scope ends. */
export interface RunningDaemon {
  readonly nodeId: string;
  /** The step (or DAG) node whose end stops the daemon, as Argo's boundary. */
  readonly boundaryId: string | undefined;
  /** Stops the daemon and records its node's end; settles when it has ended. */
  stop(reason: string): Promise<void>;
}

/**
 * The daemons of a run by scope: Argo stops a daemon when the steps or DAG template that started it ends, and every
 * one still running when the workflow ends.
 *
 * @example
 * ```ts
 * const daemons = new DaemonScopes();
 * daemons.add(running);
 * await daemons.stopScope(stepsNodeId); // when the steps template ends
 * ```
 */
export class DaemonScopes {
  readonly #running = new Map<string, RunningDaemon>();
  readonly #listeners = new Map<string, ((phase: 'Succeeded' | 'Failed', message: string | undefined) => void)[]>();

  /** Records a daemon that became ready. */
  add(daemon: RunningDaemon): void {
    this.#running.set(daemon.nodeId, daemon);
  }

  /** Whether the node is a daemon still running. */
  running(nodeId: string): boolean {
    return this.#running.has(nodeId);
  }

  /** Calls `listener` once the daemon of `nodeId` has ended (its Retry node mirrors the end). */
  onEnded(nodeId: string, listener: (phase: 'Succeeded' | 'Failed', message: string | undefined) => void): void {
    this.#listeners.set(nodeId, [...(this.#listeners.get(nodeId) ?? []), listener]);
  }

  /** Records that a daemon ended (stopped or by itself) and tells its listeners. */
  ended(nodeId: string, phase: 'Succeeded' | 'Failed', message: string | undefined): void {
    this.#running.delete(nodeId);
    for (const listener of this.#listeners.get(nodeId) ?? []) listener(phase, message);
    this.#listeners.delete(nodeId);
  }

  /** Stops the daemons started inside the scope node `boundaryId`. */
  async stopScope(boundaryId: string): Promise<void> {
    await this.#stop([...this.#running.values()].filter((d) => d.boundaryId === boundaryId));
  }

  /** Stops every daemon still running (the workflow ended). */
  async stopAll(): Promise<void> {
    await this.#stop([...this.#running.values()]);
  }

  async #stop(daemons: readonly RunningDaemon[]): Promise<void> {
    for (const d of daemons) this.#running.delete(d.nodeId);
    await Promise.all(daemons.map((d) => d.stop('daemon stopped: its scope ended')));
  }
}

/** The message when a template's probe is of a kind a local run does not check. */
function unsupportedProbe(t: Template, kind: string): Error {
  return new Error(
    `templates.${t.name}.container.readinessProbe: a ${kind} probe is not checked by a local run; use httpGet or tcpSocket (or no probe: the daemon is ready once it runs)`,
  );
}

/** Refuses, before start, a readiness probe a local run cannot check. */
export function checkProbe(t: Template): void {
  const probe = (t.container ?? t.script)?.readinessProbe as Probe | undefined;
  if (probe?.exec !== undefined) throw unsupportedProbe(t, 'exec');
  if (probe?.grpc !== undefined) throw unsupportedProbe(t, 'grpc');
}

function port(value: number | string, t: Template): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) {
    throw new Error(
      `templates.${t.name}.container.readinessProbe: port "${value}" must be a port number (named ports are not resolved locally)`,
    );
  }
  return n;
}

/** One probe attempt: true when the daemon answered as Kubernetes counts ready. */
function probeOnce(probe: Probe, ip: string, t: Template): Promise<boolean> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  return new Promise((resolve) => {
    if (probe.httpGet !== undefined) {
      const req = http.get(
        {
          host: probe.httpGet.host ?? ip,
          port: port(probe.httpGet.port, t),
          path: probe.httpGet.path ?? '/',
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          const code = res.statusCode ?? 0;
          resolve(code >= 200 && code < 400);
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    } else if (probe.tcpSocket !== undefined) {
      const socket = net.connect({ host: probe.tcpSocket.host ?? ip, port: port(probe.tcpSocket.port, t) });
      socket.setTimeout(timeoutMs, () => socket.destroy());
      socket.on('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
      socket.on('close', () => resolve(false));
    } else resolve(true);
  });
}

/**
 * Waits until a started daemon is ready, as the kubelet's readiness probe decides: after `initialDelaySeconds`,
 * a probe every `periodSeconds` (at most 1 s apart locally) until one passes. Resolves `ready`, or `exited` with
 * the process's result when it ended first.
 */
export async function waitUntilReady(
  t: Template,
  ip: string,
  exited: Promise<ProcessResult>,
): Promise<{ readonly ready: true } | { readonly ready: false; readonly result: ProcessResult }> {
  const probe = (t.container ?? t.script)?.readinessProbe as Probe | undefined;
  let ended: ProcessResult | undefined;
  const gone = exited.then((r) => {
    ended = r;
    return r;
  });
  const pause = (ms: number) =>
    Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), gone.then(() => undefined)]);
  if (probe === undefined) return { ready: true };
  await pause((probe.initialDelaySeconds ?? 0) * 1000);
  const periodMs = Math.min(1, probe.periodSeconds ?? 10) * 1000;
  for (;;) {
    if (ended !== undefined) return { ready: false, result: ended };
    if (await probeOnce(probe, ip, t)) return { ready: true };
    await pause(periodMs);
  }
}
