import { describe, expect, it } from 'vitest';
import { byName, runYaml, tempProject } from './support/run.js';

// Bug: a failed step's message said only "Error (exit code 2)"; why it failed was in its log alone. The runner now
// gives every process a termination-message file (SLUICE_TERMINATION_LOG, the local /dev/termination-log) and
// appends what it wrote, as Argo does with a container's termination message.
describe('failed stage reason invisible outside its log', () => {
  it('appends the termination message to the failed step, attempt by attempt', async () => {
    const cwd = tempProject();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: reason }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: gate, template: gate }
  - name: gate
    retryStrategy: { limit: "1", retryPolicy: OnFailure, backoff: { duration: "0.05" } }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        n=$(cat attempts 2>/dev/null || echo 0); echo $((n+1)) > attempts
        if [ "$n" = 0 ]; then printf '  column amount is missing\\n' > "$SLUICE_TERMINATION_LOG"; exit 2; fi
        exit 1
`,
      { cwd },
    );
    expect(run.status.phase).toBe('Failed');
    const n = byName(run);
    expect(n['gate(0)']?.message).toBe('Error (exit code 2): column amount is missing');
    expect(n['gate(1)']?.message).toBe('Error (exit code 1)');
  });
});
