import path from 'node:path';
import type { Template } from '@sluice/argo-types';
import { localCommandAnnotation } from '../annotations.js';
import { bundleModule } from '../bundle/bundle-module.js';
import { WorkflowInputError } from '../workflow-set.js';
import { parseLocalCommand } from './local-command.js';

/**
 * The stage modules of a run, bundled once before it starts, and how a local command is pointed at them.
 * `node --import tsx stages/x.ts …` becomes `node --enable-source-maps <bundle> …`: a stage process then starts on
 * plain Node, without a TypeScript loader, and its stack traces still name the `.ts` lines.
 */
export interface PreparedStages {
  /** The command to start: `argv` with a TypeScript stage module replaced by its bundle, or `argv` as it is. */
  command(argv: readonly string[]): string[];
  /** How many stage modules were bundled, and how many of those were reused from the cache unchanged. */
  readonly counts: { readonly modules: number; readonly cached: number };
}

/** A local command that runs a TypeScript module under the `tsx` loader: where its module is in `argv`. */
interface TsxCommand {
  /** Index of the module argument. */
  readonly moduleIndex: number;
}

const TS_MODULE = /\.[cm]?tsx?$/;

/**
 * Recognises `node [options] --import tsx <module.ts> [args…]` (also `--import=tsx`, `--loader tsx`,
 * `--require tsx/cjs`): the command the `pipeline()` layer writes for a stage. Anything else is left alone.
 */
export function tsxCommand(argv: readonly string[]): TsxCommand | undefined {
  if (argv[0] !== 'node' && argv[0] !== process.execPath) return undefined;
  let loader = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (LOADER_INLINE.test(arg)) {
      loader = true;
      continue;
    }
    if (LOADER_FLAG.test(arg)) {
      if (LOADER_VALUE.test(argv[i + 1] ?? '')) loader = true;
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return loader && TS_MODULE.test(arg) ? { moduleIndex: i } : undefined;
  }
  return undefined;
}

/**
 * Bundles every TypeScript stage module the given leaf templates start (their `sluice.dev/local-command`), resolved from
 * `cwd`, the stages' working directory. Bundles are cached by content under the project's `.sluice/cache`, so an
 * unchanged stage costs a few file stats.
 *
 * @throws {WorkflowInputError} naming the template and the module, before anything runs, when a stage module has a
 *   syntax error or an import that does not resolve.
 */
export async function prepareStages(templates: Iterable<Template>, cwd: string): Promise<PreparedStages> {
  const modules = new Map<string, { file: string; conditions: string[]; key: string; where: string }>();
  for (const template of templates) {
    const raw = template.metadata?.annotations?.[localCommandAnnotation];
    if (raw === undefined) continue;
    const where = `templates.${template.name}`;
    const stage = stageModule(parseLocalCommand(raw, where), cwd);
    if (stage === undefined || stage.file.includes('{{')) continue;
    if (!modules.has(stage.key)) modules.set(stage.key, { ...stage, where });
  }
  const bundles = new Map<string, string>();
  let cached = 0;
  await Promise.all(
    [...modules.values()].map(async ({ file, conditions, key, where }) => {
      try {
        const bundled = await bundleModule(file, { conditions });
        bundles.set(key, bundled.file);
        if (bundled.cached) cached++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new WorkflowInputError(`${where}: stage module ${path.relative(cwd, file) || file}: ${message}`);
      }
    }),
  );
  return {
    counts: { modules: bundles.size, cached },
    command(argv) {
      const stage = stageModule(argv, cwd);
      const bundle = stage === undefined ? undefined : bundles.get(stage.key);
      if (stage === undefined || bundle === undefined) return [...argv];
      return [
        argv[0] ?? 'node',
        '--enable-source-maps',
        ...withoutTsxLoader(argv.slice(1, stage.moduleIndex)),
        bundle,
        ...argv.slice(stage.moduleIndex + 1),
      ];
    },
  };
}

/**
 * The TypeScript module a `node --import tsx` command starts, resolved from `cwd`, with the export conditions its
 * Node options ask for; `key` names its bundle (the same module under other conditions is another bundle).
 */
function stageModule(
  argv: readonly string[],
  cwd: string,
): { file: string; conditions: string[]; moduleIndex: number; key: string } | undefined {
  const found = tsxCommand(argv);
  const module = found === undefined ? undefined : argv[found.moduleIndex];
  if (found === undefined || module === undefined) return undefined;
  const file = path.resolve(cwd, module);
  const conditions = conditionsOf(argv.slice(1, found.moduleIndex));
  return { file, conditions, moduleIndex: found.moduleIndex, key: `${file}\0${conditions.join(',')}` };
}

/** The export conditions Node's options ask for (`--conditions=x`, `--conditions x`, `-C x`). */
function conditionsOf(options: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const arg = options[i] ?? '';
    const inline = /^--conditions=(.+)$/.exec(arg);
    if (inline?.[1] !== undefined) found.push(inline[1]);
    else if ((arg === '--conditions' || arg === '-C') && options[i + 1] !== undefined) found.push(options[++i] ?? '');
  }
  return found;
}

const LOADER_FLAG = /^--(import|loader|experimental-loader|require)$/;
const LOADER_VALUE = /^tsx(\/\w+)?$/;
const LOADER_INLINE = /^--(import|loader|experimental-loader|require)=tsx(\/\w+)?$/;

/** Node's options without the ones that load tsx (`--import tsx`, `--import=tsx`, …): the bundle needs no loader. */
function withoutTsxLoader(options: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const arg = options[i] ?? '';
    if (LOADER_INLINE.test(arg)) continue;
    if (LOADER_FLAG.test(arg) && LOADER_VALUE.test(options[i + 1] ?? '')) {
      i++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}
