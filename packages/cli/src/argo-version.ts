import {
  type ArgoVersion,
  argoVersions,
  defaultArgoVersion,
  loadArgoSchema,
  parseArgoVersion,
} from '@sluice/argo-types';
import type { SluiceConfig } from '@sluice/sdk';
import { UsageError } from './command.js';

/** The `--argo-version` option, shared by every command that validates. */
export const argoVersionOption = { 'argo-version': { type: 'string' } } as const;

/** The `--help` line of {@link argoVersionOption}; `server` for the commands that ask the server its release. */
export function argoVersionHelp(server = false): string {
  const fallback = server ? 'else the release the server reports, else the newest' : 'else the newest';
  return `  --argo-version: the Argo release to validate for (${argoVersions.join(', ')}); default ARGO_VERSION, else argoVersion in sluice.config.ts, ${fallback}`;
}

/** The target release and what chose it (printed when it matters, e.g. on a mismatch with the server). */
export interface TargetVersion {
  readonly version: ArgoVersion;
  /** `--argo-version`, `ARGO_VERSION`, the configuration file, or `default`. */
  readonly source: string;
}

function parse(value: string, what: string): ArgoVersion {
  const version = parseArgoVersion(value);
  if (version === undefined) {
    throw new UsageError(`${what} "${value}" is not a supported Argo release; use one of ${argoVersions.join(', ')}`);
  }
  return version;
}

/**
 * The Argo release a command targets: `--argo-version`, else `ARGO_VERSION`, else `argoVersion` in the
 * configuration, else the newest. Its schema is loaded (lazily: only this release's table is read).
 */
export async function targetArgoVersion(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  config: SluiceConfig | undefined,
  configFile?: string,
): Promise<TargetVersion & { readonly explicit: boolean }> {
  const chosen: TargetVersion =
    flag !== undefined
      ? { version: parse(flag, '--argo-version'), source: '--argo-version' }
      : env.ARGO_VERSION !== undefined && env.ARGO_VERSION !== ''
        ? { version: parse(env.ARGO_VERSION, 'ARGO_VERSION'), source: 'ARGO_VERSION' }
        : config?.argoVersion !== undefined
          ? { version: config.argoVersion, source: configFile ?? 'sluice.config.ts' }
          : { version: defaultArgoVersion, source: 'default' };
  await loadArgoSchema(chosen.version);
  return { ...chosen, explicit: chosen.source !== 'default' };
}
