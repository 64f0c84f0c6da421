import fs from 'node:fs';
import path from 'node:path';

/**
 * The fenced code blocks of the README and `docs/*.md` (not the generated `docs/api/`), with the
 * `<!-- docs-test: VERB ARGUMENT -->` directive written just above a block, if any.
 */
export interface DocBlock {
  /** The page, relative to the repository root. */
  readonly doc: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly directive: Directive | undefined;
}

/**
 * What a block's directive says:
 * - `skip REASON`: not checked, for the reason given;
 * - `in DIR`: a TypeScript block is type-checked as a file of DIR (`in DIR/NAME.ts`: as that file, which must not
 *   exist); a shell block runs in a temporary copy of DIR
 *   (`.`: a temporary directory in which `examples/` is the repository's);
 * - `covered`: written `<!-- example: NAME -->` in docs/sdk.md, whose own test (packages/sdk/test/docs.test.ts)
 *   checks that the block is `packages/sdk/test/doc-examples/NAME.ts` and its YAML that file's output;
 * - `continue`: a shell block runs where the page's previous shell block stopped; a TypeScript block is
 *   type-checked as the continuation of the page's previous TypeScript block (one file).
 */
export interface Directive {
  readonly verb: 'skip' | 'in' | 'continue' | 'covered';
  readonly argument: string;
}

const TS_LANGS = new Set(['ts', 'typescript']);
const SHELL_LANGS = new Set(['sh', 'bash', 'console']);

/** Whether a block is TypeScript. */
export const isTypeScript = (block: DocBlock): boolean => TS_LANGS.has(block.lang);
/** Whether a block is shell. */
export const isShell = (block: DocBlock): boolean => SHELL_LANGS.has(block.lang);

/** The README and every hand-written page under docs/. */
export function docPages(repo: string): string[] {
  const pages = fs
    .readdirSync(path.join(repo, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...pages];
}

/** Every fenced block of a page, with its directive. */
export function blocksOf(repo: string, doc: string): DocBlock[] {
  const lines = fs.readFileSync(path.join(repo, doc), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    blocks.push({
      doc,
      line: start + 1,
      lang: open[1] ?? '',
      code: body.join('\n'),
      directive: directiveAbove(lines, start, doc),
    });
  }
  return blocks;
}

function directiveAbove(lines: string[], fence: number, doc: string): Directive | undefined {
  let i = fence - 1;
  while (i >= 0 && (lines[i] ?? '').trim() === '') i--;
  const text = (lines[i] ?? '').trim();
  const sdkExample = /^<!-- example: ([\w-]+) -->$/.exec(text);
  if (sdkExample) return { verb: 'covered', argument: 'packages/sdk/test/docs.test.ts' };
  const match = /^<!-- docs-test: (\w+)\s*(.*?)\s*-->$/.exec(text);
  if (!match) return undefined;
  const verb = match[1] ?? '';
  if (verb !== 'skip' && verb !== 'in' && verb !== 'continue') {
    throw new Error(`${doc}:${i + 1}: unknown docs-test directive "${verb}" (use skip, in or continue)`);
  }
  return { verb, argument: match[2] ?? '' };
}

/**
 * The commands of a shell block, one per logical line: continuation lines joined, `#` comments and `$ ` prompts
 * removed, and `a && b` split into `a` and `b`.
 */
export function commandsOf(code: string): string[] {
  const joined = code.replace(/\\\n\s*/g, ' ');
  const commands: string[] = [];
  for (const raw of joined.split('\n')) {
    const line = withoutComment(raw)
      .replace(/^\s*\$ /, '')
      .trim();
    if (line === '') continue;
    for (const part of splitAnd(line)) commands.push(part.replace(/\s+/g, ' ').trim());
  }
  return commands;
}

/** The line up to a `#` that starts a comment (at the start or after a space, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}

function splitAnd(line: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '&' && line[i + 1] === '&') {
      parts.push(line.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(line.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The words of a command, split on spaces outside quotes (quotes kept). */
export function wordsOf(command: string): string[] {
  const words: string[] = [];
  let quote: string | undefined;
  let word = '';
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = undefined;
      word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word += c;
    } else if (/\s/.test(c)) {
      if (word !== '') words.push(word);
      word = '';
    } else word += c;
  }
  if (word !== '') words.push(word);
  return words;
}

/** Whether a command only sets shell state (`export A=…`, `a=…`, `set -e…`) for the commands after it. */
export function isShellSetup(command: string): boolean {
  const words = wordsOf(command);
  if (words[0] === 'export' || words[0] === 'set') return true;
  return words.length > 0 && words.every((w) => /^[A-Za-z_]\w*=/.test(w));
}
