import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

const semaphores = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: sync- }
spec:
  entrypoint: main
  synchronization:
    semaphores:
      - configMapKeyRef: { name: limits, key: workflow }
  templates:
    - name: main
      container: { image: alpine:3.20, command: ["true"] }
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-lint-version-'));
  fs.writeFileSync(path.join(dir, 'x.yaml'), semaphores);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function lint(args: string[], env: NodeJS.ProcessEnv = {}, config?: string) {
  const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
  if (config !== undefined) fs.writeFileSync(path.join(cwd, 'sluice.config.json'), config);
  fs.copyFileSync(path.join(dir, 'x.yaml'), path.join(cwd, 'x.yaml'));
  const io = capture(env, cwd);
  const code = await main(['lint', ...args, '-o', 'simple'], io);
  return { code, out: io.out(), err: io.err() };
}

const notIn35 = 'x.yaml: in "sync-" (Workflow): spec.synchronization.semaphores: not in Argo 3.5 (added in 3.6)\n';

describe('workflow lint --argo-version', () => {
  it('says semaphores are not in 3.5; the same file is clean under 3.7 and 4.1', async () => {
    expect(await lint(['--argo-version', '3.5', 'x.yaml'])).toEqual({ code: 1, out: notIn35, err: '' });
    for (const version of ['3.7', '4.1', 'v3.7.18']) {
      expect(await lint(['--argo-version', version, 'x.yaml'])).toEqual({
        code: 0,
        out: 'no linting errors found!\n',
        err: '',
      });
    }
    expect((await lint(['x.yaml'])).code).toBe(0);
  });

  it('takes ARGO_VERSION and argoVersion in the configuration; the flag wins over both, the environment over the file', async () => {
    expect((await lint(['x.yaml'], { ARGO_VERSION: '3.5' })).out).toBe(notIn35);
    expect((await lint(['x.yaml'], {}, '{ "argoVersion": "3.5" }')).out).toBe(notIn35);
    expect((await lint(['x.yaml'], { ARGO_VERSION: '4.1' }, '{ "argoVersion": "3.5" }')).code).toBe(0);
    expect((await lint(['--argo-version', '4.1', 'x.yaml'], { ARGO_VERSION: '3.5' })).code).toBe(0);
  });

  it('rejects an unsupported release as a usage error naming the choices', async () => {
    const { code, err } = await lint(['--argo-version', '3.4', 'x.yaml']);
    expect(code).toBe(2);
    expect(err).toContain('--argo-version "3.4" is not a supported Argo release; use one of 3.5, 3.6, 3.7, 4.0, 4.1');
  });
});
