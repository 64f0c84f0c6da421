import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/index.js';
import { capture } from '../support/io.js';

export {
  type ContractServer,
  type ContractServerOptions,
  startContractServer,
} from '../../../client/test/support/contract-server.js';
export { selfSignedCertificate } from '../../../client/test/support/tls.js';
export { until } from '../../../client/test/support/until.js';

/** Runs `workflow …` in-process against a server, returning the exit code and what it printed. */
export async function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Promise<{ code: number; out: string; err: string }> {
  const io = capture({ SLUICE_RETRY_BASE_MS: '1', ...env }, cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Starts `workflow …` in-process without waiting: what it has printed so far, and its end. */
export function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): { out: () => string; done: Promise<{ code: number; out: string; err: string }> } {
  const io = capture({ SLUICE_RETRY_BASE_MS: '1', ...env }, cwd);
  const done = main(args, io).then((code) => ({ code, out: io.out(), err: io.err() }));
  return { out: () => io.out(), done };
}

/** The environment that points the CLI at a plain-HTTP contract server. */
export function envFor(hostPort: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ARGO_SERVER: hostPort, ARGO_SECURE: 'false', ARGO_NAMESPACE: 'argo', ...extra };
}

/** A fresh directory with the given files. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-cli-cluster-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A workflow manifest in YAML. */
export function workflowYaml(name: string, options: { entrypoint?: string; parameter?: boolean } = {}): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: ${name}
spec:
  entrypoint: ${options.entrypoint ?? 'main'}
${options.parameter ? '  arguments:\n    parameters:\n      - name: date\n        value: "2026-01-01"\n' : ''}  templates:
    - name: main
      container:
        image: busybox:1.36
        command: [echo, hello]
${indent(containerPolicy, 8)}
`;
}

/** What the SDK linter's policy rules ask of every container: requests and limits. */
export const containerPolicy = `resources:
  requests: {cpu: 100m, memory: 64Mi}
  limits: {cpu: 200m, memory: 128Mi}`;

/** Indents every line of a block. */
export function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}
