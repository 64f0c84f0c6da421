import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TransportError, UnauthenticatedError } from '../src/index.js';
import { type ContractServer, startContractServer } from './support/contract-server.js';
import { selfSignedCertificate } from './support/tls.js';

const token = 'Bearer v2:s3cr3t-t0ken-value-0123456789';

describe('auth', () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer({ token, baseHref: '/argo' });
  });
  afterAll(() => server.close());

  it('sends the token exactly as given, scheme included, and honours the base href', async () => {
    const logs: string[] = [];
    const client = createClient({
      env: { ARGO_SERVER: server.hostPort, ARGO_SECURE: 'false', ARGO_TOKEN: token, ARGO_BASE_HREF: '/argo/' },
      log: (l) => logs.push(l),
    });
    await client.info.version();
    await client.workflows.create({ metadata: { name: 'a' }, spec: { entrypoint: 'm', templates: [{ name: 'm' }] } });
    client.close();
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([token, token]);
    const verbose = logs.join('\n');
    expect(verbose).toContain('→ GET http://');
    expect(verbose).toContain('/argo/api/v1/version');
    expect(verbose).toContain('Authorization: <redacted>');
    expect(verbose).not.toContain('s3cr3t');
  });

  it('keeps the token out of error messages', async () => {
    const wrong = 'Bearer wrong-token-with-secret-material';
    const client = createClient({ server: server.hostPort, secure: false, baseHref: '/argo', token: wrong, env: {} });
    const error = await client.workflows.get('x').catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(JSON.stringify({ message: String(error), ...(error as object) })).not.toContain('secret-material');
  });

  it('redacts secret header values in verbose output', async () => {
    const logs: string[] = [];
    const client = createClient({
      server: server.hostPort,
      secure: false,
      baseHref: '/argo',
      token,
      headers: ['Cookie: authorization=session-secret-1234', 'X-Team: ml'],
      env: {},
      log: (l) => logs.push(l),
    });
    await client.info.version();
    client.close();
    expect(logs.join('\n')).toContain('X-Team: ml');
    expect(logs.join('\n')).not.toContain('session-secret');
    expect(server.requests.at(-1)?.headers['x-team']).toBe('ml');
  });
});

describe('TLS', () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer({ tls: selfSignedCertificate() });
  });
  afterAll(() => server.close());

  it('verifies certificates by default and refuses a self-signed one with a hint', async () => {
    const client = createClient({ server: server.hostPort, env: {}, retry: { retries: 0 } });
    const error = await client.info.version().catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(TransportError);
    expect(String(error)).toMatch(/not trusted.*-k \/ ARGO_INSECURE_SKIP_VERIFY=true/);
  });

  it('accepts it with -k (insecureSkipVerify) or ARGO_INSECURE_SKIP_VERIFY=true', async () => {
    const flag = createClient({ server: server.hostPort, insecureSkipVerify: true, env: {} });
    expect((await flag.info.version()).version).toBe('v4.1.0');
    flag.close();
    const env = createClient({ env: { ARGO_SERVER: server.hostPort, ARGO_INSECURE_SKIP_VERIFY: 'true' } });
    expect((await env.info.version()).version).toBe('v4.1.0');
    env.close();
  });
});
