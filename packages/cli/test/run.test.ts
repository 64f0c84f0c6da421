import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

const etl = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: etl- }
spec:
  entrypoint: main
  onExit: notify
  arguments: { parameters: [{ name: code, value: "0" }] }
  templates:
  - name: main
    dag:
      tasks:
      - { name: extract, template: step, arguments: { parameters: [{ name: code, value: "0" }] } }
      - { name: load, depends: extract, template: step, arguments: { parameters: [{ name: code, value: "{{workflow.parameters.code}}" }] } }
      - { name: train, depends: load, template: step, arguments: { parameters: [{ name: code, value: "0" }] } }
  - name: step
    inputs: { parameters: [{ name: code }] }
    script: { image: bash:5.2, command: [bash], source: "exit {{inputs.parameters.code}}" }
  - name: notify
    script: { image: bash:5.2, command: [bash], source: "echo {{workflow.status}} > exit-status" }
`;

describe('workflow run --local', () => {
  it('runs a YAML workflow, prints plain progress off a terminal, and exits 0', async () => {
    const cwd = project({ 'etl.yaml': etl });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'etl.yaml', '--local', '--max-parallel', '2'], io)).toBe(ExitCode.Ok);
    const out = io.out();
    expect(out).toMatch(/^ {2}extract: Running$/m);
    expect(out).toMatch(/^ {2}extract: Succeeded {2}\S+$/m);
    expect(out).toMatch(/^etl-\w+: Succeeded/m);
    const report = /^report: (.+)$/m.exec(out)?.[1] ?? '';
    expect(existsSync(path.join(cwd, report))).toBe(true);
    expect(report).toMatch(/^\.sluice\/runs\/etl-\w+\/report\.html$/);
    expect(readFileSync(path.join(cwd, 'exit-status'), 'utf8').trim()).toBe('Succeeded');
  });

  it('exits 1 when the workflow fails (exit 2 is fatal), runs onExit, and says how to resume', async () => {
    const cwd = project({ 'etl.yaml': etl });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'etl.yaml', '--local', '-p', 'code=2'], io)).toBe(ExitCode.Failed);
    const out = io.out();
    expect(out).toMatch(/^ {2}load: Failed .*Error \(exit code 2\)$/m);
    expect(out).toMatch(/^ {2}train: Omitted/m);
    expect(out).toMatch(/re-run what failed: workflow run --local --resume etl-\w+/);
    expect(readFileSync(path.join(cwd, 'exit-status'), 'utf8').trim()).toBe('Failed');
    const id = /--resume (\S+)/.exec(out)?.[1] ?? '';
    const again = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', '--local', '--resume', id, '-p', 'code=0', '--output', 'json'], again)).toBe(ExitCode.Ok);
    const events = again
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { node: string; phase: string; runId?: string });
    expect(events.at(-1)).toMatchObject({ runId: id, phase: 'Succeeded' });
    expect(events.filter((e) => e.node === 'extract').map((e) => e.phase)).toEqual(['Succeeded']);
  });

  it('refuses unmapped images before running anything (exit 2), and runs once they are mapped', async () => {
    const wf = etl.replace(
      'script: { image: bash:5.2, command: [bash], source: "exit {{inputs.parameters.code}}" }',
      'container: { image: ghcr.io/acme/step:2.0.1, args: ["{{inputs.parameters.code}}"] }',
    );
    const cwd = project({ 'etl.yaml': wf });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'etl.yaml', '--local'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('templates.step: container image "ghcr.io/acme/step:2.0.1" has no local command');
    expect(io.err()).toContain('--map-image ghcr.io/acme/step:2.0.1=<local command>');
    expect(existsSync(path.join(cwd, 'exit-status'))).toBe(false);
    const mapped = capture({ PATH: process.env.PATH }, cwd);
    expect(
      await main(['run', 'etl.yaml', '--local', '--map-image', 'ghcr.io/acme/step:2.0.1=sh -c "exit $0"'], mapped),
    ).toBe(ExitCode.Ok);
  });

  it('runs a TypeScript entry that exports a workflow object', async () => {
    const cwd = project({
      'package.json': '{ "type": "module" }',
      'wf.ts': `const workflow = {
  toObject: () => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'from-ts' },
    spec: { entrypoint: 'hello', templates: [{ name: 'hello', script: { image: 'node:20', command: ['node'], source: 'console.log(1 + 1)' } }] },
  }),
};
export default workflow;
`,
    });
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'wf.ts', '--local', '--run-dir', 'runs', '-o', 'json'], io)).toBe(ExitCode.Ok);
    const last = JSON.parse(io.out().trim().split('\n').at(-1) ?? '{}') as { runDir: string };
    expect(last.runDir).toBe(path.join(cwd, 'runs', 'from-ts'));
    const status = JSON.parse(readFileSync(path.join(last.runDir, 'status.json'), 'utf8'));
    expect(status.nodes['from-ts'].outputs.result).toBe('2');
  });

  it('rejects bad usage with exit 2', async () => {
    const cwd = project({ 'etl.yaml': etl });
    for (const args of [
      ['run', 'etl.yaml'],
      ['run', 'etl.yaml', '--local', '-p', 'nope=1'],
      ['run', 'etl.yaml', '--local', '-p', 'code'],
      ['run', 'etl.yaml', '--local', '--max-parallel', '0'],
      ['run', 'missing.yaml', '--local'],
      ['run', '--local', '--resume', 'no-such-run'],
    ]) {
      const io = capture({ PATH: process.env.PATH }, cwd);
      expect(await main(args, io), args.join(' ')).toBe(ExitCode.Usage);
      expect(io.err().length, args.join(' ')).toBeGreaterThan(0);
    }
  });
});
