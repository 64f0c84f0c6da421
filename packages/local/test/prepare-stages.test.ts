import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsxCommand } from '../src/engine/prepare-stages.js';
import { WorkflowInputError } from '../src/index.js';
import { byName, runYaml, tempProject } from './support/run.js';

/** A fresh ES module project with the given files. */
function project(files: Record<string, string>): string {
  const cwd = tempProject();
  writeFileSync(path.join(cwd, 'package.json'), '{ "type": "module" }');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  return cwd;
}

describe('tsxCommand', () => {
  it.each([
    [['node', '--import', 'tsx', 'stages/a.ts', '--param', 'x=1'], 3],
    [['node', '--import=tsx', 'stages/a.mts'], 2],
    [['node', '--max-old-space-size=512', '--loader', 'tsx/esm', 'a.tsx'], 4],
  ])('finds the module of %j', (argv, index) => {
    expect(tsxCommand(argv)).toEqual({ moduleIndex: index });
  });

  it.each([
    [['node', 'stages/a.js']],
    [['node', 'stages/a.ts']],
    [['node', '--import', 'other', 'stages/a.ts']],
    [['python3', '--import', 'tsx', 'a.ts']],
    [['node', '--import', 'tsx', 'a.js']],
  ])('leaves %j alone', (argv) => {
    expect(tsxCommand(argv)).toBeUndefined();
  });
});

/** A workflow whose one step runs `node --import tsx stage.ts`, as the pipeline() layer writes it. */
const workflow = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: bundled }
spec:
  entrypoint: main
  templates:
    - name: main
      metadata:
        annotations:
          sluice.dev/local-command: '["node", "--import", "tsx", "stages/stage.ts", "hello"]'
      container: { image: stage:1.0.0 }
`;

describe('stage modules are bundled before the run and started on plain node', () => {
  it('runs the bundle with the same arguments; the process loads no TypeScript loader', async () => {
    const cwd = project({
      'stages/stage.ts': [
        "import { greeting } from './greeting.js';",
        'const args: string[] = process.argv.slice(2);',
        "console.log(JSON.stringify({ script: process.argv[1], args, loaders: process.execArgv.join(' '), greeting }));",
      ].join('\n'),
      'stages/greeting.ts': "export const greeting: string = 'hi';\n",
    });
    const result = await runYaml(workflow, { cwd });
    expect(result.status.phase, result.status.message).toBe('Succeeded');
    const out = JSON.parse(byName(result).bundled?.outputs?.result ?? '{}') as Record<string, unknown>;
    expect(out.script).toMatch(/\.sluice\/cache\/[0-9a-f]{16}\.mjs$/);
    expect(out.args).toEqual(['hello']);
    expect(out.loaders).not.toContain('tsx');
    expect(out.greeting).toBe('hi');
  });

  it('a stage module with a syntax error stops the run before anything runs, naming the template and file', async () => {
    const cwd = project({ 'stages/stage.ts': 'export const x = ;\n' });
    const error = await runYaml(workflow, { cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowInputError);
    expect((error as Error).message).toMatch(
      /^templates\.main: stage module stages\/stage\.ts: .*stages\/stage\.ts:1:18: Unexpected ";"/,
    );
  });
});
