import { packageBuild } from '../../tsup.shared.ts';

/** `bundle` is a subpath of its own (`@sluice/local/bundle`): the CLI loads `.ts` entries with it, nothing else. */
export default packageBuild({ entry: { index: 'src/index.ts', bundle: 'src/bundle/bundle-module.ts' } });
