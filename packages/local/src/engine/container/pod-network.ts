import { randomBytes } from 'node:crypto';
import type { ContainerEngineInfo } from './discover.js';
import { engineCommand } from './engine-command.js';

/** The run's own pod network: created before the first pod, removed after the last. */
export interface PodNetwork {
  readonly name: string;
  /** Removes the network (its containers are gone by then). */
  remove(): Promise<void>;
}

/**
 * Creates an internal network for one run, as a cluster's pod network: pods of the run reach each other by IP
 * (a daemon at `{{steps.X.ip}}`), and the network has no route out, so it opens nothing beyond the run.
 *
 * @example
 * ```ts
 * const network = await createPodNetwork(info, 'features');
 * // … pods join network.name …
 * await network.remove();
 * ```
 */
export async function createPodNetwork(info: ContainerEngineInfo, runName: string): Promise<PodNetwork> {
  const safe = runName.replace(/[^a-zA-Z0-9_.-]+/g, '-').slice(0, 40);
  const name = `sluice-${safe}-${randomBytes(3).toString('hex')}`;
  const cli = (args: readonly string[]) => engineCommand(info.bin, [...info.globalFlags, ...args], info.env);
  const created = await cli(['network', 'create', '--internal', name]);
  if (created.code !== 0) {
    throw new Error(`${info.kind} could not create the run's pod network ${name}: ${created.stderr.trim()}`);
  }
  return {
    name,
    remove: async () => {
      await cli(['network', 'rm', '--force', name]);
    },
  };
}
