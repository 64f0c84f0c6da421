/**
 * `node:crypto`, taken when a hash or a unique name is first needed instead of imported at the top: compile and lint
 * import stage modules for their definitions and never hash, so they must not pay for loading it.
 * @internal
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}
