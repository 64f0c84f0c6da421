/**
 * @packageDocumentation
 * The `workflow` command line. Library users import the other packages; this one exposes `main()` for embedding
 * the command line (tests, wrappers) and the exit codes scripts rely on.
 */

export type { CommandIO } from './command.js';
export { ExitCode } from './exit-codes.js';
export { main } from './main.js';
