import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'yaml';
import { ensureNodeBaseImage, nodeBaseImage } from './node-base-image.js';

const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliBin = path.resolve(exampleDir, '../../packages/cli/bin/workflow.js');
const stageImage = 'registry.example.com/ml/customer-features:1.4.2';
const executionDate = '2026-06-17';

function skipReason(): string | undefined {
  if (spawnSync('podman', ['info', '--format', '{{.Host.OCIRuntime.Name}}']).status !== 0)
    return 'podman is not installed or does not answer (Debian: apt-get install podman runc)';
  if (!existsSync(path.resolve(exampleDir, '../../packages/cli/dist/index.js')))
    return 'the workflow CLI is not built (pnpm build)';
  if (!existsSync(path.join(exampleDir, 'dist/stages/extract-orders.js')))
    return 'the example is not built (pnpm build)';
  return undefined;
}

const skip = skipReason();
if (skip !== undefined) console.warn(`customer-features container test skipped: ${skip}`);

function workflow(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    cwd: exampleDir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 1_500_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Every file under a directory (relative paths, sorted) with its bytes, for comparing two feature stores. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

describe.skipIf(skip !== undefined)('customer-features in its own image (podman)', () => {
  let manifests: string;

  beforeAll(() => {
    // DuckDB's native binding, found the way Node finds it: @sluice/data → @duckdb/node-api → its bindings.
    const from = (spec: string, base: string) => createRequire(base).resolve(spec);
    const bindings = from('@duckdb/node-bindings', from('@duckdb/node-api', from('@sluice/data', import.meta.url)));
    const duckdb = from('@duckdb/node-bindings-linux-x64/duckdb.node', bindings);
    ensureNodeBaseImage([duckdb]);
    // The compiled pipeline, its DAG targeted at the load: training is a PyTorchJob whose local stand-in runs
    // on this machine and reads the feature store at a path only the containers see.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-cf-'));
    const compiled = workflow(['compile', 'pipeline.ts', '--output-file', path.join(dir, 'compiled.yaml')]);
    expect(compiled.code, compiled.err).toBe(0);
    const docs = yaml.parseAllDocuments(readFileSync(path.join(dir, 'compiled.yaml'), 'utf8')).map((d) => d.toJS());
    for (const doc of docs) {
      if (doc?.kind !== 'WorkflowTemplate') continue;
      const main = doc.spec.templates.find((t: { name: string }) => t.name === doc.spec.entrypoint);
      main.dag.target = 'load';
    }
    manifests = path.join(dir, 'to-load.yaml');
    writeFileSync(manifests, docs.map((d) => yaml.stringify(d)).join('---\n'));
  });

  // The stage image this test builds is removed after it, so that repeated runs leave no untagged images behind.
  let builtImageId: string | undefined;
  afterAll(() => {
    if (builtImageId !== undefined) spawnSync('podman', ['rmi', '--force', builtImageId], { stdio: 'ignore' });
  });

  it('builds the stage image from a local base and runs the pipeline to Succeeded with the host run’s feature store', () => {
    const built = workflow(['build', 'pipeline.ts', '--generate', '--base', nodeBaseImage, '--output', 'json']);
    expect(built.code, built.err).toBe(0);
    expect(JSON.parse(built.out)).toMatchObject({ image: stageImage, engine: 'podman' });
    const user = spawnSync('podman', ['image', 'inspect', '--format', '{{.Config.User}}', stageImage], {
      encoding: 'utf8',
    });
    expect(user.stdout.trim()).toBe('10001');
    builtImageId = spawnSync('podman', ['image', 'inspect', '--format', '{{.Id}}', stageImage], {
      encoding: 'utf8',
    }).stdout.trim();

    const root = mkdtempSync(path.join(os.tmpdir(), 'sluice-cf-runs-'));
    const params = ['-p', `execution-date=${executionDate}`, '-p', 'synthetic-rows=20000'];
    const host = workflow([
      'run',
      manifests,
      '--local',
      ...params,
      '-p',
      `lake-root=${path.join(root, 'host/lake')}`,
      '-p',
      `store-root=${path.join(root, 'host/store')}`,
      '--run-dir',
      path.join(root, 'host-runs'),
      '--output',
      'json',
    ]);
    expect(host.code, host.err + host.out.slice(-2000)).toBe(0);

    const secrets = path.join(root, 'secrets/pg-credentials');
    mkdirSync(secrets, { recursive: true });
    const boxed = workflow(
      [
        'run',
        manifests,
        '--local',
        '--engine',
        'podman',
        ...params,
        '--run-dir',
        path.join(root, 'podman-runs'),
        '--output',
        'json',
      ],
      { SLUICE_SECRETS_DIR: path.dirname(secrets) },
    );
    expect(boxed.code, boxed.err + boxed.out.slice(-2000)).toBe(0);
    const summary = JSON.parse(boxed.out.trim().split('\n').at(-1) ?? '{}') as { phase: string; runDir: string };
    expect(summary.phase).toBe('Succeeded');

    const hostStore = tree(path.join(root, 'host/store'));
    const podmanStore = tree(path.join(summary.runDir, 'volumes/customer-features-data/feature-store'));
    expect([...podmanStore.keys()]).toEqual([...hostStore.keys()]);
    expect(podmanStore.size).toBeGreaterThan(0);
    // The same bytes, except when each version was written.
    const withoutTime = (bytes: Buffer | undefined) => ({ ...JSON.parse(String(bytes)), writtenAt: undefined });
    for (const [file, bytes] of hostStore) {
      if (file.endsWith('.json')) expect(withoutTime(podmanStore.get(file)), file).toEqual(withoutTime(bytes));
      else expect(podmanStore.get(file)?.equals(bytes), file).toBe(true);
    }
  });
});
