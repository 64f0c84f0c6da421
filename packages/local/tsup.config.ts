import { packageBuild } from '../../tsup.shared.ts';

/**
 * `bundle` is a subpath of its own (`@sluice/local/bundle`): the CLI loads `.ts` entries with it, nothing else.
 * `vendor-script` is the module a bundle with vendored packages imports (by its file URL) to load their script; shims:
 * the CommonJS build finds it beside itself through `import.meta.url`.
 */
export default packageBuild({
  entry: {
    index: 'src/index.ts',
    bundle: 'src/bundle/bundle-module.ts',
    'vendor-script': 'src/bundle/vendor-script.ts',
  },
  shims: true,
});
