import { expect, it, vi } from 'vitest';

// Start-up cost: importing the package parses no schema table; validating parses only the target release's, once.
it('parses a release’s schema table only when it is first used, and only that release’s', async () => {
  vi.resetModules(); // test files share a module graph; this one needs the package freshly imported
  const parse = vi.spyOn(JSON, 'parse');
  const tables = () => parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 40_000).length;
  const { loadArgoSchema, validateManifest } = await import('../src/index.js');
  expect(tables()).toBe(0);
  validateManifest({ kind: 'Workflow' });
  validateManifest({ kind: 'Workflow' });
  expect(tables()).toBe(1);
  await loadArgoSchema('3.6');
  expect(tables()).toBe(1);
  validateManifest({ kind: 'Workflow' }, { argoVersion: '3.6' });
  expect(tables()).toBe(2);
  parse.mockRestore();
});
