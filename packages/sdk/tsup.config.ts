import { packageBuild } from '../../tsup.shared.ts';

// shims: the CommonJS build gets `import.meta.url` (tsScript resolves esbuild from the SDK's location).
export default packageBuild({ shims: true });
