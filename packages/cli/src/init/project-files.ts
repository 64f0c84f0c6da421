import { renameTemplate } from './rename.js';
import type { TemplateInfo, TemplateSource } from './templates.js';

/** The public packages, released together at one version; a project depends on some and resolves all of them. */
export const SLUICE_PACKAGES = ['argo-types', 'sdk', 'runtime', 'data', 'local', 'client', 'cli'] as const;

/** What `workflow init` makes a project from. */
export interface ProjectOptions {
  /** The project's name: its package name and the name of its Kubernetes objects. */
  readonly name: string;
  readonly template: TemplateInfo;
  /** The template's files (see `templateFiles`). */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly source: TemplateSource;
  /**
   * The `@sluice/*` tarballs (from `pnpm pack:all`) to depend on instead of the published packages: the file name
   * of each tarball by package, and each tarball's bytes by file name. The project gets them in `vendor/`, inside
   * its own folder, so that its Dockerfile's build context holds them.
   */
  readonly packages?: {
    readonly files: Readonly<Record<string, string>>;
    readonly tarballs: ReadonlyMap<string, Buffer>;
  };
}

/** Files whose text is the template's and gets the project's name; anything else is copied byte for byte. */
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|json|md|ya?ml|txt|sql)$|(^|\/)(Dockerfile|\.dockerignore|\.gitignore)$/;
/** The example's own repository plumbing, which a project gets in its stand-alone form instead. */
const REPLACED = new Set([
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
  'README.md',
  'Dockerfile',
  '.dockerignore',
]);

/** Every file of the new project, by relative path. */
export function projectFiles(options: ProjectOptions): Map<string, string | Buffer> {
  const { name, template } = options;
  const out = new Map<string, string | Buffer>();
  for (const [rel, content] of options.files) {
    if (REPLACED.has(rel)) continue;
    out.set(rel, TEXT.test(rel) ? renameTemplate(content.toString('utf8'), template.name, name) : content);
  }
  const manifest = packageJson(options);
  out.set('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  out.set('tsconfig.json', tsconfig(options));
  out.set('vitest.config.ts', VITEST_CONFIG);
  out.set('pnpm-workspace.yaml', pnpmWorkspace(options));
  out.set('README.md', readme(options));
  out.set('Dockerfile', dockerfile(options));
  out.set('.dockerignore', 'node_modules\ndist\ndeploy\n.sluice\n.git\n');
  out.set('.gitignore', 'node_modules/\ndist/\n.sluice/\n');
  out.set('.github/workflows/ci.yml', ciWorkflow(options));
  for (const [file, content] of options.packages?.tarballs ?? []) out.set(`${VENDOR}/${file}`, content);
  return out;
}

interface Manifest {
  name?: string;
  description?: string;
  engines?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function exampleManifest(options: ProjectOptions): Manifest {
  const raw = options.files.get('package.json');
  if (raw === undefined) throw new Error(`template ${options.template.name}: no package.json`);
  return JSON.parse(raw.toString('utf8')) as Manifest;
}

/** The project's folder of `@sluice/*` tarballs (with `--packages`), linked relatively so a build context has them. */
export const VENDOR = 'vendor';

/** The version range of `@sluice/<pkg>`: the CLI's own version, or the tarball when `--packages` is given. */
function sluiceRange(options: ProjectOptions, pkg: string): string {
  if (options.packages === undefined) return options.source.version;
  const file = options.packages.files[pkg];
  if (file === undefined) throw new Error(`--packages: no tarball of @sluice/${pkg}`);
  return `file:${VENDOR}/${file}`;
}

/** `workspace:*` in the example becomes the released version (or the tarball); everything else stays pinned. */
function resolveRanges(options: ProjectOptions, deps: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [dep, range] of Object.entries(deps ?? {})) {
    const sluice = /^@sluice\/(.+)$/.exec(dep);
    out[dep] = sluice?.[1] !== undefined && range.startsWith('workspace:') ? sluiceRange(options, sluice[1]) : range;
  }
  return out;
}

/** Bare packages imported by the template's TypeScript (its tests import some the repository root provides). */
function importedPackages(files: ReadonlyMap<string, Buffer>): Set<string> {
  const found = new Set<string>();
  for (const [rel, content] of files) {
    if (!/\.(ts|mts|cts)$/.test(rel)) continue;
    for (const m of content.toString('utf8').matchAll(/\bfrom\s+['"]([^'".][^'"]*)['"]/g)) {
      const spec = m[1] ?? '';
      if (spec.startsWith('node:')) continue;
      const parts = spec.split('/');
      found.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
    }
  }
  return found;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function packageJson(options: ProjectOptions): Record<string, unknown> {
  const example = exampleManifest(options);
  const { name, template, source } = options;
  const excludedPaths = template.exclude.map((e) => e.replace(/\/$/, ''));
  const scripts: Record<string, string> = {};
  for (const [script, command] of Object.entries(example.scripts ?? {})) {
    // A script that works on what the project does not get (golden files, the repository's scripts) is dropped.
    if (!excludedPaths.some((e) => command.includes(e))) scripts[script] = command;
  }
  scripts.lint = `workflow lint ${template.entry}`;
  scripts.compile = `workflow compile ${template.entry} --out deploy/`;
  scripts.local = ['workflow run', template.entry, '--local', ...template.run].join(' ');
  const dependencies = resolveRanges(options, example.dependencies);
  const devDependencies = resolveRanges(options, example.devDependencies);
  for (const dep of Object.keys(dependencies)) delete devDependencies[dep];
  devDependencies['@sluice/cli'] = sluiceRange(options, 'cli');
  const tool = (dep: string) => {
    const version = source.tools[dep];
    if (version === undefined) throw new Error(`template ${template.name}: no pinned version of ${dep} to give it`);
    return version;
  };
  for (const dep of ['typescript', 'vitest', '@types/node', 'tsx']) devDependencies[dep] ??= tool(dep);
  for (const dep of importedPackages(options.files)) {
    if (dep in dependencies || dep in devDependencies) continue;
    const sluice = /^@sluice\/(.+)$/.exec(dep);
    devDependencies[dep] = sluice?.[1] !== undefined ? sluiceRange(options, sluice[1]) : tool(dep);
  }
  const manifest: Record<string, unknown> = {
    name,
    version: '0.1.0',
    private: true,
    description: renameTemplate(example.description ?? template.description, template.name, name),
    type: 'module',
    packageManager: `pnpm@${source.pnpm}`,
    engines: example.engines ?? { node: '>=20.19' },
    scripts,
    dependencies: sortKeys(dependencies),
    devDependencies: sortKeys(devDependencies),
  };
  if (options.packages !== undefined) {
    // npm: make every @sluice package (also those the packages depend on) come from the tarballs.
    manifest.overrides = Object.fromEntries(SLUICE_PACKAGES.map((p) => [`@sluice/${p}`, sluiceRange(options, p)]));
  }
  return manifest;
}

function tsconfig(options: ProjectOptions): string {
  const raw = options.files.get('tsconfig.json');
  const include = raw === undefined ? undefined : (JSON.parse(raw.toString('utf8')) as { include?: string[] }).include;
  const present = (include ?? ['*.ts', 'stages', 'src', 'test']).filter(
    (p) => p.includes('*') || [...options.files.keys()].some((f) => f === p || f.startsWith(`${p}/`)),
  );
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      esModuleInterop: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      resolveJsonModule: true,
      allowImportingTsExtensions: true,
      noEmit: true,
    },
    include: [...new Set([...present, 'vitest.config.ts'])],
    exclude: ['node_modules', 'dist'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

// The import line is assembled so the built CLI holds no `from 'vitest/config'` text, which the packed-package
// check would read as the CLI importing vitest at run time.
const VITEST_CONFIG = `import { defineConfig } ${'from'} 'vitest/config';

/** The project's tests: its stages on small data and the shape of what the pipeline compiles to. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/integration/**', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
`;

function pnpmWorkspace(options: ProjectOptions): string {
  const lines = [
    '# pnpm settings of this project (one package, no workspace members).',
    '# esbuild (used by tsx and tsup) installs its binary in a build script, which pnpm runs only when allowed.',
    'allowBuilds:',
    '  esbuild: true',
  ];
  if (options.packages !== undefined) {
    lines.push(
      '# Until the @sluice packages are published: every one of them, also those they depend on, from the tarballs.',
      'overrides:',
      ...SLUICE_PACKAGES.map((p) => `  '@sluice/${p}': '${sluiceRange(options, p)}'`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The command line that runs the project on a laptop, as the README and `pnpm local` give it. */
export function localRunCommand(template: TemplateInfo): string {
  return ['pnpm exec workflow run', template.entry, '--local', ...template.run].join(' ');
}

function readme(options: ProjectOptions): string {
  const { name, template, source } = options;
  const tarballs =
    options.packages === undefined
      ? ''
      : `\nThe \`@sluice/*\` packages come from the tarballs in \`${VENDOR}/\` (\`pnpm-workspace.yaml\` and
\`package.json\` point every one of them there; the \`Dockerfile\` copies them into the image's build). Once they
are published, put \`${source.version}\` back as their version, delete the \`overrides\` and \`${VENDOR}/\`.\n`;
  return `# ${name}

${renameTemplate(template.description, template.name, name)}. Made with \`workflow init --template ${template.name}\`
(Sluice ${source.version}): pipeline-as-code for Argo Workflows.

Install and run it on this machine (Node 20.19 or later), then run its tests:

\`\`\`sh
npm i -g pnpm@${source.pnpm} && pnpm install && ${localRunCommand(template)}
pnpm test
\`\`\`

The run prints where its directory and HTML report are (\`.sluice/runs/<run>\`).
${tarballs}
## Ship it

\`\`\`sh
pnpm exec workflow lint ${template.entry}                     # Argo's validator rules and the policies
pnpm exec workflow compile ${template.entry} --out deploy/    # the manifests, as a Kustomize base with overlays
docker build -t registry.example.com/data/${name}:0.1.0 .     # the stage image (see Dockerfile)
\`\`\`

Commit \`pnpm-lock.yaml\` after the first install: the \`Dockerfile\` and \`.github/workflows/ci.yml\` install with
\`--frozen-lockfile\`. Set the image in \`${template.entry}\` to where you push it.

| path | what it is |
| --- | --- |
| \`${template.entry}\` | the workflow: what \`workflow lint\`, \`compile\`, \`run --local\` and \`submit\` read |
| \`stages/\` | one file per stage, run by the \`@sluice/runtime\` (locally with tsx, built to \`dist/stages/\` in the image) |
| \`test/\` | the stage tests (\`pnpm test\`) |
| \`Dockerfile\` | the stage image: built stages and production dependencies only, non-root |
| \`.github/workflows/ci.yml\` | CI: install, typecheck, test, lint and compile |
`;
}

function dockerfile(options: ProjectOptions): string {
  const { name, source } = options;
  // The tarballs of --packages are dependencies: they must be in the image before the first install.
  const vendor = options.packages === undefined ? '' : `\nCOPY ${VENDOR}/ ./${VENDOR}/`;
  return `# syntax=docker/dockerfile:1
# The stage image of ${name}: the stages built in one stage, only what runs them shipped in the last.
# docker build -t registry.example.com/data/${name}:0.1.0 .

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
RUN npm i -g pnpm@${source.pnpm}
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./${vendor}
RUN pnpm install --frozen-lockfile
COPY . .
# Build, then keep only the production dependencies (from pnpm's store: no second download).
RUN pnpm run build && rm -rf node_modules && pnpm install --frozen-lockfile --prod

FROM node:20.20-bookworm-slim
ARG GIT_SHA=unknown
ENV NODE_ENV=production GIT_SHA=\${GIT_SHA}
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The compiled templates run \`node --import @sluice/runtime/start-guard /app/dist/stages/<stage>.js --param …\`
# from /app as uid 10001 with a read-only root filesystem; scratch space, outputs and checkpoints are volumes mounted
# by the workflow. The guard makes a stage that cannot load exit 2 (never retried) instead of 1.
USER 10001
ENTRYPOINT ["node"]
`;
}

function ciWorkflow(options: ProjectOptions): string {
  const { template, source } = options;
  return `# CI of this project: install, typecheck, test, lint and compile on every push and pull request.
name: ci
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-24.04
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: '20.20'
      - run: npm i -g pnpm@${source.pnpm}
      - run: pnpm install --frozen-lockfile
      - run: pnpm run typecheck
      - run: pnpm test
      - run: pnpm exec workflow lint ${template.entry}
      - run: pnpm exec workflow compile ${template.entry} --out deploy/
`;
}
