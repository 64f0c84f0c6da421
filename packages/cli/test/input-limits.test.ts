import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-limits-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Ten levels of nine aliases: about 1 KB of text, 3.4 billion strings once expanded. */
function billionLaughs(): string {
  const letters = 'abcdefghij';
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < 10; level++)
    lines.push(
      `    a${level}: &a${level} [${Array(9)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  void letters;
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: laughs }
spec:
  entrypoint: main
  templates:
  - name: main
    plugin:
      laughs:
    ${lines.join('\n')}
`;
}

const workflow = (name: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: ${name} }
spec:
  entrypoint: main
  templates:
  - name: main
    container: { image: alpine:3.20, command: [echo, hi] }
`;

async function lint(files: Record<string, string | Buffer>, file: string, env: NodeJS.ProcessEnv = {}) {
  const cwd = project(files);
  const io = capture({ PATH: process.env.PATH, ...env }, cwd);
  const code = await main(['lint', file], io);
  return { code, out: io.out() + io.err(), cwd };
}

describe('issue 15 item 2: nested YAML aliases ("billion laughs")', () => {
  it('bug: a 1 KB file of nested aliases under a plugin field is rejected by lint, naming the limit', async () => {
    const text = billionLaughs();
    expect(text.length).toBeLessThan(1200);
    const { code, out } = await lint({ 'laughs.yaml': text }, 'laughs.yaml');
    expect(code).toBe(ExitCode.Failed);
    expect(out).toContain('laughs.yaml');
    expect(out).toContain('once its YAML aliases are expanded');
    expect(out).toContain('SLUICE_MAX_INPUT_NODES=2000000');
  });

  it('bug: run --local rejects it before running anything', async () => {
    const cwd = project({ 'laughs.yaml': billionLaughs() });
    const io = capture({ PATH: process.env.PATH }, cwd);
    const code = await main(['run', 'laughs.yaml', '--local'], io);
    expect(code).not.toBe(ExitCode.Ok);
    expect(io.err()).toContain('SLUICE_MAX_INPUT_NODES');
  });

  it('the alias limit is configurable: a lower limit rejects ordinary aliases, with the limit named', async () => {
    const text = `${workflow('aliases')}    env: &e [{ name: A, value: "1" }, { name: B, value: "2" }]\n`;
    const ok = await lint({ 'wf.yaml': text }, 'wf.yaml');
    expect(ok.out).not.toContain('SLUICE_MAX_INPUT_NODES');
    const low = await lint({ 'wf.yaml': text }, 'wf.yaml', { SLUICE_MAX_INPUT_NODES: '5' });
    expect(low.out).toContain('(limit SLUICE_MAX_INPUT_NODES=5;');
  });
});

describe('issue 15 item 19: parsers are bounded and strict', () => {
  it('bug: a file of 20,000 documents is refused before it is parsed, naming the document limit', async () => {
    const started = Date.now();
    const { code, out } = await lint({ 'many.yaml': `${workflow('x')}---\n`.repeat(20_000) }, 'many.yaml');
    expect(code).toBe(ExitCode.Failed);
    expect(out).toContain('holds 20000 documents, more than the limit (limit SLUICE_MAX_INPUT_DOCUMENTS=10000;');
    // Refused from a count of markers, not after parsing: generous against a busy machine (parsing took minutes).
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('bug: 10,000 nesting levels give an error naming the depth limit, not "Maximum call stack size exceeded"', async () => {
    const deep = `${workflow('deep')}    args: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const { code, out } = await lint({ 'deep.yaml': deep }, 'deep.yaml');
    expect(code).toBe(ExitCode.Failed);
    expect(out).toContain('nests deeper than 500 levels (limit SLUICE_MAX_INPUT_DEPTH=500;');
    expect(out).not.toContain('Maximum call stack');
  });

  it('bug: a symlink loop is named as one, not as "no such file"', async () => {
    const cwd = project({});
    symlinkSync('loop.yaml', path.join(cwd, 'loop.yaml'));
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['lint', 'loop.yaml'], io)).toBe(ExitCode.Usage);
    expect(io.err()).toContain('loop.yaml: a symbolic link loop');
    expect(io.err()).not.toContain('no such file');
  });

  it('bug: a duplicated kind: is an error naming the key and line in lint and in run alike', async () => {
    const text = workflow('dup').replace('kind: Workflow\n', 'kind: Workflow\nkind: CronWorkflow\n');
    const linted = await lint({ 'dup.yaml': text }, 'dup.yaml');
    expect(linted.code).toBe(ExitCode.Failed);
    expect(linted.out).toContain('line 3: key "kind" is given twice in one mapping');
    const io = capture({ PATH: process.env.PATH }, linted.cwd);
    expect(await main(['run', 'dup.yaml', '--local'], io)).not.toBe(ExitCode.Ok);
    expect(io.err()).toContain('key "kind" is given twice in one mapping');
  });

  it('bug: non-UTF-8 bytes are an error naming the offset', async () => {
    const bytes = Buffer.concat([Buffer.from(workflow('latin1')), Buffer.from('# caf\xe9\n', 'latin1')]);
    const { code, out } = await lint({ 'latin1.yaml': bytes }, 'latin1.yaml');
    expect(code).toBe(ExitCode.Failed);
    expect(out).toContain(
      `latin1.yaml: is not valid UTF-8 (first invalid byte at offset ${workflow('latin1').length + 5})`,
    );
  });

  it('a file larger than the size limit is refused, naming the limit', async () => {
    const { code, out } = await lint({ 'big.yaml': workflow('big') }, 'big.yaml', { SLUICE_MAX_INPUT_BYTES: '64' });
    expect(code).toBe(ExitCode.Failed);
    expect(out).toMatch(/big\.yaml: is \d+ bytes, more than the limit \(limit SLUICE_MAX_INPUT_BYTES=64;/);
  });
});
