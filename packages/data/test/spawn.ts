import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Where the test fixtures are. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Runs a TypeScript fixture in a fresh Node process (tsx, workspace sources) and collects its result. */
export function runFixture(
  file: string,
  args: readonly string[],
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', `${FIXTURES}${file}`, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Bundles a fixture (workspace sources included, DuckDB and Arrow left as imports) into one plain JavaScript
 * file, so it starts in a fraction of the time tsx needs; used where a test spawns many processes. The bundle
 * goes under this package's node_modules so the external imports resolve.
 */
export async function bundleFixture(file: string): Promise<string> {
  const dir = fileURLToPath(new URL('../node_modules/.cache/sluice-data-test/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const outdir = `${dir}${randomUUID()}`;
  await build({
    entryPoints: [`${FIXTURES}${file}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    external: ['@duckdb/node-api', 'apache-arrow'],
    outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  return `${outdir}/${file.replace(/\.ts$/, '.mjs')}`;
}
