import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { type CommandIO, defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { localRunCommand, projectFiles, SLUICE_PACKAGES } from '../init/project-files.js';
import { projectNameProblem, suggestProjectName } from '../init/project-name.js';
import { listTemplates, type TemplateInfo, templateFiles, templateSource } from '../init/templates.js';
import { directoryEntries, writeProject } from '../init/write-project.js';

const DEFAULT_TEMPLATE = 'minimal';

/** `workflow init`: a new project from one of the example templates. */
export default defineCommand({
  name: 'init',
  summary: 'start a new project from an example template (--list shows them)',
  usage: 'workflow init [dir] [--template <name>] [--name <name>] [--packages <dir>] [--force] | workflow init --list',
  description: `
Creates a project in <dir> from a template: the examples of Sluice are the templates, so the project starts from
code that is tested. It gets its pipeline, stages and stage tests, a package.json depending on the @sluice packages
at this CLI's version, tsconfig.json, vitest.config.ts, pnpm-workspace.yaml (the builds pnpm must allow), a README
with its commands, a Dockerfile for the stage image and a CI workflow (.github/workflows/ci.yml). Nothing is
installed: run the two commands the README and this command print.

The project's name (its package name and the name of its Kubernetes objects) is the directory's name unless
--name is given; it must be a valid Kubernetes name. A directory that exists and is not empty is refused unless
--force. On a terminal, init asks for what was not given; elsewhere it uses the defaults and asks nothing.

  --template: the template to start from (default: ${DEFAULT_TEMPLATE}); --list shows them
  --list: list the templates, one line each, and exit
  --name: the project's name, when it should not be the directory's name
  --packages: a folder of @sluice tarballs (from pnpm pack:all) to depend on instead of the published packages;
    they are copied into the project's vendor/ (so its Dockerfile can build) and linked from there
  --force: write into a directory that is not empty, replacing the files the template has
`,
  examples: [
    'workflow init --list',
    'workflow init my-pipeline --template minimal',
    'workflow init etl --template customer-features',
    'workflow init demo --template dag --packages ../sluice/packs',
  ],
  options: {
    template: { type: 'string', short: 't' },
    list: { type: 'boolean' },
    name: { type: 'string' },
    packages: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const source = templateSource();
    const templates = listTemplates(source);
    if (values.list) {
      const width = Math.max(...templates.map((t) => t.name.length)) + 2;
      for (const t of templates) io.stdout.write(`${t.name.padEnd(width)}${t.description}\n`);
      return ExitCode.Ok;
    }
    if (positionals.length > 1) throw new UsageError(`give one directory, not ${positionals.length}`);
    const ask = io.stdin?.isTTY === true ? prompter(io) : undefined;
    try {
      let dirArg = positionals[0];
      if (dirArg === undefined) {
        if (ask === undefined)
          throw new UsageError('give the directory of the new project, e.g. workflow init my-pipeline');
        dirArg = await ask.question('Directory of the new project', 'my-pipeline');
      }
      const dir = path.resolve(io.cwd, dirArg);
      const name = values.name ?? path.basename(dir);
      const nameProblem = projectNameProblem(name);
      if (nameProblem !== undefined) {
        const hint = values.name === undefined ? `the directory's name is the project's name: ` : '';
        throw new UsageError(`${hint}${nameProblem}; e.g. --name ${suggestProjectName(name)}`);
      }
      let templateName = values.template;
      if (templateName === undefined && ask !== undefined) {
        io.stdout.write(`Templates:\n${templates.map((t) => `  ${t.name} — ${t.description}\n`).join('')}`);
        templateName = await ask.question('Template', DEFAULT_TEMPLATE);
      }
      const template = findTemplate(templates, templateName ?? DEFAULT_TEMPLATE);
      const existing = await directoryEntries(dir);
      if (existing !== undefined && existing.length > 0 && !values.force) {
        throw new UsageError(
          `${relativeOrAbsolute(io.cwd, dir)} is not empty (${existing.length} entries): choose another directory, or --force to write the template's files into it`,
        );
      }
      const packages =
        values.packages === undefined ? undefined : tarballs(path.resolve(io.cwd, values.packages), source.version);
      const files = projectFiles({
        name,
        template,
        files: templateFiles(template),
        source,
        ...(packages ? { packages } : {}),
      });
      await writeProject(dir, files);
      const shown = relativeOrAbsolute(io.cwd, dir);
      io.stdout.write(
        [
          `Created ${name} in ${shown} from the ${template.name} template (${files.size} files). Next:`,
          '',
          `  cd ${shown}`,
          `  pnpm install && ${localRunCommand(template)}`,
          '  pnpm test',
          '',
        ].join('\n'),
      );
      return ExitCode.Ok;
    } finally {
      ask?.close();
    }
  },
});

function findTemplate(templates: readonly TemplateInfo[], name: string): TemplateInfo {
  const found = templates.find((t) => t.name === name);
  if (found === undefined) {
    throw new UsageError(
      `--template: no template "${name}"; the templates are ${templates.map((t) => t.name).join(', ')} (workflow init --list)`,
    );
  }
  return found;
}

/** The tarball of every @sluice package at `version` in `dir`: its file name by package, and its bytes. */
function tarballs(dir: string, version: string) {
  if (!fs.existsSync(dir)) throw new UsageError(`--packages: no such folder ${dir}; make it with pnpm pack:all`);
  const present = new Set(fs.readdirSync(dir));
  const files: Record<string, string> = {};
  const missing: string[] = [];
  for (const pkg of SLUICE_PACKAGES) {
    const file = `sluice-${pkg}-${version}.tgz`;
    if (present.has(file)) files[pkg] = file;
    else missing.push(file);
  }
  if (missing.length > 0) {
    throw new UsageError(
      `--packages: ${dir} lacks ${missing.join(', ')} (this CLI is ${version}); make them with pnpm pack:all`,
    );
  }
  const content = new Map(Object.values(files).map((file) => [file, fs.readFileSync(path.join(dir, file))]));
  return { files, tarballs: content };
}

function relativeOrAbsolute(cwd: string, dir: string): string {
  const rel = path.relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
}

/** Questions on the terminal, each with a default taken on an empty answer (or when input ends). */
function prompter(io: CommandIO) {
  const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async question(text: string, fallback: string): Promise<string> {
      io.stdout.write(`${text} (${fallback}): `);
      const next = await lines.next();
      const answer = next.done === true ? '' : String(next.value).trim();
      return answer === '' ? fallback : answer;
    },
    close: () => rl.close(),
  };
}
