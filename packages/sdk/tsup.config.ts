import { packageBuild } from '../../tsup.shared.ts';

// shims: the CommonJS build gets `import.meta.url` (tsScript resolves esbuild from the SDK's location, and the YAML
// reader loads js-yaml from it on first use).
export default packageBuild({ shims: true });
