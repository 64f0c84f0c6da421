import { defineConfig, type Options } from 'tsup';

/** The one tsup configuration of the packages: ESM and CJS with type declarations, for Node 20. */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // Declarations are built against the dependencies' built declarations (turbo builds them first), not their
    // sources, so no package re-checks the whole graph (the `source` condition is for tests and typecheck).
    dts: { compilerOptions: { customConditions: [] } },
    clean: true,
    sourcemap: true,
    target: 'node20',
    // ASCII output (non-ASCII characters escaped): V8 keeps an ASCII source as one byte per character, where one
    // character past Latin-1 (a dash in a message) makes it two, doubling the memory every start fills with it.
    esbuildOptions(options) {
      options.charset = 'ascii';
    },
    ...overrides,
  });
}
