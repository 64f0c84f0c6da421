import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-run-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const cycle = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: cycle- }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: a, template: s, depends: c }
      - { name: b, template: s, depends: a }
      - { name: c, template: s, depends: b }
  - name: s
    script: { image: bash:5.2, command: [bash], source: "echo 1" }
`;

describe('workflow run --local: input errors and run identity', () => {
  it('a dependency cycle exits 2, says nothing was run, creates no run directory and suggests no --resume', async () => {
    const cwd = project({ 'cycle.yaml': cycle });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'cycle.yaml', '--local'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('nothing was run');
    expect(io.err()).toContain('templates.main.tasks dependency cycle detected: a->c->b->a');
    expect(io.out()).not.toContain('--resume');
    expect(existsSync(path.join(cwd, '.sluice'))).toBe(false);
  });

  it('a missing command exits 2 naming the template and the command, before anything runs', async () => {
    const cwd = project({
      'wf.yaml': `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: tool }
spec:
  entrypoint: main
  templates:
  - name: main
    metadata: { annotations: { sluice.dev/local-command: '["tsx-not-installed-9c1","stage.ts"]' } }
    container: { image: ghcr.io/acme/stages:1.0.0 }
`,
    });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'wf.yaml', '--local'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('templates.main: its command "tsx-not-installed-9c1" is not on PATH');
    expect(existsSync(path.join(cwd, '.sluice'))).toBe(false);
  });

  it('plain progress starts and ends with the run id; a root-level error is summarised without repeating it', async () => {
    const cwd = project({
      'wf.yaml': `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: root-err }
spec:
  entrypoint: main
  templates:
  - name: main
    inputs: { parameters: [{ name: x }] }
    script: { image: bash:5.2, command: [bash], source: 'echo {{inputs.parameters.x}}' }
`,
    });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'wf.yaml', '--local'], io)).toBe(ExitCode.Failed);
    const out = io.out();
    expect(out.split('\n')[0]).toBe('run root-err started: .sluice/runs/root-err');
    expect(out).toMatch(/^run root-err Error$/m);
    // The summary line does not add a third copy of the message the progress lines already printed.
    expect(out.split('inputs.parameters.x was not supplied').length - 1).toBeLessThanOrEqual(2);
  });
});

describe('issue 15 item 6: a malformed Workflow is an input error, not a TypeError stack', () => {
  it('bug: a Workflow with no spec exits 2 naming the missing field', async () => {
    const cwd = project({
      'nospec.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: { name: nospec }\n',
    });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'nospec.yaml', '--local'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain(`Workflow "nospec" does not match Argo's schema: spec: required field missing`);
    expect(io.err()).not.toContain('TypeError');
  });

  it('bug: templates: {a: 1} exits 2 naming the field and the expected type', async () => {
    const cwd = project({
      'badt.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: { name: badt }\nspec:\n  entrypoint: a\n  templates: {a: 1}\n',
    });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'badt.yaml', '--local'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('spec.templates: expected array, got object');
    expect(io.err()).not.toContain('TypeError');
  });
});

describe('issue 15 item 5: the local runner writes nothing outside its run directory', () => {
  it('bug: metadata.name "../../escaped-run" exits 2 and creates no directory above the runs', async () => {
    const cwd = project({
      'esc.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: ../../escaped-run }
spec:
  entrypoint: main
  templates:
  - name: main
    script: { image: bash:5.2, command: [bash], source: "echo 1" }
`,
    });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'esc.yaml', '--local'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('would be written outside');
    expect(existsSync(path.join(cwd, 'escaped-run'))).toBe(false);
    expect(existsSync(path.join(cwd, '.sluice', 'escaped-run'))).toBe(false);
  });

  it('bug: an output artifact named ../../../../../../victim.txt fails the step and leaves the file alone', async () => {
    const cwd = project({
      'victim.txt': 'precious\n',
      'art.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: art }
spec:
  entrypoint: main
  templates:
  - name: main
    script: { image: bash:5.2, command: [bash], source: "echo overwritten > /tmp/out.txt" }
    outputs:
      artifacts:
      - { name: ../../../../../../victim.txt, path: /tmp/out.txt }
`,
    });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'art.yaml', '--local'], io)).not.toBe(ExitCode.Ok);
    expect(readFileSync(path.join(cwd, 'victim.txt'), 'utf8')).toBe('precious\n');
  });

  it('bug: --resume ../../x is refused with exit 2', async () => {
    const cwd = project({});
    mkdirSync(path.join(cwd, 'x'));
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', '--local', '--resume', '../../x'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('would be written outside');
  });
});
