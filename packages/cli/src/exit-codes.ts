/**
 * Exit codes of the `workflow` command, for scripts and CI.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | success: the workflow succeeded, or the command did what was asked |
 * | 1 | the workflow failed or errored, or lint found problems |
 * | 2 | usage or validation error: bad arguments, bad input files |
 * | 3 | server or transport error (the Argo Server could not be reached or answered with an error) |
 * @example
 * ```ts
 * import { ExitCode, main } from '@sluice/cli';
 *
 * const code = await main(['compile', 'pipeline.ts', '--out', 'deploy/']);
 * if (code === ExitCode.Usage) console.error('bad arguments or input files');
 * ```
 */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** The workflow failed or errored, or lint found problems. */
  Failed: 1,
  /** Usage or validation error. */
  Usage: 2,
  /** Server or transport error. */
  Server: 3,
} as const;

/**
 * One of {@link ExitCode}'s values.
 * @example
 * ```ts
 * import { ExitCode, main } from '@sluice/cli';
 *
 * const code: ExitCode = await main(['lint', 'pipeline.ts']);
 * process.exitCode = code === ExitCode.Failed ? 1 : code;
 * ```
 */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
