import { packageBuild } from '../../tsup.shared.ts';

// shims: the CommonJS build gets `import.meta.url` (tsScript resolves esbuild from the SDK's location, and the YAML
// reader loads js-yaml from it on first use). The ES module entry tsup writes is then replaced by one that runs the
// CommonJS build with a V8 code cache (scripts/cached-entry.mjs).
export default packageBuild({
  entry: { index: 'src/index.ts', 'cached-script': 'src/cached-script.ts' },
  shims: true,
});
