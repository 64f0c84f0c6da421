import { parseArgs } from 'node:util';
import { type CommandIO, renderHelp, UsageError } from './command.js';
import { ExitCode } from './exit-codes.js';
import { EntryLoadError, mapEntryFrames } from './load-entry.js';
import { commands } from './registry.js';
import { version } from './version.js';

/** Default I/O: the process's own streams. */
export function processIO(): CommandIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

function topHelp(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length), 8) + 2;
  return [
    'workflow — pipeline-as-code for Argo Workflows (Sluice)',
    '',
    'Usage: workflow <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`),
    '',
    "Run `workflow <command> --help` for a command's options and examples.",
    'Exit codes: 0 success, 1 workflow failed or problems found, 2 usage or validation error, 3 server or transport error.',
    '',
  ].join('\n');
}

/**
 * Runs the `workflow` command line and returns its exit code.
 * @example
 * ```ts
 * import { main } from '@sluice/cli';
 *
 * process.exitCode = await main(['lint', 'workflows/']);
 * ```
 */
export async function main(argv: readonly string[], io: CommandIO = processIO()): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(topHelp());
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (name === '-v' || name === '--version' || name === 'version') {
    io.stdout.write(`workflow ${version}\n`);
    return ExitCode.Ok;
  }
  const entry = commands[name];
  if (entry === undefined) {
    const near = closestName(name, Object.keys(commands));
    io.stderr.write(
      `workflow: unknown command "${name}"${near === undefined ? '.' : `; did you mean "${near}"?`} Commands: ${Object.keys(commands).join(', ')}.\n`,
    );
    return ExitCode.Usage;
  }
  const command = await entry.load();
  let verbose = false;
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    verbose = (parsed.values as Record<string, unknown>).verbose === true;
    if (parsed.values.help) {
      io.stdout.write(renderHelp(command));
      return ExitCode.Ok;
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      const message = unknownOptionMessage(error, Object.keys(command.options)) ?? error.message;
      io.stderr.write(
        `workflow ${name}: ${message}\nUsage: ${command.usage}\nRun \`workflow ${name} --help\` for more.\n`,
      );
      return ExitCode.Usage;
    }
    if (error instanceof EntryLoadError) {
      // The user's code threw while loading: its message and location, not Sluice's frames (unless asked for).
      const debug = verbose || io.env.SLUICE_DEBUG === '1';
      const stack = error.thrown instanceof Error ? error.thrown.stack : undefined;
      io.stderr.write(`workflow ${name}: ${error.describe(io.cwd)}\n`);
      io.stderr.write(debug && stack !== undefined ? `${stack}\n` : 'Run with SLUICE_DEBUG=1 for the full stack.\n');
      return ExitCode.Usage;
    }
    // An error no command expected: its stack as Node prints it with source maps on, user code at its `.ts` lines.
    throw await mapEntryFrames(error);
  }
}

/** Options that changed name, and where their job went: an old script gets the new spelling, not just a refusal. */
const MOVED_OPTIONS: Readonly<Record<string, string>> = {
  format: '-o/--output takes the format now (as in argo); compile writes to a path with --output-file',
};

/** For an unknown option: its name, the nearest option of the command, or where a renamed option went. */
function unknownOptionMessage(error: Error, options: readonly string[]): string | undefined {
  if (!('code' in error) || error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  const given = /'(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (given === undefined) return undefined;
  const bare = given.replace(/^-+/, '').replace(/=.*$/, '');
  const moved = MOVED_OPTIONS[bare];
  if (moved !== undefined && !options.includes(bare)) return `unknown option ${given}: ${moved}`;
  const near = closestName(bare, [...options, 'help']);
  return `unknown option ${given}${near === undefined ? '' : `; did you mean --${near}?`}`;
}

/**
 * The name (of a command or an option) closest to a mistyped one (at most two edits away, or one it starts), without
 * loading the SDK: the unknown-command path stays as fast as `--help`.
 */
function closestName(given: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = name.startsWith(given) && given.length >= 3 ? 0 : editDistance(given, name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
