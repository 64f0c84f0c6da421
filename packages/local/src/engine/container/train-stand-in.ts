import type { Template } from '@sluice/argo-types';
import { localCommandAnnotation } from '../../annotations.js';
import type { LeafPlan } from '../../preflight.js';
import type { ContainerEngineInfo } from './discover.js';
import { engineCommand } from './engine-command.js';

/**
 * A train stage (a PyTorchJob) whose master image is not on this machine, and that declares a local stand-in
 * (`sluice.dev/local-command`, from `train({ local })`), runs the stand-in on the host as in a host run instead of
 * stopping the run: trainer images (CUDA, torchrun) are rarely built on a laptop. Without `--pull` only; returns the
 * templates switched, by name.
 *
 * @example
 * ```ts
 * const onHost = await trainStandIns(info, plans, false); // ['train'] when its trainer image is missing
 * ```
 */
export async function trainStandIns(
  info: ContainerEngineInfo,
  plans: Map<Template, LeafPlan>,
  pull: boolean,
): Promise<string[]> {
  if (pull) return [];
  const switched: string[] = [];
  for (const [t, plan] of plans) {
    if (plan.kind !== 'image' || t.resource === undefined) continue;
    if (t.metadata?.annotations?.[localCommandAnnotation] === undefined) continue;
    const found = await engineCommand(info.bin, [...info.globalFlags, 'image', 'exists', plan.image], info.env);
    if (found.code === 0) continue;
    plans.set(t, { kind: 'command', source: 'annotation' });
    switched.push(t.name ?? '');
  }
  return switched;
}
