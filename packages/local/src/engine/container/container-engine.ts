import { randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Container, EnvVar, Template, Volume } from '@sluice/argo-types';
import { exists } from '../../file-exists.js';
import { type ProcessResult, runProcess } from '../process.js';
import { clusterOnlyVariables } from '../stage-env.js';
import type { StartedStep, StepEngine, StepLaunch, StepPlacement } from '../step-engine.js';
import { type ContainerEngineInfo, onPath } from './discover.js';
import { engineCommand } from './engine-command.js';
import { type AllowedDestination, allowListRules } from './network.js';
import { asContainerTemplate, gpuRequests } from './pytorch-job.js';
import { cpuLimit, memoryLimit } from './quantity.js';

/** Where Argo's executor puts a script template's source in the container. */
export const scriptPath = '/argo/staging/script';
/** Where the stage protocol's run-level files (metrics, lineage, checkpoints) are mounted in a container. */
const protocolMount = '/var/run/sluice';

/** What a container engine needs from the run, besides the engine itself. */
export interface ContainerRunContext {
  /** The run directory: PersistentVolumeClaims become `<runDir>/volumes/<claim>`, shared by the run's pods. */
  readonly runDir: string;
  /** The workflow's `spec.volumes`. */
  readonly volumes: readonly Volume[];
  /** Names of the workflow's `volumeClaimTemplates` (each a claim shared by the run's pods). */
  readonly claimTemplates: readonly string[];
  /** Local secrets: `<secretsDir>/<secret>/<key>` (the runner's `SLUICE_SECRETS_DIR`). */
  readonly secretsDir: string | undefined;
  /**
   * Where a template's pod may connect to, from the NetworkPolicies given with the workflow; undefined: nowhere
   * (`--network none`).
   */
  readonly egress: (template: Template) => readonly AllowedDestination[] | undefined;
  /**
   * The run's own internal network, when the workflow has daemons: every pod joins it, so later steps reach a
   * daemon at its pod IP, and nothing outside the run is reachable through it.
   */
  readonly podNetwork?: string;
}

type ContainerSpec = Pick<
  Container,
  'command' | 'args' | 'env' | 'workingDir' | 'securityContext' | 'resources' | 'volumeMounts'
> & { readonly image?: string };

interface Mount {
  readonly host: string;
  readonly container: string;
  readonly readOnly: boolean;
}

/** A directory a container user of any uid can write, as Kubernetes' emptyDir is. */
async function sharedDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o777);
  return dir;
}

/** Says, for the run report and the step's log, that GPUs were asked for and the step runs without them. */
function noGpuNote(missing: readonly string[]): string {
  return `requests ${missing.join(', ')}; this machine's engine has no such device (no CDI spec), so it runs on CPU`;
}

/** Where CDI specs live; a spec declaring `kind: <vendor>/gpu` makes `--device <vendor>/gpu=all` work. */
const cdiDirs = ['/etc/cdi', '/var/run/cdi'];

async function cdiDeclares(resource: string): Promise<boolean> {
  for (const dir of cdiDirs) {
    let files: string[];
    try {
      files = await readdir(dir);
    } catch {
      continue;
    }
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8').catch(() => '');
      if (new RegExp(`kind["']?:\\s*["']?${resource.replace(/[.]/g, '\\.')}["']?`).test(text)) return true;
    }
  }
  return false;
}

function containerName(nodeId: string): string {
  const safe = nodeId.replace(/[^a-zA-Z0-9_.-]+/g, '-').slice(0, 100);
  return `sluice-${safe}-${randomBytes(3).toString('hex')}`;
}

/**
 * Runs leaves in their own images with podman or docker, as a kubelet and Argo's executor would: the template's
 * command, args, env, working directory, security context, limits and volume mounts; input artifacts mounted at
 * their paths before start; outputs copied out of the stopped container (as Argo's wait container reads them).
 */
export class ContainerStepEngine implements StepEngine {
  readonly name: string;
  readonly #digests = new Map<string, Promise<string | undefined>>();
  readonly #devices = new Map<string, Promise<boolean>>();

  constructor(
    private readonly info: ContainerEngineInfo,
    private readonly run: ContainerRunContext,
  ) {
    this.name = info.kind;
  }

  /** The engine's CLI with its global flags. */
  #cli(args: readonly string[]) {
    return engineCommand(this.info.bin, [...this.info.globalFlags, ...args], this.info.env);
  }

  /** The image's digest (its content address), looked up once per image. */
  digest(image: string): Promise<string | undefined> {
    let found = this.#digests.get(image);
    if (found === undefined) {
      // The manifest digest when the engine has one (pulled or built images), else the image id.
      found = this.#cli(['image', 'inspect', '--format', '{{.Digest}} {{.Id}}', image]).then((r) => {
        if (r.code !== 0) return undefined;
        const [digest, id] = r.stdout.trim().split(' ');
        const chosen = digest?.startsWith('sha256:') ? digest : id;
        return chosen === undefined || chosen === '' ? undefined : `sha256:${chosen.replace(/^sha256:/, '')}`;
      });
      this.#digests.set(image, found);
    }
    return found;
  }

  /** Where a template runs: this engine, its image and the image's digest. */
  async placement(template: Template): Promise<StepPlacement | undefined> {
    const t = asContainerTemplate(template);
    const image = (t.container ?? t.script)?.image;
    if (image === undefined) return undefined;
    const missing = await this.#missingGpus(t);
    const gap = this.run.egress(t) === undefined ? undefined : this.#enforcementGap();
    const notes = [
      ...(missing.length === 0 ? [] : [noGpuNote(missing)]),
      ...(gap === undefined ? [] : [`egress destinations not enforced: ${gap}`]),
    ];
    return {
      engine: this.name,
      image,
      digest: await this.digest(image),
      ...(notes.length === 0 ? {} : { note: notes.join('; ') }),
    };
  }

  /** The GPU resources a template asks for that the engine has no device for (CDI), as `1 nvidia.com/gpu`. */
  async #missingGpus(t: Template): Promise<string[]> {
    const wanted = gpuRequests(t.container ?? t.script);
    const missing: string[] = [];
    for (const [resource, count] of Object.entries(wanted)) {
      if (!(await this.#hasDevice(resource))) missing.push(`${count} ${resource}`);
    }
    return missing;
  }

  /** Whether a CDI spec on this machine (`/etc/cdi`, `/var/run/cdi`) declares devices of kind `resource`. */
  async #hasDevice(resource: string): Promise<boolean> {
    let known = this.#devices.get(resource);
    if (known === undefined) {
      known = cdiDeclares(resource);
      this.#devices.set(resource, known);
    }
    return known;
  }

  async #volumeMounts(t: Template, spec: ContainerSpec, nodeDir: string): Promise<Mount[]> {
    const mounts: Mount[] = [];
    for (const m of spec.volumeMounts ?? []) {
      const where = `templates.${t.name}.volumeMounts.${m.name}`;
      const volume =
        (t.volumes ?? []).find((v) => v.name === m.name) ?? this.run.volumes.find((v) => v.name === m.name);
      let base: string;
      let readOnly = m.readOnly === true;
      if (volume?.emptyDir !== undefined) base = await sharedDir(path.join(nodeDir, 'volumes', m.name));
      else if (volume?.persistentVolumeClaim !== undefined) {
        base = await sharedDir(path.join(this.run.runDir, 'volumes', volume.persistentVolumeClaim.claimName));
        readOnly ||= volume.persistentVolumeClaim.readOnly === true;
      } else if (volume === undefined && this.run.claimTemplates.includes(m.name)) {
        base = await sharedDir(path.join(this.run.runDir, 'volumes', m.name));
      } else if (volume?.secret !== undefined) {
        base = this.#secretDir(volume.secret.secretName ?? '', where);
        readOnly = true;
      } else {
        const kind = volume === undefined ? 'undefined' : Object.keys(volume).find((k) => k !== 'name');
        throw new Error(
          `${where}: volume "${m.name}" is ${kind === 'undefined' ? 'not defined in the template or spec.volumes' : `a ${kind} volume, which a local run does not emulate`}; use emptyDir, persistentVolumeClaim, a volumeClaimTemplate or secret`,
        );
      }
      const host = m.subPath ? await sharedDir(path.join(base, m.subPath)) : base;
      mounts.push({ host, container: m.mountPath, readOnly });
    }
    return mounts;
  }

  #secretDir(secret: string, where: string): string {
    if (this.run.secretsDir === undefined) {
      throw new Error(
        `${where}: secret "${secret}" needs a local copy: set SLUICE_SECRETS_DIR to a directory holding ${secret}/<key> files`,
      );
    }
    return path.join(this.run.secretsDir, secret);
  }

  /** The container's environment: the template's values, secret references read from local files. */
  async #environment(t: Template, declared: readonly EnvVar[], protocol: Record<string, string>): Promise<string[]> {
    const lines: string[] = [];
    for (const e of declared) {
      if (clusterOnlyVariables.has(e.name) && e.name !== 'SLUICE_SECRETS_DIR') continue;
      if (e.value !== undefined) lines.push(`${e.name}=${e.value}`);
      const ref = e.valueFrom?.secretKeyRef;
      if (ref !== undefined) {
        const file = path.join(this.#secretDir(ref.name ?? '', `templates.${t.name}.env.${e.name}`), ref.key);
        try {
          lines.push(`${e.name}=${(await readFile(file, 'utf8')).replace(/\n$/, '')}`);
        } catch {
          if (ref.optional !== true)
            throw new Error(
              `templates.${t.name}.env.${e.name}: secret key ${ref.name}/${ref.key} is missing (${file})`,
            );
        }
      }
    }
    for (const [k, v] of Object.entries(protocol)) lines.push(`${k}=${v}`);
    for (const line of lines) {
      if (line.includes('\n'))
        throw new Error(
          `templates.${t.name}: env ${line.split('=')[0]} has a line break, which an env file cannot carry`,
        );
    }
    return lines;
  }

  async start(launch: StepLaunch): Promise<StartedStep> {
    const t = asContainerTemplate(launch.template);
    const spec: ContainerSpec | undefined = t.container ?? t.script;
    const image = spec?.image;
    if (spec === undefined || image === undefined) throw new Error(`templates.${t.name}: no image to run`);
    const name = containerName(launch.nodeId + (launch.protocol.JOB_COMPLETION_INDEX ?? ''));
    const nodeDir = launch.nodeDir;
    const mounts: Mount[] = [];
    // Input artifacts, placed by the runner under fsRoot, are mounted at their paths (as Argo's init container does).
    const inputPaths = new Set<string>();
    for (const a of t.inputs?.artifacts ?? []) {
      if (a.path === undefined) continue;
      const host = path.join(launch.fsRoot, a.path);
      if (await exists(host)) {
        mounts.push({ host, container: a.path, readOnly: false });
        inputPaths.add(a.path);
      }
    }
    mounts.push(...(await this.#volumeMounts(t, spec, nodeDir)));
    await writeFile(launch.terminationLog, '');
    await chmod(launch.terminationLog, 0o666);
    mounts.push({ host: launch.terminationLog, container: '/dev/termination-log', readOnly: false });
    const protocolDir = await sharedDir(path.join(nodeDir, 'protocol'));
    await sharedDir(path.join(nodeDir, 'lineage'));
    mounts.push({ host: protocolDir, container: `${protocolMount}/node`, readOnly: false });
    mounts.push({ host: path.join(nodeDir, 'lineage'), container: `${protocolMount}/lineage`, readOnly: false });
    const protocol: Record<string, string> = {};
    for (const key of ['SLUICE_WORKFLOW_NAME', 'SLUICE_WORKFLOW_UID', 'SLUICE_NODE_NAME', 'SLUICE_RETRY']) {
      const value = launch.protocol[key];
      if (value !== undefined) protocol[key] = value;
    }
    for (const key of ['SLUICE_PARTITION_INDEX', 'SLUICE_PARTITION_COUNT', 'JOB_COMPLETION_INDEX']) {
      const value = launch.protocol[key];
      if (value !== undefined) protocol[key] = value;
    }
    protocol.SLUICE_TERMINATION_LOG = '/dev/termination-log';
    protocol.SLUICE_METRICS_FILE = `${protocolMount}/node/metrics.prom`;
    protocol.SLUICE_LINEAGE_DIR = `${protocolMount}/lineage`;
    const checkpoint = launch.protocol.SLUICE_CHECKPOINT_DIR;
    if (checkpoint !== undefined) {
      await sharedDir(checkpoint);
      mounts.push({ host: checkpoint, container: `${protocolMount}/checkpoint`, readOnly: false });
      protocol.SLUICE_CHECKPOINT_DIR = `${protocolMount}/checkpoint`;
    }
    let command = spec.command;
    let args = spec.args ?? [];
    if (t.script !== undefined) {
      const file = path.join(nodeDir, 'script-source');
      await writeFile(file, t.script.source, { mode: 0o755 });
      mounts.push({ host: file, container: scriptPath, readOnly: true });
      command = t.script.command ?? ['sh'];
      args = [scriptPath, ...(t.script.args ?? [])];
    }
    const envFile = path.join(nodeDir, 'container.env');
    await writeFile(envFile, `${(await this.#environment(t, spec.env ?? [], protocol)).join('\n')}\n`, {
      mode: 0o600,
    });
    const create = ['create', '--name', name, ...this.info.runFlags, '--env-file', envFile];
    create.push(...this.#securityFlags(t, spec));
    const limits = spec.resources?.limits ?? {};
    if (limits.memory !== undefined) create.push('--memory', String(memoryLimit(String(limits.memory))));
    if (limits.cpu !== undefined) create.push('--cpus', String(cpuLimit(String(limits.cpu))));
    const missingGpus = await this.#missingGpus(t);
    for (const resource of Object.keys(gpuRequests(spec))) {
      if (await this.#hasDevice(resource)) create.push('--device', `${resource}=all`);
    }
    if (missingGpus.length > 0) await appendFile(launch.logFile, `[sluice] ${noGpuNote(missingGpus)}\n`);
    if (spec.workingDir) create.push('--workdir', spec.workingDir);
    for (const m of mounts) create.push('--volume', `${m.host}:${m.container}${m.readOnly ? ':ro' : ''}`);
    const network = this.#network(t);
    const sidecars = await this.#startSidecars(t, name, network, launch);
    create.push(...(sidecars.length > 0 ? ['--network', `container:${sidecars[0]}`] : network));
    if (command !== undefined) create.push('--entrypoint', JSON.stringify(command));
    create.push(image, ...args);
    const created = await this.#cli(create);
    await rm(envFile, { force: true });
    if (created.code !== 0) {
      await this.#remove(sidecars);
      throw new Error(`${this.name} could not create the container of templates.${t.name}: ${created.stderr.trim()}`);
    }
    if (sidecars.length === 0) {
      try {
        await this.#enforceEgress(t, name);
      } catch (error) {
        await this.#remove([name]);
        throw error;
      }
    }
    let stoppedBecause: string | undefined;
    const never = new AbortController();
    const graceSeconds = String(Math.max(0, Math.ceil(launch.graceMs / 1000)));
    const attached = runProcess({
      argv: [this.info.bin, ...this.info.globalFlags, 'start', '--attach', name],
      cwd: launch.cwd,
      env: this.info.env,
      logFile: launch.logFile,
      signal: never.signal,
      graceMs: launch.graceMs,
    });
    const exited: Promise<ProcessResult> = attached.then(async (client) => {
      const state = await this.#cli(['inspect', '--format', '{{.State.ExitCode}}|{{.State.Error}}', name]);
      const [code, error] = state.stdout.trim().split('|');
      // Sidecars are stopped once the main container ends, as Argo's executor kills them.
      await this.#stop(sidecars, graceSeconds);
      if (state.code === 0 && error !== undefined && error !== '') {
        return { ...client, exitCode: -1, spawnError: `${this.name} could not start templates.${t.name}: ${error}` };
      }
      const exitCode = state.code === 0 && code !== undefined && code !== '' ? Number(code) : client.exitCode;
      return { ...client, exitCode, killedBecause: stoppedBecause };
    });
    return {
      exited,
      stop: (reason) => {
        if (stoppedBecause !== undefined) return;
        stoppedBecause = reason;
        void this.#stop([name], graceSeconds);
      },
      collect: async (paths) => {
        for (const p of paths) {
          if (inputPaths.has(p)) continue;
          const to = path.join(launch.fsRoot, p);
          await mkdir(path.dirname(to), { recursive: true });
          await rm(to, { recursive: true, force: true });
          await this.#cli(['cp', `${name}:${p}`, to]);
        }
        const metrics = path.join(protocolDir, 'metrics.prom');
        if (await exists(metrics)) await rename(metrics, path.join(nodeDir, 'metrics.prom'));
      },
      dispose: async () => {
        // The main container uses the first sidecar's network: podman refuses to remove that one while it exists.
        await this.#remove([name]);
        await this.#remove(sidecars);
      },
      address: async () => {
        const holder = sidecars[0] ?? name;
        await this.#cli(['wait', '--condition', 'running', '--condition', 'exited', holder]);
        const net = this.run.podNetwork;
        const ips =
          net === undefined
            ? '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}'
            : `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`;
        const found = await this.#cli(['inspect', '--format', `{{.State.Status}} ${ips}`, holder]);
        const [status, ip] = found.stdout.trim().split(' ');
        if (found.code === 0 && status !== 'running') return undefined;
        if (found.code !== 0 || ip === undefined || ip === '' || ip === '<no') {
          throw new Error(
            `templates.${t.name}: the daemon's container has no address other pods can reach (${found.stderr.trim() || 'no network'})`,
          );
        }
        return ip;
      },
    };
  }

  /** Why egress destinations cannot be enforced here, or undefined when they can (podman as root, iptables, nsenter). */
  #enforcementGap(): string | undefined {
    if (this.info.kind !== 'podman') return `${this.info.kind} runs containers elsewhere`;
    if (this.info.env.CONTAINER_HOST !== undefined) return 'podman is remote (CONTAINER_HOST)';
    if (process.getuid?.() !== 0) return 'rootless podman cannot change a container network namespace';
    for (const tool of ['nsenter', 'iptables'])
      if (onPath(tool, this.info.env) === undefined) return `${tool} is missing`;
    return undefined;
  }

  /**
   * Makes the pod's egress exactly what its NetworkPolicies allow: the container is initialised (its network
   * namespace exists, its process has not started), then iptables rules are set inside that namespace.
   */
  async #enforceEgress(t: Template, name: string): Promise<void> {
    const allowed = this.run.egress(t);
    if (allowed === undefined || this.#enforcementGap() !== undefined) return;
    const init = await this.#cli(['init', name]);
    const pid = await this.#cli(['inspect', '--format', '{{.State.Pid}}', name]);
    if (init.code !== 0 || pid.code !== 0 || !/^[1-9]\d*$/.test(pid.stdout.trim())) {
      throw new Error(
        `${this.name} could not prepare the network of templates.${t.name}: ${(init.stderr || pid.stderr).trim()}`,
      );
    }
    const inNamespace = (tool: string, args: readonly string[]) =>
      engineCommand('nsenter', ['--target', pid.stdout.trim(), '--net', tool, ...args], this.info.env);
    const v4 = allowed.filter((d) => d.cidr === undefined || !d.cidr.includes(':'));
    for (const rule of allowListRules(v4)) {
      const done = await inNamespace('iptables', rule);
      if (done.code !== 0) {
        throw new Error(
          `could not apply the NetworkPolicy egress rules of templates.${t.name} (iptables ${rule.join(' ')}): ${done.stderr.trim()}`,
        );
      }
    }
    // IPv6 egress is closed (best effort: a namespace without IPv6 has nothing to close).
    if (onPath('ip6tables', this.info.env) !== undefined) {
      await inNamespace('ip6tables', ['-A', 'OUTPUT', '-o', 'lo', '-j', 'ACCEPT']);
      await inNamespace('ip6tables', ['-P', 'OUTPUT', 'DROP']);
    }
  }

  /** The pod's network: none, the engine's default (egress allowed), plus the run's own network when it has one. */
  #network(t: Template): string[] {
    const run = this.run.podNetwork;
    if (this.run.egress(t) === undefined) return ['--network', run ?? 'none'];
    if (run === undefined) return [];
    // podman joins several networks at create; docker joins one, so an egress pod there cannot reach daemons.
    return ['--network', this.info.kind === 'podman' ? `podman,${run}` : 'bridge'];
  }

  #securityFlags(t: Template, spec: ContainerSpec): string[] {
    const flags: string[] = [];
    const sc = spec.securityContext ?? {};
    const pod = t.securityContext ?? {};
    const user = sc.runAsUser ?? pod.runAsUser;
    const group = sc.runAsGroup ?? pod.runAsGroup;
    if (user !== undefined) flags.push('--user', group === undefined ? String(user) : `${user}:${group}`);
    if (sc.readOnlyRootFilesystem === true) {
      flags.push('--read-only');
      // Kubernetes mounts no writable /tmp on a read-only root file system; podman would.
      if (this.info.kind === 'podman') flags.push('--read-only-tmpfs=false');
    }
    for (const cap of sc.capabilities?.drop ?? []) flags.push('--cap-drop', cap);
    for (const cap of sc.capabilities?.add ?? []) flags.push('--cap-add', cap);
    if (sc.allowPrivilegeEscalation === false) flags.push('--security-opt', 'no-new-privileges');
    if (sc.privileged === true) flags.push('--privileged');
    return flags;
  }

  /** Starts the template's sidecars; the first one holds the pod's network, which the main container joins. */
  async #startSidecars(t: Template, main: string, network: string[], launch: StepLaunch): Promise<string[]> {
    const names: string[] = [];
    for (const [i, sidecar] of (t.sidecars ?? []).entries()) {
      const name = `${main}-sidecar-${i}`;
      const run = ['create', '--name', name, ...this.info.runFlags];
      run.push(...this.#securityFlags(t, sidecar));
      run.push(...(names.length > 0 ? ['--network', `container:${names[0]}`] : network));
      for (const e of sidecar.env ?? []) if (e.value !== undefined) run.push('--env', `${e.name}=${e.value}`);
      for (const m of await this.#volumeMounts(t, sidecar, launch.nodeDir))
        run.push('--volume', `${m.host}:${m.container}${m.readOnly ? ':ro' : ''}`);
      if (sidecar.command !== undefined) run.push('--entrypoint', JSON.stringify(sidecar.command));
      run.push(sidecar.image ?? '', ...(sidecar.args ?? []));
      let started = await this.#cli(run);
      if (started.code === 0) {
        // The first sidecar holds the pod's network: its allow-list is in place before anything in the pod runs.
        if (names.length === 0) {
          try {
            await this.#enforceEgress(t, name);
          } catch (error) {
            await this.#remove([...names, name]);
            throw error;
          }
        }
        started = await this.#cli(['start', name]);
        if (started.code !== 0) await this.#remove([name]);
      }
      if (started.code !== 0) {
        await this.#remove(names);
        throw new Error(
          `${this.name} could not start sidecar "${sidecar.name}" of templates.${t.name}: ${started.stderr.trim()}`,
        );
      }
      names.push(name);
    }
    return names;
  }

  async #stop(names: readonly string[], graceSeconds: string): Promise<void> {
    if (names.length > 0) await this.#cli(['stop', '--time', graceSeconds, ...names]);
  }

  async #remove(names: readonly string[]): Promise<void> {
    if (names.length > 0) await this.#cli(['rm', '--force', ...names]);
  }
}
