import type { ParseArgsConfig, parseArgs } from 'node:util';
import type { ExitCode } from './exit-codes.js';

/**
 * Where a command writes: injectable so tests can capture output.
 * @example
 * ```ts
 * import { PassThrough } from 'node:stream';
 * import { type CommandIO, main } from '@sluice/cli';
 *
 * // Runs `workflow lint` in-process, capturing what it prints.
 * const stdout = new PassThrough();
 * const io: CommandIO = { stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
 * const code = await main(['lint', 'pipeline.ts'], io);
 * const printed = stdout.read()?.toString() ?? '';
 * ```
 */
export interface CommandIO {
  /** Standard output. */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Standard error. */
  readonly stderr: NodeJS.WritableStream;
  /** Standard input; commands ask questions only when it is a terminal (`workflow init`). */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The environment (`process.env` by default). */
  readonly env: NodeJS.ProcessEnv;
  /** The working directory paths are resolved against. */
  readonly cwd: string;
}

/** Options of a command, in `node:util` parseArgs form. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** A `workflow` sub-command. Each lives in `src/commands/<name>.ts` and is imported only when it runs. */
export interface Command<O extends CommandOptions = CommandOptions> {
  /** The name typed after `workflow`. */
  readonly name: string;
  /** One line for `workflow --help`. */
  readonly summary: string;
  /** Usage line, e.g. `workflow lint <paths…> [-o pretty|simple|json]`. */
  readonly usage: string;
  /** Longer help text: what it does, what each option means. */
  readonly description: string;
  /** At least one example invocation. */
  readonly examples: readonly string[];
  /** The options it takes (besides `--help`). */
  readonly options: O;
  /** Runs the command and returns its exit code. */
  run(args: ParsedArgs<O>, io: CommandIO): Promise<ExitCode>;
}

/** Parsed options and positionals. */
export interface ParsedArgs<O extends CommandOptions> {
  /** Option values by name. */
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  /** Positional arguments. */
  readonly positionals: readonly string[];
}

/** Declares a command with its option types inferred. */
export function defineCommand<const O extends CommandOptions>(command: Command<O>): Command<O> {
  return command;
}

/** An error in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Renders a command's `--help`. */
export function renderHelp(command: Command): string {
  const { prose, docs } = splitOptionDocs(command.description);
  const lines = [`Usage: ${command.usage}`, '', prose.trim(), ''];
  const entries = Object.entries(command.options);
  if (entries.length > 0) {
    lines.push('Options:');
    for (const [name, option] of entries) {
      const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ' <value>' : ''}`;
      const text = wrap(docs.get(name) ?? '', helpWidth - 32);
      lines.push(`  ${flag.padEnd(29)} ${text[0] ?? ''}`, ...text.slice(1).map((l) => `${' '.repeat(32)}${l}`));
    }
    lines.push(`  ${'-h, --help'.padEnd(30)}show this help`, '');
  }
  lines.push('Examples:', ...command.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}

/** The width help text is wrapped to. */
const helpWidth = 118;

/**
 * Takes the `  --name: text` lines (with their deeper-indented continuation lines) out of a description: the
 * Options section prints each option once, in full, next to its flag.
 */
function splitOptionDocs(description: string): { prose: string; docs: Map<string, string> } {
  const docs = new Map<string, string>();
  const prose: string[] = [];
  let current: { name: string; indent: number } | undefined;
  for (const line of description.split('\n')) {
    const option = /^(\s*)--([\w-]+):\s*(.*)$/.exec(line);
    const indent = line.length - line.trimStart().length;
    if (option) {
      current = { name: option[2] ?? '', indent: option[1]?.length ?? 0 };
      docs.set(current.name, option[3] ?? '');
    } else if (current !== undefined && line.trim() !== '' && indent > current.indent) {
      docs.set(current.name, `${docs.get(current.name) ?? ''} ${line.trim()}`);
    } else {
      current = undefined;
      prose.push(line);
    }
  }
  return { prose: prose.join('\n').replace(/\n{3,}/g, '\n\n'), docs };
}

/** Splits text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
