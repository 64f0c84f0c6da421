/**
 * @packageDocumentation
 * What runs inside a stage's container: typed context, exit codes that drive retries, checkpoints,
 * Pushgateway metrics and outputs. See docs/stage-protocol.md for how a stage is started and hands back results.
 */

export { exitCodeFor, FatalError, RetriableError, StageExitCode } from './errors.js';
