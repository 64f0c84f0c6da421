import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A template as declared by its example's `template.json`: the examples of this repository are the templates, so
 * a project made by `workflow init` starts from exactly the code the repository tests.
 */
export interface TemplateInfo {
  /** The template's name: its example's directory name, e.g. `minimal`. */
  readonly name: string;
  /** One line for `workflow init --list`. */
  readonly description: string;
  /** The entry file, relative to the project, e.g. `pipeline.ts`. */
  readonly entry: string;
  /** The arguments after `workflow run <entry> --local` that run it on a laptop in seconds. */
  readonly run: readonly string[];
  /** Paths (relative, `/`-separated) of the example that are the repository's own and not part of a project. */
  readonly exclude: readonly string[];
  /** The example's directory. */
  readonly dir: string;
}

/** Where the templates are read from, and the tool versions the repository pins. */
export interface TemplateSource {
  /** The directory holding one sub-directory per template. */
  readonly dir: string;
  /** The version of `@sluice/cli` (and of every `@sluice/*` package: they are released together). */
  readonly version: string;
  /** Pinned versions of the tools a project needs besides its template's dependencies (typescript, vitest, …). */
  readonly tools: Readonly<Record<string, string>>;
  /** The pnpm version projects pin (`packageManager`). */
  readonly pnpm: string;
}

/** The file the CLI's build writes beside the copied templates. */
export const TOOLS_FILE = 'tools.json';
/** What every template copy leaves out, wherever it is: installs, builds and local runs. */
const ALWAYS_EXCLUDED = new Set(['node_modules', 'dist', '.sluice', '.turbo', 'deploy', 'template.json']);

/** The directory of the `@sluice/cli` package this module belongs to. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === '@sluice/cli') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('workflow init: cannot find the @sluice/cli package directory');
    dir = parent;
  }
}

/**
 * The templates of this CLI. An installed CLI reads the copies its build put in `templates/` (with the tool
 * versions in `templates/tools.json`); running from this repository's sources, it reads `examples/` itself.
 */
export function templateSource(): TemplateSource {
  const root = packageRoot();
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const bundled = path.join(root, 'templates');
  const runningFromSource = fileURLToPath(import.meta.url).endsWith('.ts');
  if (!runningFromSource && fs.existsSync(path.join(bundled, TOOLS_FILE))) {
    const { tools, pnpm } = JSON.parse(fs.readFileSync(path.join(bundled, TOOLS_FILE), 'utf8')) as {
      tools: Record<string, string>;
      pnpm: string;
    };
    return { dir: bundled, version, tools, pnpm };
  }
  const repo = path.resolve(root, '..', '..');
  const examples = path.join(repo, 'examples');
  if (!fs.existsSync(examples)) {
    throw new Error(`workflow init: no templates in ${bundled}: this @sluice/cli was built without them`);
  }
  return { dir: examples, version, ...repositoryTools(repo) };
}

/** The tool versions of the repository at `repo`: its root devDependencies and its pnpm pin. */
export function repositoryTools(repo: string): { tools: Record<string, string>; pnpm: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
    packageManager?: string;
  };
  const tools = Object.fromEntries(
    Object.entries(manifest.devDependencies ?? {}).filter(([, v]) => !v.startsWith('workspace:')),
  );
  return { tools, pnpm: (manifest.packageManager ?? 'pnpm@12.4.2').replace(/^pnpm@/, '') };
}

/** Every template in `source`, by name. */
export function listTemplates(source: TemplateSource): TemplateInfo[] {
  return fs
    .readdirSync(source.dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(source.dir, e.name, 'template.json')))
    .map((e) => readTemplate(path.join(source.dir, e.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function readTemplate(dir: string): TemplateInfo {
  const file = path.join(dir, 'template.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TemplateInfo>;
  if (typeof raw.description !== 'string' || raw.description === '') {
    throw new Error(`${file}: "description" must be a one-line string`);
  }
  return {
    name: path.basename(dir),
    description: raw.description,
    entry: raw.entry ?? 'pipeline.ts',
    run: raw.run ?? [],
    exclude: raw.exclude ?? [],
    dir,
  };
}

/**
 * The files of a template as `relative path → content`: every file of its example except installs, builds, local
 * runs and what its `template.json` excludes (the repository's golden tests, integration tests, scripts).
 */
export function templateFiles(template: TemplateInfo): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const excluded = (rel: string) =>
    ALWAYS_EXCLUDED.has(rel.split('/')[0] ?? '') ||
    template.exclude.some((e) => rel === e || rel.startsWith(`${e.replace(/\/$/, '')}/`));
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (excluded(rel) || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, rel);
      else if (entry.isFile()) files.set(rel, fs.readFileSync(full));
    }
  };
  walk(template.dir, '');
  return files;
}
