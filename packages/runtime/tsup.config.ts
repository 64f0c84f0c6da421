import { packageBuild } from '../../tsup.shared.ts';

/** `start-guard` is a subpath of its own: a stage's container command preloads it (`node --import`). */
export default packageBuild({ entry: { index: 'src/index.ts', 'start-guard': 'src/start-guard.ts' } });
