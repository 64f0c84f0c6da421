import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

// A project whose stage command is relative to the project (as pipeline() compiles `node --import tsx stages/x.ts`).
// It has no package.json, so its entry loads as CommonJS: that must work like an ES module project.
const entry = `const workflow = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'project-run' },
  spec: {
    entrypoint: 'main',
    templates: [
      {
        name: 'main',
        metadata: { annotations: { 'sluice.dev/local-command': '["node", "stages/write-marker.mjs"]' } },
        container: { image: 'registry.example.com/etl:1.0.0' },
      },
    ],
  },
};

export default { toObject: () => workflow };
`;
const stage = `import fs from 'node:fs';
const attempt = fs.existsSync('attempted') ? 2 : 1;
fs.writeFileSync('attempted', '');
if (attempt === 1 && process.env.FAIL_FIRST === '1') process.exit(2);
fs.writeFileSync('marker', process.cwd());
`;

it('runs stages of a .ts entry in the entry directory, from any directory, and again on --resume', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sluice-project-dir-'));
  const projectDir = path.join(root, 'project');
  mkdirSync(path.join(projectDir, 'stages'), { recursive: true });
  writeFileSync(path.join(projectDir, 'pipeline.ts'), entry);
  writeFileSync(path.join(projectDir, 'stages/write-marker.mjs'), stage);
  const callerDir = path.join(root, 'elsewhere');
  mkdirSync(callerDir);

  const env = { PATH: process.env.PATH, FAIL_FIRST: '1' };
  const first = capture(env, callerDir);
  expect(await main(['run', '../project/pipeline.ts', '--local'], first), first.err()).toBe(ExitCode.Failed);
  const runId = /--resume (\S+)/.exec(first.out())?.[1] ?? '';
  expect(runId).not.toBe('');
  // The run directory stays where the user is; the stage ran in the project.
  expect(readFileSync(path.join(callerDir, '.sluice/runs', runId, 'run.json'), 'utf8')).toContain(projectDir);

  const resumed = capture(env, callerDir);
  expect(await main(['run', '--local', '--resume', runId], resumed)).toBe(ExitCode.Ok);
  expect(readFileSync(path.join(projectDir, 'marker'), 'utf8')).toBe(projectDir);
});
