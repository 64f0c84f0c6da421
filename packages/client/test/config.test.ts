import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../src/index.js';

describe('resolveConfig', () => {
  it('reads the argo CLI environment, TLS on and verified by default', () => {
    const config = resolveConfig(
      {},
      { ARGO_SERVER: 'argo.example.org:2746', ARGO_TOKEN: 'Bearer abc', ARGO_NAMESPACE: 'etl' },
    );
    expect(config).toMatchObject({
      baseUrl: 'https://argo.example.org:2746',
      token: 'Bearer abc',
      namespace: 'etl',
      insecureSkipVerify: false,
      proxy: undefined,
    });
  });

  it('lets settings override the environment', () => {
    const env = { ARGO_SERVER: 'a:1', ARGO_NAMESPACE: 'x', ARGO_SECURE: 'true', ARGO_INSECURE_SKIP_VERIFY: 'false' };
    const config = resolveConfig(
      { server: 'b:2', namespace: 'y', secure: false, insecureSkipVerify: true, baseHref: '/argo/' },
      env,
    );
    expect(config).toMatchObject({ baseUrl: 'http://b:2/argo', namespace: 'y', insecureSkipVerify: true });
  });

  it('uses HTTPS_PROXY for https servers unless NO_PROXY matches', () => {
    expect(resolveConfig({}, { ARGO_SERVER: 'argo.corp:443', HTTPS_PROXY: 'http://proxy:3128' }).proxy?.host).toBe(
      'proxy:3128',
    );
    expect(
      resolveConfig({}, { ARGO_SERVER: 'argo.corp:443', HTTPS_PROXY: 'proxy:3128', NO_PROXY: '.corp' }).proxy,
    ).toBeUndefined();
    expect(resolveConfig({ proxy: false }, { ARGO_SERVER: 'a:1', HTTPS_PROXY: 'http://p:1' }).proxy).toBeUndefined();
  });

  it('parses extra headers and loads client certificates', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sluice-cfg-'));
    writeFileSync(path.join(dir, 'c.pem'), 'CERT');
    writeFileSync(path.join(dir, 'k.pem'), 'KEY');
    const config = resolveConfig(
      { headers: ['X-A: 1', 'X-B:two words'], clientCertificate: 'c.pem', clientKey: 'k.pem' },
      { ARGO_SERVER: 'a:1' },
      dir,
    );
    expect(config.headers).toEqual({ 'X-A': '1', 'X-B': 'two words' });
    expect(config.tls).toEqual({ cert: 'CERT', key: 'KEY' });
  });

  it('explains what is wrong', () => {
    expect(() => resolveConfig({}, {})).toThrow(/set ARGO_SERVER=host:port or pass --server/);
    expect(() => resolveConfig({}, { ARGO_SERVER: 'a:1', ARGO_SECURE: 'maybe' })).toThrow(ConfigError);
    expect(() => resolveConfig({ headers: ['nocolon'] }, { ARGO_SERVER: 'a:1' })).toThrow(/Name: value/);
    expect(() => resolveConfig({ certificateAuthority: 'missing.pem' }, { ARGO_SERVER: 'a:1' })).toThrow(
      /--certificate-authority missing.pem: cannot read it \(ENOENT\)/,
    );
  });
});
