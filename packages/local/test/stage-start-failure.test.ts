import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startupError } from '../src/engine/process.js';
import { byName, runYaml, tempProject } from './support/run.js';

/** A workflow whose one step starts `node <module>` locally, retried up to 3 times. */
function workflow(module: string): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: start-failure }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: dedupe, template: dedupe-events }
  - name: dedupe-events
    metadata:
      annotations:
        sluice.dev/local-command: '["node", "${module}"]'
    retryStrategy: { limit: "3", retryPolicy: Always, backoff: { duration: "30s" } }
    container: { image: registry.example.com/etl:1.0.0 }
`;
}

describe('a stage process that cannot load', () => {
  it('fails at once with exit 2 naming the stage when a module is not found (never retried, no back-off)', async () => {
    const cwd = tempProject();
    writeFileSync(path.join(cwd, 'stage.mjs'), "import './not-there.mjs';\n");
    const run = await runYaml(workflow('stage.mjs'), { cwd });
    expect(run.status.phase).toBe('Failed');
    const node = byName(run)['dedupe(0)'];
    expect(node?.outputs?.exitCode).toBe('2');
    expect(node?.message).toMatch(
      /^stage dedupe-events could not start \(fatal, not retried\): ERR_MODULE_NOT_FOUND: Cannot find module '.*not-there\.mjs'/,
    );
    expect(byName(run).dedupe?.children).toHaveLength(1);
  });

  it('fails at once with exit 2 on a syntax error', async () => {
    const cwd = tempProject();
    writeFileSync(path.join(cwd, 'stage.mjs'), 'export default {\n');
    const run = await runYaml(workflow('stage.mjs'), { cwd });
    const node = byName(run)['dedupe(0)'];
    expect(node?.outputs?.exitCode).toBe('2');
    expect(node?.message).toMatch(/could not start \(fatal, not retried\): SyntaxError: /);
    expect(byName(run).dedupe?.children).toHaveLength(1);
  });
});

describe('startupError', () => {
  it('ignores errors a running program reports itself (no Node banner)', () => {
    expect(startupError('SyntaxError: Unexpected token in JSON\n{"level":"error"}\n')).toBeUndefined();
    expect(startupError("Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/x/y.js'\n")).toBeUndefined();
  });

  it('recognises tsx/esbuild transform failures', () => {
    const text =
      'Error: Transform failed with 1 error:\n/p/stages/x.ts:2:0: ERROR: Expected "}" but found end of file\n\nNode.js v20.20.2\n';
    expect(startupError(text)).toBe(
      'Error: Transform failed with 1 error: /p/stages/x.ts:2:0: ERROR: Expected "}" but found end of file',
    );
  });
});
