// Every exported symbol of the public packages has an `@example` whose ```ts code compiles.
//  1. TypeDoc (its reflection list is what the API reference shows, so it defines "exported") converts the
//     entry points of typedoc.json; every top-level export must carry an `@example` with a ```ts block.
//     The generated Argo types (packages/argo-types/src/generated/) are covered by the one example in their
//     module's `@packageDocumentation`: they are the upstream API's shapes, one per swagger definition.
//  2. Each ```ts block becomes a module in a temporary folder inside the repository, and all of them are
//     type-checked in ONE strict TypeScript program that resolves `@sluice/*` to the sources (the `source`
//     export condition). An example is a complete module: it imports what it uses.
//   pnpm check:examples
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Application,
  Comment,
  type CommentDisplayPart,
  type DeclarationReflection,
  type ProjectReflection,
  ReflectionKind,
  type SignatureReflection,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One exported symbol, as the reference lists it. */
export interface ExportedSymbol {
  /** `<module>.<name>`, e.g. `sdk/src.WorkflowBuilder`. */
  readonly name: string;
  /** The file that declares it, relative to the repository. */
  readonly file: string;
  /** The ```ts code of its `@example` blocks. */
  readonly examples: readonly string[];
  /** It has an `@example` tag (with or without a ```ts block). */
  readonly tagged: boolean;
}

export interface CheckOptions {
  /** The repository (temporary example files go in a folder inside it). */
  readonly root: string;
  /** The TypeDoc configuration file whose entry points are checked. */
  readonly typedocConfig: string;
  /** Files whose exports are covered by their module's example (the generated Argo types). */
  readonly coveredByModule?: (file: string) => boolean;
  /** Extra module paths for the examples' program (`compilerOptions.paths`), relative to `root`. */
  readonly paths?: Readonly<Record<string, string[]>>;
}

export interface Problem {
  readonly symbol: string;
  readonly file: string;
  readonly message: string;
}

export interface CheckResult {
  readonly symbols: number;
  readonly examples: number;
  readonly problems: readonly Problem[];
}

const CODE_BLOCK = /```(?:ts|typescript)\n([\s\S]*?)```/g;

function exampleTags(comments: readonly (Comment | undefined)[]): CommentDisplayPart[][] {
  return comments.flatMap((c) => (c?.blockTags ?? []).filter((t) => t.tag === '@example').map((t) => t.content));
}

function codeOf(parts: readonly CommentDisplayPart[]): string[] {
  return [...Comment.combineDisplayParts(parts).matchAll(CODE_BLOCK)].map((m) => m[1] ?? '');
}

function commentsOf(reflection: DeclarationReflection): (Comment | undefined)[] {
  const signatures: (SignatureReflection | undefined)[] = [
    ...(reflection.signatures ?? []),
    reflection.getSignature,
    reflection.setSignature,
  ];
  return [reflection.comment, ...signatures.map((s) => s?.comment)];
}

function describe(reflection: DeclarationReflection, moduleName: string, repo: string): ExportedSymbol {
  const tags = exampleTags(commentsOf(reflection));
  const source = reflection.sources?.[0]?.fullFileName ?? '';
  return {
    name: moduleName === '' ? reflection.name : `${moduleName}.${reflection.name}`,
    file: source === '' ? '(unknown file)' : path.relative(repo, source),
    examples: tags.flatMap(codeOf),
    tagged: tags.length > 0,
  };
}

/** The exported symbols of the project's modules, and the modules' own examples (their `@packageDocumentation`). */
export function exportedSymbols(
  project: ProjectReflection,
  repo: string,
  coveredByModule: (file: string) => boolean = () => false,
): { symbols: ExportedSymbol[]; covered: number } {
  const modules = project.children?.every((c) => c.kindOf(ReflectionKind.Module))
    ? project.children.map((m) => ({ name: m.name, reflection: m as DeclarationReflection | ProjectReflection }))
    : [{ name: '', reflection: project as DeclarationReflection | ProjectReflection }];
  const symbols: ExportedSymbol[] = [];
  let covered = 0;
  for (const { name, reflection } of modules) {
    const children = reflection.children ?? [];
    const coveredHere = children.filter((c) => coveredByModule(c.sources?.[0]?.fullFileName ?? ''));
    if (coveredHere.length > 0) {
      covered += coveredHere.length;
      const tags = exampleTags([reflection.comment]);
      symbols.push({
        name: `${name} (module: covers its ${coveredHere.length} generated types)`,
        file: path.relative(repo, coveredHere[0]?.sources?.[0]?.fullFileName ?? ''),
        examples: tags.flatMap(codeOf),
        tagged: tags.length > 0,
      });
    }
    for (const child of children) {
      if (!coveredHere.includes(child)) symbols.push(describe(child, name, repo));
    }
  }
  return { symbols, covered };
}

/** The symbols without an `@example`, or whose `@example` has no ```ts block. */
export function missingExamples(symbols: readonly ExportedSymbol[]): Problem[] {
  return symbols
    .filter((s) => s.examples.length === 0)
    .map((s) => ({
      symbol: s.name,
      file: s.file,
      message: s.tagged
        ? 'its @example has no ```ts code block'
        : 'no @example: add a TSDoc @example with a short ```ts block that imports what it uses',
    }));
}

/** The module file name of a symbol's n-th example. */
function exampleFileName(symbol: string, index: number): string {
  return `${symbol.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${index + 1}.ts`;
}

/**
 * Type-checks every example in one strict program, from files in a temporary folder inside `repo` (so `@sluice/*`
 * resolves through the workspace). Each file ends with `export {}`, so an example is a module of its own.
 */
export function typeCheckExamples(
  symbols: readonly ExportedSymbol[],
  repo: string,
  paths: Readonly<Record<string, string[]>> = {},
): Problem[] {
  const dir = fs.mkdtempSync(path.join(repo, '.example-check-'));
  try {
    const owner = new Map<string, ExportedSymbol>();
    for (const symbol of symbols) {
      symbol.examples.forEach((code, i) => {
        const file = path.join(dir, exampleFileName(symbol.name, i));
        fs.writeFileSync(file, `${code}\nexport {};\n`);
        owner.set(path.resolve(file), symbol);
      });
    }
    const base = ts.getParsedCommandLineOfConfigFile(
      path.join(root, 'tsconfig.base.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    const options: ts.CompilerOptions = {
      ...base?.options,
      strict: true,
      noEmit: true,
      declaration: false,
      allowImportingTsExtensions: true,
      ...(Object.keys(paths).length > 0 ? { baseUrl: repo, paths: { ...paths } } : {}),
    };
    const program = ts.createProgram({ rootNames: [...owner.keys()], options });
    const problems: Problem[] = [];
    for (const [file, symbol] of owner) {
      const source = program.getSourceFile(file);
      if (source === undefined) continue;
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      for (const d of diagnostics) {
        const { line } = d.start === undefined ? { line: 0 } : source.getLineAndCharacterOfPosition(d.start);
        // A long chain (two large object types) is cut to its first and last lines, which say what and why.
        const chain = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n');
        const text = (chain.length > 2 ? [chain[0], '…', chain.at(-1)?.trim()] : chain).join(' ');
        problems.push({
          symbol: symbol.name,
          file: symbol.file,
          message: `@example ${path.basename(file, '.ts').replace(/.*-/, '#')}, line ${line + 1}: TS${d.code} ${text}`,
        });
      }
    }
    return problems;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Converts the project with TypeDoc and checks every export: an example exists, and it type-checks. */
export async function checkExamples(options: CheckOptions): Promise<CheckResult> {
  const app = await Application.bootstrap({ options: options.typedocConfig, logLevel: 'Error' }, [
    new TypeDocReader(),
    new TSConfigReader(),
  ]);
  const project = await app.convert();
  if (project === undefined) throw new Error(`TypeDoc could not convert the entry points of ${options.typedocConfig}`);
  const { symbols } = exportedSymbols(project, options.root, options.coveredByModule);
  const missing = missingExamples(symbols);
  const typeErrors = typeCheckExamples(symbols, options.root, options.paths);
  return {
    symbols: symbols.length,
    examples: symbols.reduce((n, s) => n + s.examples.length, 0),
    problems: [...missing, ...typeErrors],
  };
}

/** The generated Argo types, which their module's example covers. */
export const generatedArgoTypes = (file: string): boolean =>
  file.split(path.sep).join('/').includes('/packages/argo-types/src/generated/');

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await checkExamples({
    root,
    typedocConfig: path.join(root, 'typedoc.json'),
    coveredByModule: generatedArgoTypes,
  });
  for (const p of result.problems) console.error(`${p.file}: ${p.symbol}: ${p.message}`);
  const summary = `${result.symbols} exported symbols, ${result.examples} example blocks type-checked`;
  if (result.problems.length > 0) {
    console.error(`check:examples: ${result.problems.length} problems (${summary})`);
    process.exitCode = 1;
  } else {
    console.log(`check:examples: ok (${summary})`);
  }
}
