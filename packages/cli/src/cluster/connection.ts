import { type ArgoClient, createClient } from '@sluice/client';
import { type CommandIO, UsageError } from '../command.js';

/** The flags every cluster command takes, as the argo CLI spells them. */
export const connectionOptions = {
  server: { type: 'string', short: 's' },
  namespace: { type: 'string', short: 'n' },
  secure: { type: 'string' },
  'insecure-skip-verify': { type: 'boolean', short: 'k' },
  'argo-base-href': { type: 'string' },
  header: { type: 'string', short: 'H', multiple: true },
  'client-certificate': { type: 'string' },
  'client-key': { type: 'string' },
  'certificate-authority': { type: 'string' },
  'request-timeout': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

/** Help lines for {@link connectionOptions}, in the `--flag: text` form `renderHelp` reads. */
export const connectionHelp = `
Connection flags (below) override the environment.
  --server: Argo Server host:port (ARGO_SERVER)
  --namespace: namespace (ARGO_NAMESPACE, else "default")
  --secure: true|false, use TLS (ARGO_SECURE, default true)
  --insecure-skip-verify: skip TLS certificate verification (ARGO_INSECURE_SKIP_VERIFY)
  --argo-base-href: path prefix of the server (ARGO_BASE_HREF)
  --header: extra request header "Name: value", repeatable
  --client-certificate: PEM client certificate file
  --client-key: PEM client key file
  --certificate-authority: PEM CA file to trust
  --request-timeout: seconds to wait for each answer (default 30)
  --verbose: print each request and answer on stderr (the token is never shown)
The token is read from ARGO_TOKEN and sent as given, scheme included ("Bearer …"). HTTPS_PROXY is honoured.`;

/** The parsed values of {@link connectionOptions}. */
export interface ConnectionValues {
  readonly server?: string;
  readonly namespace?: string;
  readonly secure?: string;
  readonly 'insecure-skip-verify'?: boolean;
  readonly 'argo-base-href'?: string;
  readonly header?: string[];
  readonly 'client-certificate'?: string;
  readonly 'client-key'?: string;
  readonly 'certificate-authority'?: string;
  readonly 'request-timeout'?: string;
  readonly verbose?: boolean;
}

/**
 * Creates the client the flags and the environment describe. With `--verbose`, requests go to stderr with the
 * token and secret headers redacted.
 */
export function clientFrom(values: ConnectionValues, io: CommandIO): ArgoClient {
  const timeout = values['request-timeout'];
  const seconds = timeout === undefined ? undefined : Number(timeout);
  if (seconds !== undefined && (!Number.isFinite(seconds) || seconds <= 0)) {
    throw new UsageError(`--request-timeout must be a positive number of seconds, got "${timeout}"`);
  }
  return createClient({
    env: io.env,
    cwd: io.cwd,
    server: values.server,
    namespace: values.namespace,
    secure: parseBool('--secure', values.secure),
    insecureSkipVerify: values['insecure-skip-verify'] ? true : undefined,
    baseHref: values['argo-base-href'],
    headers: values.header,
    clientCertificate: values['client-certificate'],
    clientKey: values['client-key'],
    certificateAuthority: values['certificate-authority'],
    timeoutMs: seconds === undefined ? undefined : seconds * 1000,
    log: values.verbose ? (line) => io.stderr.write(`${line}\n`) : undefined,
    retry: retryFromEnv(io.env),
  });
}

function parseBool(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`${flag} takes true or false, got "${value}"`);
}

/** `SLUICE_RETRY_BASE_MS` shortens backoff (tests and impatient CI); the policy is otherwise the default. */
function retryFromEnv(env: NodeJS.ProcessEnv): { baseDelayMs: number } | undefined {
  const base = Number(env.SLUICE_RETRY_BASE_MS);
  return Number.isFinite(base) && base > 0 ? { baseDelayMs: base } : undefined;
}
