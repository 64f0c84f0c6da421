import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

const workflow = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: boxed }
spec:
  entrypoint: main
  templates:
  - name: main
    container: { image: "localhost/stages:1.0.0", command: ["true"] }
`;

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-engine-'));
  writeFileSync(path.join(dir, 'wf.yaml'), workflow);
  return dir;
}

describe('workflow run --local --engine', () => {
  it('an engine that is not installed exits 2 before anything runs, saying how to install it', async () => {
    const cwd = project();
    const io = capture({ PATH: cwd }, cwd);
    expect(await main(['run', 'wf.yaml', '--local', '--engine', 'podman'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('--engine podman: "podman" is not on PATH');
    expect(io.err()).toContain('apt-get install podman runc');
    expect(existsSync(path.join(cwd, '.sluice'))).toBe(false);
  });

  it('an unknown engine, or --pull without a container engine, is a usage error', async () => {
    const cwd = project();
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'wf.yaml', '--local', '--engine', 'kubelet'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('--engine: unknown engine "kubelet"; use host, podman or docker');
    const pull = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'wf.yaml', '--local', '--pull'], pull)).toBe(ExitCode.Usage);
    expect(pull.err()).toContain('--pull needs --engine podman or docker');
  });
});
