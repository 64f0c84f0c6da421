import { type ArgoVersion, loadArgoSchema, parseArgoVersion } from '@sluice/argo-types';
import type { WorkflowDefaults } from '@sluice/sdk';
import { targetArgoVersion } from '../argo-version.js';
import type { CommandIO } from '../command.js';
import { resolveConfig } from '../config.js';
import { type ConnectionValues, clientFrom } from './connection.js';

/** What the cluster commands lint for: the release, and the controller defaults from the configuration. */
export interface LintTarget {
  readonly argoVersion: ArgoVersion;
  readonly workflowDefaults?: WorkflowDefaults;
}

/** The server's release as `GET /api/v1/version` reports it, or `undefined` when it cannot be asked. */
async function askServer(values: ConnectionValues, io: CommandIO): Promise<string | undefined> {
  try {
    const client = clientFrom(values, io);
    try {
      const version = await client.info.version();
      return version.version ?? version.gitTag;
    } finally {
      client.close();
    }
  } catch {
    // No server configured, or it does not answer: the command itself reports that when it connects.
    return undefined;
  }
}

/**
 * The release `submit`, `template apply` and `cron apply` lint for. Told (`--argo-version`, `ARGO_VERSION`,
 * `argoVersion` in sluice.config.ts), that release, with a warning when the server runs another; not told, the
 * release the server reports (asked once, `GET /api/v1/version`), else the newest. `offline` (a dry run) asks
 * nothing.
 */
export async function lintTarget(
  values: ConnectionValues & { readonly 'argo-version'?: string },
  files: readonly string[],
  io: CommandIO,
  offline: boolean,
): Promise<LintTarget> {
  const loaded = await resolveConfig(undefined, files, io.cwd);
  const defaults = loaded?.config.workflowDefaults;
  const target = await targetArgoVersion(values['argo-version'], io.env, loaded?.config, loaded?.file);
  const withDefaults = (argoVersion: ArgoVersion): LintTarget =>
    defaults === undefined ? { argoVersion } : { argoVersion, workflowDefaults: defaults };
  if (offline) return withDefaults(target.version);
  const reported = await askServer(values, io);
  if (reported === undefined) return withDefaults(target.version);
  const server = parseArgoVersion(reported);
  if (target.explicit) {
    if (server !== target.version) {
      io.stderr.write(
        `warning: linting for Argo ${target.version} (${target.source}), but the server runs ${reported}${server === undefined ? '' : ` (Argo ${server})`}\n`,
      );
    }
    return withDefaults(target.version);
  }
  if (server === undefined) {
    io.stderr.write(
      `warning: the server runs ${reported}, a release Sluice has no schema for; linting for Argo ${target.version} (set --argo-version to choose)\n`,
    );
    return withDefaults(target.version);
  }
  await loadArgoSchema(server);
  return withDefaults(server);
}
