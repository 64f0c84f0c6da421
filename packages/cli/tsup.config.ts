import { readFileSync } from 'node:fs';
import { packageBuild } from '../../tsup.shared.ts';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default packageBuild({ define: { __SLUICE_VERSION__: JSON.stringify(version) }, shims: true });
