/**
 * An error the runner causes itself (a malformed `sluice.dev/local-command` annotation, a command that cannot be
 * started). Argo would never see it, so the node errors at once: a retry strategy does not retry it.
 */
export class RunnerError extends Error {
  override readonly name = 'RunnerError';
}
