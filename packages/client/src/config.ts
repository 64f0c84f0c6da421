import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Settings given explicitly (command-line flags or code); each overrides the matching environment variable.
 * @example
 * ```ts
 * import { type ClientSettings, resolveConfig } from '@sluice/client';
 *
 * const settings: ClientSettings = { server: 'argo.example.org:443', namespace: 'etl', timeoutMs: 30_000 };
 * const config = resolveConfig(settings, {});
 * ```
 */
export interface ClientSettings {
  /** `host:port` of the Argo Server (`ARGO_SERVER`, `-s`). A full `http(s)://` URL is accepted too. */
  readonly server?: string;
  /** The `Authorization` header value, sent exactly as given, scheme included (`ARGO_TOKEN`). */
  readonly token?: string;
  /** The default namespace (`ARGO_NAMESPACE`, `-n`). */
  readonly namespace?: string;
  /** Use TLS (`ARGO_SECURE`, `-e`); on unless set to false. */
  readonly secure?: boolean;
  /** Skip certificate verification (`ARGO_INSECURE_SKIP_VERIFY`, `-k`). Off by default. */
  readonly insecureSkipVerify?: boolean;
  /** A path prefix in front of `/api/v1` (`ARGO_BASE_HREF`, `--argo-base-href`). */
  readonly baseHref?: string;
  /** Extra headers, `Name: value` each (`-H`). */
  readonly headers?: readonly string[];
  /** PEM file of a client certificate (`--client-certificate`). */
  readonly clientCertificate?: string;
  /** PEM file of the client certificate's key (`--client-key`). */
  readonly clientKey?: string;
  /** PEM file of the certificate authority to trust (`--certificate-authority`). */
  readonly certificateAuthority?: string;
  /** Proxy URL for requests (`HTTPS_PROXY` / `HTTP_PROXY`); `false` for none. */
  readonly proxy?: string | false;
  /** Per-request timeout in milliseconds (streams are exempt once they start). Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * A resolved configuration: everything the transport needs, with TLS material loaded.
 * @example
 * ```ts
 * import { type ClientConfig, resolveConfig } from '@sluice/client';
 *
 * const config: ClientConfig = resolveConfig({ server: 'argo.example.org:443' }, {});
 * console.log(config.baseUrl); // 'https://argo.example.org:443'
 * ```
 */
export interface ClientConfig {
  /** `http(s)://host:port/base-href`, without a trailing slash. */
  readonly baseUrl: string;
  /** The `Authorization` header, when there is a token. */
  readonly token: string | undefined;
  /** The default namespace; `default`, as in an unset kubeconfig context, when nothing is set. */
  readonly namespace: string;
  /** Skip certificate verification. */
  readonly insecureSkipVerify: boolean;
  /** Extra headers by name. */
  readonly headers: Readonly<Record<string, string>>;
  /** TLS material, PEM text. */
  readonly tls: { readonly cert?: string; readonly key?: string; readonly ca?: string };
  /** The proxy URL, or undefined for none. */
  readonly proxy: URL | undefined;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * The namespace used when neither the settings nor `ARGO_NAMESPACE` name one.
 * @example
 * ```ts
 * import { defaultNamespace, resolveConfig } from '@sluice/client';
 *
 * const config = resolveConfig({ server: 'argo.example.org:443' }, {});
 * console.log(config.namespace === defaultNamespace); // true: no ARGO_NAMESPACE, no --namespace
 * ```
 */
export const defaultNamespace = 'default';

/**
 * A configuration that cannot work, e.g. no server, a bad header, an unreadable certificate.
 * @example
 * ```ts
 * import { ConfigError, createClient } from '@sluice/client';
 *
 * try {
 *   createClient({ env: {} });
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.message); // says to set ARGO_SERVER or --server
 * }
 * ```
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Resolves the client configuration the way the argo CLI does: explicit settings first, then `ARGO_SERVER`,
 * `ARGO_TOKEN`, `ARGO_NAMESPACE`, `ARGO_SECURE`, `ARGO_INSECURE_SKIP_VERIFY`, `ARGO_BASE_HREF`, `HTTPS_PROXY`
 * and `NO_PROXY` from `env`. TLS is on and certificates are verified unless said otherwise.
 *
 * @param cwd resolves relative certificate paths.
 * @throws {ConfigError} naming the setting and what would be valid.
 * @example
 * ```ts
 * import { resolveConfig } from '@sluice/client';
 *
 * const config = resolveConfig({ namespace: 'etl' }, { ARGO_SERVER: 'argo.example.org:443' });
 * console.log(config.baseUrl); // 'https://argo.example.org:443'
 * ```
 */
export function resolveConfig(
  settings: ClientSettings = {},
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ClientConfig {
  const server = nonEmpty(settings.server) ?? nonEmpty(env.ARGO_SERVER);
  if (server === undefined) {
    throw new ConfigError('no Argo Server given: set ARGO_SERVER=host:port or pass --server host:port');
  }
  const secure = settings.secure ?? envBool(env, 'ARGO_SECURE') ?? true;
  const insecureSkipVerify = settings.insecureSkipVerify ?? envBool(env, 'ARGO_INSECURE_SKIP_VERIFY') ?? false;
  const baseHref = (nonEmpty(settings.baseHref) ?? nonEmpty(env.ARGO_BASE_HREF) ?? '').replace(/\/+$/, '');
  const origin = /^https?:\/\//.test(server) ? server.replace(/\/+$/, '') : `${secure ? 'https' : 'http'}://${server}`;
  let baseUrl: string;
  try {
    const url = new URL(origin);
    baseUrl = `${url.origin}${baseHref === '' ? '' : `/${baseHref.replace(/^\/+/, '')}`}`;
  } catch {
    throw new ConfigError(`ARGO_SERVER/--server "${server}" is not a valid host:port`);
  }
  const timeoutMs = settings.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ConfigError('timeout must be a positive number');
  return {
    baseUrl,
    token: nonEmpty(settings.token) ?? nonEmpty(env.ARGO_TOKEN),
    namespace: nonEmpty(settings.namespace) ?? nonEmpty(env.ARGO_NAMESPACE) ?? defaultNamespace,
    insecureSkipVerify,
    headers: parseHeaders(settings.headers ?? []),
    tls: {
      ...readPem('--client-certificate', settings.clientCertificate, cwd, 'cert'),
      ...readPem('--client-key', settings.clientKey, cwd, 'key'),
      ...readPem('--certificate-authority', settings.certificateAuthority, cwd, 'ca'),
    },
    proxy: resolveProxy(settings.proxy, env, baseUrl),
    timeoutMs,
  };
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new ConfigError(`header "${redactHeaderLine(line)}" is not of the form "Name: value"`);
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

function redactHeaderLine(line: string): string {
  return line.length > 40 ? `${line.slice(0, 20)}…` : line;
}

function readPem<K extends string>(
  flag: string,
  file: string | undefined,
  cwd: string,
  key: K,
): Partial<Record<K, string>> {
  if (file === undefined || file === '') return {};
  try {
    return { [key]: readFileSync(path.resolve(cwd, file), 'utf8') } as Partial<Record<K, string>>;
  } catch (error) {
    throw new ConfigError(`${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function resolveProxy(setting: string | false | undefined, env: NodeJS.ProcessEnv, baseUrl: string): URL | undefined {
  if (setting === false) return undefined;
  const https = baseUrl.startsWith('https:');
  const raw =
    nonEmpty(setting) ??
    (https
      ? (nonEmpty(env.HTTPS_PROXY) ?? nonEmpty(env.https_proxy))
      : (nonEmpty(env.HTTP_PROXY) ?? nonEmpty(env.http_proxy)));
  if (raw === undefined) return undefined;
  if (setting === undefined && bypassesProxy(new URL(baseUrl).hostname, env.NO_PROXY ?? env.no_proxy ?? '')) {
    return undefined;
  }
  try {
    return new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new ConfigError(`proxy "${raw}" is not a valid URL`);
  }
}

function bypassesProxy(host: string, noProxy: string): boolean {
  return noProxy
    .split(',')
    .map((entry) => entry.trim().replace(/:\d+$/, ''))
    .some(
      (entry) => entry === '*' || entry === host || (entry !== '' && host.endsWith(`.${entry.replace(/^\./, '')}`)),
    );
}

function envBool(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new ConfigError(`${name}="${value}" is not a boolean; use true or false`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
