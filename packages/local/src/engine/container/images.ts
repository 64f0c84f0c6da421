import type { Template } from '@sluice/argo-types';
import type { LeafPlan } from '../../preflight.js';
import { type ContainerEngineInfo, EngineUnavailableError } from './discover.js';
import { engineCommand } from './engine-command.js';

/**
 * Images a container run needs are not on this machine (and were not to be pulled). Exit code 2 in the CLI.
 * @example
 * ```ts
 * import { MissingImagesError, runWorkflow } from '@sluice/local';
 *
 * try {
 *   await runWorkflow([], { engine: 'podman', pull: false });
 * } catch (error) {
 *   if (error instanceof MissingImagesError) console.error(`build or pull first: ${error.images.join(', ')}`);
 * }
 * ```
 */
export class MissingImagesError extends Error {
  override readonly name = 'MissingImagesError';
  constructor(
    /** The images that are missing. */
    readonly images: readonly string[],
    /** Why each could not be had (pull errors), by image. */
    reasons: ReadonlyMap<string, string>,
  ) {
    super(
      [
        `cannot run in containers: ${images.length} image${images.length === 1 ? ' is' : 's are'} not on this machine (nothing was run):`,
        ...images.map((i) => `  - ${i}${reasons.has(i) ? `: ${reasons.get(i)}` : ''}`),
        'Build the stage image with `workflow build <entry.ts>` (or `podman build`), or add --pull to fetch images from their registry.',
      ].join('\n'),
    );
  }
}

/** Every image the planned leaves run (main containers and sidecars), in template order. */
export function imagesOf(plans: ReadonlyMap<Template, LeafPlan>): string[] {
  const images = new Set<string>();
  for (const [t, plan] of plans) {
    if (plan.kind !== 'image') continue;
    images.add(plan.image);
    for (const s of t.sidecars ?? []) if (s.image) images.add(s.image);
  }
  return [...images].filter((i) => !i.includes('{{'));
}

/**
 * Makes sure every image is on this machine: pulls the missing ones only when `pull` is set, and throws
 * {@link MissingImagesError} naming those still missing.
 */
export async function ensureImages(info: ContainerEngineInfo, images: readonly string[], pull: boolean): Promise<void> {
  const cli = (args: string[]) => engineCommand(info.bin, [...info.globalFlags, ...args], info.env);
  const missing: string[] = [];
  const reasons = new Map<string, string>();
  for (const image of images) {
    const found = await cli(['image', 'inspect', '--format', '{{.Id}}', image]);
    if (found.code === 0) continue;
    if (pull) {
      const pulled = await cli(['pull', image]);
      if (pulled.code === 0) continue;
      reasons.set(image, pulled.stderr.trim().split('\n').at(-1) ?? 'pull failed');
    }
    missing.push(image);
  }
  if (missing.length > 0) throw new MissingImagesError(missing, reasons);
}

/**
 * Checks that the engine can start a container on this machine, before anything runs: a container of `image`
 * with an entrypoint that does not exist must fail with "command not found" (exit 127) — any other failure
 * (cgroups, rlimits, runtime) is the engine's, and its message is thrown as {@link EngineUnavailableError}.
 */
export async function probeStart(info: ContainerEngineInfo, image: string): Promise<void> {
  const probe = await engineCommand(
    info.bin,
    [
      ...info.globalFlags,
      'run',
      '--rm',
      ...info.runFlags,
      '--network',
      'none',
      '--entrypoint',
      '/sluice-engine-probe',
      image,
    ],
    info.env,
  );
  if (probe.code === 127) return;
  throw new EngineUnavailableError(
    `--engine ${info.kind}: the engine cannot start a container on this machine: ${probe.stderr.trim() || `exit code ${probe.code}`}`,
  );
}
