// Preload (`node --import`) that appends every module the process loads, ES module or CommonJS, to the file named
// by SLUICE_RECORD_MODULES: one URL or path a line. Used by the test that keeps heavy packages out of `compile`.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const out = process.env.SLUICE_RECORD_MODULES;
const load = Module._load;
Module._load = function recordRequire(request, parent, isMain, ...rest) {
  try {
    appendFileSync(out, `${Module._resolveFilename(request, parent, isMain)}\n`);
  } catch {
    // A request that does not resolve fails in the real load below.
  }
  return load.call(this, request, parent, isMain, ...rest);
};
register('./record-modules-hooks.mjs', import.meta.url);
