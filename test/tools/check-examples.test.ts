import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckResult, checkExamples, generatedArgoTypes } from '../../scripts/check-examples.ts';

const repo = path.resolve(import.meta.dirname, '../..');

const fence = '```';
/** A small package whose exports show each case: a good example, none, a type error, a fragment without imports. */
const FIXTURE = `
/**
 * Adds two numbers.
 * @example
 * ${fence}ts
 * import { add } from 'fixture';
 * const sum: number = add(1, 2);
 * ${fence}
 */
export function add(a: number, b: number): number {
  return a + b;
}

/** The fixture's version, documented but without an example. */
export const VERSION = '1.0.0';

/**
 * Upper-cases a text; its example assigns the result to a number.
 * @example
 * ${fence}ts
 * import { shout } from 'fixture';
 * const loud: number = shout('hello');
 * ${fence}
 */
export function shout(text: string): string {
  return text.toUpperCase();
}

/**
 * Negates a number; its example is a fragment that does not import it.
 * @example
 * ${fence}ts
 * const minusOne = negate(1);
 * ${fence}
 */
export function negate(n: number): number {
  return -n;
}

/**
 * Halves a number; its example is a shell command only (TypeDoc would read prose without a fence as code).
 * @example
 * ${fence}sh
 * node -e 'console.log(4 / 2)'
 * ${fence}
 */
export function half(n: number): number {
  return n / 2;
}
`;

let fixture: string;
let result: CheckResult;

beforeAll(async () => {
  fixture = fs.mkdtempSync(path.join(repo, '.example-fixture-'));
  fs.mkdirSync(path.join(fixture, 'src'));
  fs.writeFileSync(path.join(fixture, 'src/index.ts'), FIXTURE);
  fs.writeFileSync(
    path.join(fixture, 'tsconfig.json'),
    JSON.stringify({ extends: '../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src'] }),
  );
  fs.writeFileSync(
    path.join(fixture, 'typedoc.json'),
    JSON.stringify({ entryPoints: ['src/index.ts'], tsconfig: 'tsconfig.json', skipErrorChecking: true }),
  );
  result = await checkExamples({
    root: repo,
    typedocConfig: path.join(fixture, 'typedoc.json'),
    paths: { fixture: [`${path.basename(fixture)}/src/index.ts`] },
  });
}, 120_000);

afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

const problemsOf = (symbol: string) => result.problems.filter((p) => p.symbol === symbol);

describe('check:examples', () => {
  it('fails on an exported symbol without @example, naming it and its file', () => {
    expect(problemsOf('VERSION')).toEqual([
      {
        symbol: 'VERSION',
        file: `${path.basename(fixture)}/src/index.ts`,
        message: expect.stringMatching(/^no @example/),
      },
    ]);
  });

  it('fails on an @example whose code does not type-check, naming the symbol, its file and the error', () => {
    const [problem, ...more] = problemsOf('shout');
    expect(more).toEqual([]);
    expect(problem?.file).toBe(`${path.basename(fixture)}/src/index.ts`);
    expect(problem?.message).toMatch(/line 2: TS2322 Type 'string' is not assignable to type 'number'/);
  });

  it('fails on a fragment that does not import what it uses (an example must be complete)', () => {
    expect(problemsOf('negate').map((p) => p.message)).toEqual([expect.stringContaining("Cannot find name 'negate'")]);
  });

  it('fails on an @example without a ts code block', () => {
    expect(problemsOf('half').map((p) => p.message)).toEqual([expect.stringContaining('no ```ts code block')]);
  });

  it('passes a complete example that type-checks, in the same program as the failing ones', () => {
    expect(problemsOf('add')).toEqual([]);
    expect(result.symbols).toBe(5);
    expect(result.examples).toBe(3);
    expect(fs.readdirSync(repo).filter((f) => f.startsWith('.example-check-'))).toEqual([]);
  });

  it('leaves only the generated Argo types to their module example', () => {
    expect(generatedArgoTypes(path.join(repo, 'packages/argo-types/src/generated/v4.1/names.ts'))).toBe(true);
    expect(generatedArgoTypes(path.join(repo, 'packages/argo-types/src/versions.ts'))).toBe(false);
  });
});
