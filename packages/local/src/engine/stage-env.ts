import type { EnvVar } from '@sluice/argo-types';

/**
 * Variables a compiled template may carry that only make sense inside the cluster: the Pushgateway's in-cluster
 * address (the pipeline compiles e.g. `http://pushgateway.monitoring:9091` into every stage) and the directory
 * Kubernetes mounts secrets at. A local run never takes them from the template: each comes from the runner's own
 * environment when set there, and is left unset otherwise (so a stage writes its metrics only to the run
 * directory's file and reads secrets from the stage protocol's default place).
 */
export const clusterOnlyVariables: ReadonlySet<string> = new Set(['PUSHGATEWAY_URL', 'SLUICE_SECRETS_DIR']);

/**
 * The environment of a stage process before the stage protocol's variables are added: the runner's environment,
 * plus the template's literal `env` values (paths mapped into the node's directory by `map`), except the
 * {@link clusterOnlyVariables}, which keep the runner's value or stay unset. `valueFrom` entries (secret and
 * field references) have no local source and are skipped.
 *
 * @example
 * ```ts
 * stageEnvironment({ PATH: '/usr/bin' }, [{ name: 'PUSHGATEWAY_URL', value: 'http://pushgateway.monitoring:9091' }], (s) => s);
 * // → { PATH: '/usr/bin' }
 * ```
 */
export function stageEnvironment(
  runner: NodeJS.ProcessEnv,
  declared: readonly EnvVar[],
  map: (value: string) => string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...runner };
  for (const e of declared) {
    if (e.value === undefined || clusterOnlyVariables.has(e.name)) continue;
    env[e.name] = map(e.value);
  }
  return env;
}
