import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import * as source from '../src/index.js';

const root = path.resolve(import.meta.dirname, '..');

it('the built ES module entry exports the whole API, from the one instance its cached CommonJS build holds', () => {
  const code = [
    "import path from 'node:path';",
    "const sdk = await import('@sluice/sdk');",
    "const { runCachedCommonJs } = await import('@sluice/sdk/cached-script');",
    "const held = runCachedCommonJs(path.resolve('dist/index.cjs'));",
    'console.log(JSON.stringify({ names: Object.keys(sdk), same: Object.keys(sdk).every((k) => sdk[k] === held[k]) }));',
  ].join('\n');
  // Plain Node from the package's directory: `@sluice/sdk` resolves to the package itself, as a user's import would.
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child failed (${run.status}): ${run.stderr}`);
  const { names, same } = JSON.parse(run.stdout) as { names: string[]; same: boolean };
  expect(names.sort()).toEqual(Object.keys(source).sort());
  expect(same).toBe(true);
});

it('a bundler gets the plain ES module build (the `module` condition), which reads no file beside the package', async () => {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    stdin: { contents: "export { pipeline } from '@sluice/sdk';", resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['@sluice/argo-types', '@sluice/runtime', 'esbuild', 'js-yaml', 'zod', 'kubernetes-models'],
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs).toContain('dist/index.module.js');
  expect(inputs).not.toContain('dist/index.js');
  expect(result.outputFiles[0]?.text).not.toContain('runCachedCommonJs');
});
