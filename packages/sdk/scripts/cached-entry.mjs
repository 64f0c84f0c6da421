// Replaces the ES module entry tsup wrote (dist/index.js) with one that runs the CommonJS build (dist/index.cjs)
// through runCachedCommonJs, so that `import '@sluice/sdk'` takes the SDK's compiled code from a V8 code cache
// instead of compiling it on every start (Node 20 keeps no compiled code of ES modules between runs). The names it
// exports are the CommonJS build's; the package's dependencies that build requires are handed in as the ES modules
// everyone else imports, so the process holds one instance of each.
//
// tsup's own ES module build stays, as dist/index.module.js: bundlers (esbuild, webpack, Rollup) resolve the `module`
// export condition, which Node ignores, and a bundle must not read files beside the package it came from.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const commonJs = readFileSync(path.join(dist, 'index.cjs'), 'utf8');
// One character past Latin-1 makes V8 hold the whole source as two bytes a character (esbuild escapes strings, not
// the comments it keeps): write such comments in ASCII.
const wide = commonJs.split('\n').findIndex((line) => /[\u0080-\uffff]/.test(line));
if (wide >= 0) {
  throw new Error(
    `scripts/cached-entry.mjs: dist/index.cjs line ${wide + 1} is not ASCII; write the comment it comes from in ASCII:\n${commonJs.split('\n')[wide]}`,
  );
}
const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const required = Object.keys(dependencies).filter((name) => commonJs.includes(`require(${JSON.stringify(name)})`));
const names = Object.keys(createRequire(import.meta.url)(path.join(dist, 'index.cjs'))).filter(
  (name) => name !== 'default' && name !== '__esModule',
);
if (names.length === 0) throw new Error('scripts/cached-entry.mjs: dist/index.cjs exports nothing');

const lines = [
  '// The ES module entry of the package: it runs the CommonJS build with a V8 code cache (see scripts/cached-entry.mjs).',
  "import { fileURLToPath } from 'node:url';",
  "import { runCachedCommonJs } from './cached-script.js';",
  ...required.map((name, i) => `import * as __dependency${i} from ${JSON.stringify(name)};`),
  `const __exports = runCachedCommonJs(fileURLToPath(new URL('./index.cjs', import.meta.url)), { ${required
    .map((name, i) => `${JSON.stringify(name)}: __dependency${i}`)
    .join(', ')} });`,
  `export const { ${names.join(', ')} } = __exports;`,
  '',
];
const plain = readFileSync(path.join(dist, 'index.js'), 'utf8');
writeFileSync(
  path.join(dist, 'index.module.js'),
  plain.replace(/\/\/# sourceMappingURL=index\.js\.map\s*$/, '//# sourceMappingURL=index.module.js.map\n'),
);
renameSync(path.join(dist, 'index.js.map'), path.join(dist, 'index.module.js.map'));
writeFileSync(path.join(dist, 'index.js'), lines.join('\n'));
console.log(
  `cached-entry: dist/index.js exports ${names.length} names of dist/index.cjs (handing in ${required.join(', ') || 'nothing'})`,
);
