import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { engineCommand } from './engine-command.js';

/**
 * The container engines a local run can use.
 * @example
 * ```ts
 * import { type ContainerEngineKind, discoverEngine } from '@sluice/local';
 *
 * const kind: ContainerEngineKind = process.env.CONTAINER_ENGINE === 'docker' ? 'docker' : 'podman';
 * const engine = await discoverEngine(kind, process.env);
 * ```
 */
export type ContainerEngineKind = 'podman' | 'docker';

/**
 * Where leaves of a local run execute: this machine's processes, or a container engine.
 * @example
 * ```ts
 * import { type EngineName, runWorkflow } from '@sluice/local';
 *
 * const engine: EngineName = 'host'; // or 'podman' / 'docker' to run each step in its image
 * await runWorkflow([], { engine });
 * ```
 */
export type EngineName = 'host' | ContainerEngineKind;

/**
 * A container engine found on this machine, with the flags its setup needs.
 * @example
 * ```ts
 * import { type ContainerEngineInfo, discoverEngine } from '@sluice/local';
 *
 * const info: ContainerEngineInfo = await discoverEngine('podman', process.env);
 * console.log(info.bin, info.globalFlags.join(' '));
 * ```
 */
export interface ContainerEngineInfo {
  readonly kind: ContainerEngineKind;
  /** The engine's CLI, resolved on `PATH`. */
  readonly bin: string;
  /** Flags before the subcommand (`podman --runtime runc --cgroup-manager=cgroupfs run …`). */
  readonly globalFlags: readonly string[];
  /** Flags every `create`/`run` needs on this machine (e.g. explicit rlimits for runc as root). */
  readonly runFlags: readonly string[];
  /** The environment the CLI runs with (it carries `CONTAINER_HOST` / `DOCKER_HOST`). */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The engine cannot be used: not installed, or it does not answer. Exit code 2 in the CLI.
 * @example
 * ```ts
 * import { discoverEngine, EngineUnavailableError } from '@sluice/local';
 *
 * try {
 *   await discoverEngine('docker', process.env);
 * } catch (error) {
 *   if (error instanceof EngineUnavailableError) console.error(error.message); // how to install it, or --engine host
 * }
 * ```
 */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

/** Finds an executable on `PATH` the way a shell does. */
export function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

interface PodmanHost {
  readonly cgroupVersion?: string;
  readonly ociRuntime?: { readonly name?: string };
  readonly security?: { readonly rootless?: boolean };
}

/**
 * The flags podman needs on this host. crun (podman's default runtime) refuses hybrid cgroup v1 hosts, so there
 * runc with the cgroupfs manager is used when installed; runc as root cannot raise the rlimits it inherits, so
 * `nofile` and `nproc` are given explicitly.
 */
export function podmanQuirks(host: PodmanHost, runcInstalled: boolean): { global: string[]; run: string[] } {
  const global: string[] = [];
  let runtime = host.ociRuntime?.name ?? '';
  if (host.cgroupVersion === 'v1' && runtime === 'crun' && runcInstalled) {
    global.push('--runtime', 'runc', '--cgroup-manager=cgroupfs');
    runtime = 'runc';
  }
  const run =
    runtime === 'runc' && host.security?.rootless !== true
      ? ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024']
      : [];
  return { global, run };
}

/**
 * Finds the engine and asks it about its host, so that the first container does not fail on a quirk. Throws
 * {@link EngineUnavailableError} with the engine's own message when it is missing or does not answer.
 * @example
 * ```ts
 * import { discoverEngine } from '@sluice/local';
 *
 * const podman = await discoverEngine('podman', process.env);
 * ```
 */
export async function discoverEngine(kind: ContainerEngineKind, env: NodeJS.ProcessEnv): Promise<ContainerEngineInfo> {
  const bin = onPath(kind, env);
  if (bin === undefined) {
    throw new EngineUnavailableError(
      `--engine ${kind}: "${kind}" is not on PATH; install it (Debian: apt-get install ${kind === 'podman' ? 'podman runc' : 'docker.io'}) or use --engine host`,
    );
  }
  const info = await engineCommand(bin, ['info', '--format', '{{json .}}'], env);
  if (info.code !== 0) {
    throw new EngineUnavailableError(
      `--engine ${kind}: "${kind} info" failed: ${info.stderr.trim() || info.stdout.trim()}`,
    );
  }
  if (kind === 'docker') return { kind, bin, globalFlags: [], runFlags: [], env };
  let host: PodmanHost = {};
  try {
    host = (JSON.parse(info.stdout) as { host?: PodmanHost }).host ?? {};
  } catch {
    // An engine that answers in another shape gets no quirk flags.
  }
  const quirks = podmanQuirks(host, onPath('runc', env) !== undefined);
  return { kind, bin, globalFlags: quirks.global, runFlags: quirks.run, env };
}
