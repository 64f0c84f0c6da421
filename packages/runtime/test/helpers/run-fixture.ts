import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The runtime package directory: fixtures run with it as their working directory, so `--import tsx` resolves. */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A fixture stage's path. */
export const fixture = (name: string): string => join(packageDir, 'test/fixtures', name);

const created: string[] = [];

/** Removes every directory {@link tempDir} made; test/setup.ts calls it after each test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh temporary directory, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A fresh directory layout for one stage run (outputs, checkpoints, metrics file, secrets). */
export interface RunDirs {
  readonly root: string;
  readonly outputs: string;
  readonly checkpoints: string;
  readonly metricsFile: string;
  readonly secrets: string;
}

export function makeRunDirs(): RunDirs {
  const root = tempDir('sluice-runtime-test-');
  return {
    root,
    outputs: join(root, 'outputs'),
    checkpoints: join(root, 'checkpoints'),
    metricsFile: join(root, 'metrics.prom'),
    secrets: join(root, 'secrets'),
  };
}

/** The environment of a fixture run: only what the stage protocol names, plus PATH. */
export function stageEnv(dirs: RunDirs, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    SLUICE_OUTPUTS_DIR: dirs.outputs,
    SLUICE_ARTIFACTS_DIR: join(dirs.root, 'artifacts'),
    SLUICE_CHECKPOINT_DIR: dirs.checkpoints,
    SLUICE_SCRATCH_DIR: join(dirs.root, 'scratch'),
    SLUICE_METRICS_FILE: dirs.metricsFile,
    SLUICE_SECRETS_DIR: dirs.secrets,
    SLUICE_WORKFLOW_NAME: 'wf-test',
    SLUICE_WORKFLOW_UID: 'uid-1',
    ...extra,
  };
}

/** The result of a finished fixture process. */
export interface FixtureResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON log lines from stderr. */
  readonly logs: Record<string, unknown>[];
  readonly ms: number;
}

/** Starts a fixture as a real process: `node --import tsx <fixture> …args`. */
export function startFixture(name: string, args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', fixture(name), ...args], {
    cwd: packageDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts an already-compiled JavaScript stage as a real process: `node <file> …args`. */
export function startScript(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  nodeOptions: readonly string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...nodeOptions, file, ...args], {
    cwd: packageDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Bundles a fixture into one ES module, the way a stage image ships it (dependencies stay external and resolve
 * from this package's node_modules, where the bundle is written). Starting it costs a fraction of `--import tsx`.
 */
export async function bundleFixture(name: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(packageDir, 'node_modules/.cache/sluice-runtime-test', name.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [fixture(name)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return outfile;
}

/** Collects a started process's output and exit. */
export function finished(child: ChildProcess): Promise<FixtureResult> {
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const logs = stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolvePromise({ code, signal, stdout, stderr, logs, ms: Date.now() - started });
    });
  });
}

const bundles = new Map<string, Promise<string>>();

/**
 * Runs a fixture to completion, bundled as a stage image ships it and started on plain Node (each fixture is
 * bundled once per test file): a stage process under `--import tsx` costs seconds on a busy machine.
 */
export async function runFixture(
  name: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<FixtureResult> {
  let bundle = bundles.get(name);
  if (bundle === undefined) {
    bundle = bundleFixture(name);
    bundles.set(name, bundle);
  }
  // With the inline source map, stack traces name the fixture's TypeScript lines, as under tsx.
  return finished(startScript(await bundle, args, env, ['--enable-source-maps']));
}

/** `--param` arguments from an object. */
export function params(values: Record<string, string | number | boolean>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ['--param', `${key}=${value}`]);
}
