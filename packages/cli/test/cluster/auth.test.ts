import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContractServer,
  envFor,
  project,
  run,
  selfSignedCertificate,
  startContractServer,
  workflowYaml,
} from './support.js';

const token = 'Bearer eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-0123456789';

describe('auth', () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer({ token, tickMs: 5 });
  });
  afterAll(() => server.close());

  it('sends ARGO_TOKEN exactly as given and never prints it, verbose or not', async () => {
    const dir = project({ 'wf.yaml': workflowYaml('authed') });
    const env = envFor(server.hostPort, { ARGO_TOKEN: token });
    const submitted = await run(['submit', 'wf.yaml', '--verbose', '--wait'], env, dir);
    expect(submitted.code).toBe(0);
    expect(submitted.err).toContain('→ POST http://');
    expect(submitted.err).toContain('Authorization: <redacted>');
    expect(new Set(server.requests.map((r) => r.headers.authorization))).toEqual(new Set([token]));
    const got = await run(['get', 'authed', '-v', '-o', 'yaml'], env);
    for (const text of [submitted.out, submitted.err, got.out, got.err]) {
      expect(text).not.toContain('eyJhbGciOiJSUzI1NiJ9');
      expect(text).not.toContain('sig-0123456789');
    }
  });

  it('keeps the token out of error output', async () => {
    const wrong = 'Bearer wrong-secret-token-abcdefgh';
    const result = await run(['get', 'authed', '--verbose'], envFor(server.hostPort, { ARGO_TOKEN: wrong }));
    expect(result.code).toBe(3);
    expect(result.err).toContain('Unauthenticated');
    expect(result.out + result.err).not.toContain('wrong-secret-token');
  });
});

describe('TLS', () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer({ tls: selfSignedCertificate() });
  });
  afterAll(() => server.close());

  it('refuses a self-signed certificate unless -k is given', async () => {
    const env = { ARGO_SERVER: server.hostPort, ARGO_NAMESPACE: 'argo' };
    const refused = await run(['list'], env);
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('-k / ARGO_INSECURE_SKIP_VERIFY=true');
    expect((await run(['list', '-k'], env)).code).toBe(0);
    expect((await run(['list'], { ...env, ARGO_INSECURE_SKIP_VERIFY: 'true' })).code).toBe(0);
  });
});
