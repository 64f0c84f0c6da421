import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The code blocks of docs/index.md marked `<!-- compiled: NAME -->` are type-checked as files of the minimal
 * example (the project `workflow init --template minimal` makes), without writing them anywhere, and the pipeline
 * block is the example's `pipeline.ts` (so the example's tests run it).
 */
const repo = path.resolve(import.meta.dirname, '../..');
const doc = fs.readFileSync(path.join(repo, 'docs/index.md'), 'utf8');
const blocks = [...doc.matchAll(/<!-- compiled: ([\w-]+) -->\n\n```ts\n([\s\S]*?)\n```/g)].map((m) => ({
  name: m[1] ?? '',
  code: m[2] ?? '',
}));
const projectDir = path.join(repo, 'examples/minimal');
const fileOf = (name: string) => path.join(projectDir, `docs-${name}.ts`);

describe('docs/index.md code blocks', () => {
  it('has the pipeline and the stage block', () => {
    expect(blocks.map((b) => b.name)).toEqual(['index-pipeline', 'index-stage']);
  });

  it('type-checks every block as a file of the minimal project', () => {
    const virtual = new Map(blocks.map((b) => [fileOf(b.name), `${b.code}\n`]));
    const base = ts.readConfigFile(path.join(repo, 'tsconfig.base.json'), ts.sys.readFile).config;
    const { options } = ts.parseJsonConfigFileContent(
      { ...base, compilerOptions: { ...base.compilerOptions, noEmit: true, allowImportingTsExtensions: true } },
      ts.sys,
      projectDir,
    );
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
    host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
    host.getSourceFile = (f, language, ...rest) => {
      const text = virtual.get(f);
      return text === undefined
        ? getSourceFile.call(host, f, language, ...rest)
        : ts.createSourceFile(f, text, language);
    };
    const program = ts.createProgram([...virtual.keys()], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(problems).toEqual([]);
    // Type-checking pulls in the packages' sources: tens of seconds on a busy machine.
  }, 300_000);

  it('the pipeline block is the minimal example’s pipeline.ts, named my-pipeline and without its comments', () => {
    const example = fs.readFileSync(path.join(projectDir, 'pipeline.ts'), 'utf8');
    const stripped = example
      .replace(/\/\*\*[\s\S]*?\*\/\n/g, '')
      .replace(/^\s*\/\/.*\n/gm, '')
      .replaceAll("'minimal'", "'my-pipeline'")
      .replaceAll("'minimal-data'", "'my-pipeline-data'")
      .replace('/data/minimal:', '/data/my-pipeline:');
    expect(blocks.find((b) => b.name === 'index-pipeline')?.code).toBe(stripped.trimEnd());
  });
});
