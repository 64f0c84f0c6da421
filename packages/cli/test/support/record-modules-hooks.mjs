// Module hooks of record-modules.mjs: records each ES module as it is loaded.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  appendFileSync(process.env.SLUICE_RECORD_MODULES, `${url}\n`);
  return next(url, context);
}
