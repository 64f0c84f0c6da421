import { defineConfig } from 'tsup';

/** Builds each stage into `dist/stages/<stage>.js`, the entry the compiled templates start in the image. */
export default defineConfig({
  entry: ['stages/count-orders.ts', 'stages/summarise.ts'],
  outDir: 'dist/stages',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
});
