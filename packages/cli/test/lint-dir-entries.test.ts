import path from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

// Regression: `workflow lint <dir>` found nothing in a folder of .ts entries that `compile <dir>` compiles.
it('lints the .ts entries directly in a directory, as compile <dir> compiles them', async () => {
  const dir = path.resolve(import.meta.dirname, 'fixtures/pipelines');
  const lint = capture({}, dir);
  expect(await main(['lint', '.', '-o', 'json'], lint), lint.out() + lint.err()).toBe(0);
  const report = JSON.parse(lint.out()) as { source?: string; name?: string }[] | { results?: unknown[] };
  expect(JSON.stringify(report)).toContain('unlabelled-pipeline.ts');
  const compile = capture({}, dir);
  expect(await main(['compile', '.'], compile)).toBe(0);
  expect(compile.out()).toContain('name: unlabelled');
});
