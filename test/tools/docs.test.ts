import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { type ContractServer, startContractServer } from '../../packages/client/test/support/contract-server.js';
import { blocksOf, commandsOf, type DocBlock, docPages, isShell, isShellSetup, isTypeScript } from './docs-blocks.js';

/**
 * Every code block of the README and docs/*.md works as written:
 * - each TypeScript block is type-checked (one program, the repository's compiler options) as a file of the folder
 *   its `<!-- docs-test: in DIR -->` names (the repository root by default), or with the block before it
 *   (`continue`); docs/sdk.md's examples are checked by packages/sdk/test/docs.test.ts, docs/index.md's pipeline is
 *   also compared with examples/minimal/pipeline.ts, and a `<!-- docs-test: skip REASON -->` block is not checked;
 * - each shell command is run from the built CLI, in a temporary copy of the block's folder, against the contract
 *   server (a fake Argo Server on loopback built from Argo's swagger.json; no real cluster exists here), unless
 *   {@link COMMANDS} says why it cannot run here. A command that is in neither state fails the test, so a new one
 *   cannot slip by.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repo, 'packages/cli/bin/workflow.js');
const fixtures = path.join(import.meta.dirname, 'docs-fixtures');
const blocks = docPages(repo).flatMap((doc) => blocksOf(repo, doc));
const where = (b: DocBlock) => `${b.doc}:${b.line}`;
/** The token the contract server requires; the docs' `$TOKEN` and `$ARGO_CI_TOKEN` hold it. */
const TOKEN = 'docs-test-token';
const DATE = '2026-06-17';

/** The outcome of one command. */
interface Result {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Where a shell block runs: a temporary folder, the contract server, and the shell state its lines set. */
interface Session {
  /** The temporary folder the block started in. */
  readonly root: string;
  cwd: string;
  readonly setup: string[];
  readonly server: ContractServer;
  /** Runs a command as the docs would, in this session. */
  run(command: string): Promise<Result>;
}

/** A command that runs here: its exit code (0 unless given), what it prints, and what must happen before it. */
interface Run {
  readonly code?: number;
  /** What runs in place of a command that needs a tool missing here, and why. */
  readonly runs?: { readonly command: string; readonly why: string };
  readonly before?: (session: Session) => Promise<void>;
  readonly check?: (result: Result, session: Session) => void;
}

/** A command that cannot run here, why, and what the test does in its place so the block's next lines can run. */
interface Skip {
  readonly skip: string;
  readonly instead?: (session: Session) => void;
}

/** A label that makes the contract server fail the workflow that carries it. */
const FAIL_LABEL = 'docs-test/fail';
/** The name of the run the `workflow list --status Failed` entry must list. */
let failedName = '';
/** How many requests the server had seen before a command that must send none. */
let requestsBefore = 0;
const compileDeploy = async (s: Session) => {
  expect((await s.run('workflow compile pipeline.ts --out deploy/')).code).toBe(0);
};
const submitCustomerFeatures = async (s: Session) => {
  expect((await s.run(`workflow submit pipeline.ts -p execution-date=${DATE} --wait`)).code).toBe(0);
};
const linkModulesOf = (example: string) => (s: Session) => {
  fs.symlinkSync(path.join(repo, 'examples', example, 'node_modules'), path.join(s.cwd, 'node_modules'));
};
const ranToSuccess = (r: Result) => expect(r.out).toMatch(/^run \S+ Succeeded$/m);
const read = (s: Session, file: string) => fs.readFileSync(path.join(s.cwd, file), 'utf8');
const clean = (r: Result) => expect(r.out).toMatch(/no linting errors found/);
const templateList = (r: Result) => {
  for (const t of ['customer-features', 'dag', 'minimal']) expect(r.out).toMatch(new RegExp(`^${t} +\\S`, 'm'));
};
const initialised = (_r: Result, s: Session) => {
  for (const f of ['package.json', 'pipeline.ts', 'tsconfig.json', 'Dockerfile', 'README.md']) {
    expect(fs.existsSync(path.join(s.cwd, 'my-pipeline', f)), f).toBe(true);
  }
};
const submittedToday = (r: Result, s: Session) => {
  const today = new Date().toISOString().slice(0, 10);
  expect(r.out).toBe(`customer-features-${today}\ncustomer-features-${today} Succeeded\n`);
  expect([...s.server.state.workflows.keys()]).toEqual([`ml-data-pipelines/customer-features-${today}`]);
};
const PUBLISHED =
  'installs the published @sluice/* packages, which are not published yet (pnpm test:packaging installs the tarballs)';

/**
 * Every shell command of the docs, exactly as written (whitespace collapsed, comments removed, `a && b` split),
 * and how it is checked. `pnpm exec workflow`, `pnpm dlx @sluice/cli` and `workflow` all run the built CLI.
 */
const COMMANDS: Record<string, Run | Skip> = {
  // README: set-up
  'npm i -g pnpm@12.4.2': { skip: 'installs pnpm globally on the machine' },
  'pnpm install': {
    skip: `${PUBLISHED}; in this repository it is the set-up this test runs after`,
    instead: (s) => {
      if (fs.existsSync(path.join(s.cwd, 'pipeline.ts'))) linkModulesOf('minimal')(s);
    },
  },
  'pnpm demo': {
    skip: 'rebuilds every package first (minutes); its run is `workflow run pipeline.ts --local` of examples/customer-features, which README.md’s next block runs',
  },
  'pnpm test': {
    skip: 'in the repository: the whole suite, of which this test is a part; in a project made by init: pnpm runs the install of the published packages first (pnpm test:packaging runs each template’s tests from the tarballs)',
  },
  // README: a taste, in examples/customer-features
  [`pnpm exec workflow run pipeline.ts --local -p execution-date=${DATE}`]: { check: ranToSuccess },
  'pnpm exec workflow lint pipeline.ts': { check: (r) => expect(r.out).toMatch(/no linting errors found/) },
  'pnpm exec workflow compile pipeline.ts --out deploy/': {
    check: (_r, s) => {
      for (const dir of ['base', 'overlays/staging', 'overlays/production']) {
        expect(fs.existsSync(path.join(s.cwd, 'deploy', dir, 'kustomization.yaml'))).toBe(true);
      }
    },
  },
  'pnpm exec workflow build pipeline.ts': {
    skip: 'builds and tags a container image with podman or docker (minutes); pnpm test:containers builds this pipeline’s image (with --generate) and runs its stages in it',
  },
  [`pnpm exec workflow run pipeline.ts --local --engine podman -p execution-date=${DATE}`]: {
    skip: 'runs each stage in the image `workflow build` makes; pnpm test:containers runs it',
  },
  [`ARGO_SERVER=argo.example.com:2746 ARGO_TOKEN="Bearer $TOKEN" pnpm exec workflow submit pipeline.ts -p execution-date=${DATE} --wait`]:
    {
      check: (r, s) => {
        expect(r.err).toContain('workflowtemplate/customer-features created');
        expect(r.out).toMatch(new RegExp(`customer-features-${DATE} Succeeded\\n$`));
        expect([...s.server.state.workflows.keys()]).toEqual([`ml-data-pipelines/customer-features-${DATE}`]);
      },
    },
  // README and cli.md: a project from a template
  'pnpm exec workflow init --list': { check: templateList },
  'workflow init --list': { check: templateList },
  'pnpm dlx @sluice/cli init --list': { check: templateList },
  'pnpm exec workflow init my-pipeline --template minimal': { check: initialised },
  'workflow init my-pipeline --template minimal': { check: initialised },
  'pnpm dlx @sluice/cli init my-pipeline --template minimal': { check: initialised },
  // README and client.md: submitting from CI, in examples/customer-features
  'pnpm exec workflow submit pipeline.ts -p execution-date="$(date -u +%F)" --name "customer-features-$(date -u +%F)" --wait --timeout 2h -o name':
    { check: submittedToday },
  'workflow submit pipeline.ts -p execution-date="$date" --name "customer-features-$date" --wait --timeout 2h -o name':
    { check: submittedToday },
  // cli.md: compile, lint, graph
  'workflow compile pipeline.ts': {
    check: (r) => {
      expect(r.out).toMatch(/^kind: WorkflowTemplate$/m);
      expect(r.out).toMatch(/^kind: CronWorkflow$/m);
    },
  },
  'workflow compile pipeline.ts --output-file dist/pipeline.yaml': {
    check: (_r, s) => expect(read(s, 'dist/pipeline.yaml')).toMatch(/^kind: WorkflowTemplate$/m),
  },
  'workflow compile workflows/ -o json --output-file dist/': {
    check: (_r, s) => {
      const files = fs.readdirSync(path.join(s.cwd, 'dist')).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(() => JSON.parse(read(s, `dist/${f}`))).not.toThrow();
    },
  },
  'workflow lint workflows/': { check: clean },
  'workflow lint pipeline.ts shared-templates.yaml -o simple': { check: (r) => expect(r.err).not.toMatch(/error/i) },
  'workflow lint deploy/ --kinds workflowtemplates,cronworkflows -o json': {
    before: compileDeploy,
    check: (r) => expect(() => JSON.parse(r.out)).not.toThrow(),
  },
  'workflow lint workflows/ --policy': { check: clean },
  'workflow lint deploy/ --config ci/sluice.config.ts': { before: compileDeploy, check: clean },
  'workflow lint workflows/ --argo-version 3.7': { check: clean },
  'workflow graph pipeline.ts': { check: (r) => expect(r.out).toMatch(/^flowchart TD\n/) },
  'workflow graph dag-diamond.yaml -o dot | dot -Tsvg > diamond.svg': {
    runs: {
      command: 'workflow graph dag-diamond.yaml -o dot',
      why: 'Graphviz’s dot is not installed here: the DOT text it would read is checked instead',
    },
    check: (r) => {
      expect(r.out).toMatch(/^digraph workflow \{/);
      for (const edge of ['A', 'B', 'C']) expect(r.out).toContain(`"${edge}"`);
    },
  },
  // cli.md: import
  'workflow import dag-diamond.yaml --out imported/': {
    check: (r, s) => {
      expect(r.err).toMatch(/^dag-diamond\.yaml → imported\/dag-diamond\.ts: 1 document; /m);
      expect(read(s, 'imported/dag-diamond.ts')).toMatch(/^export default workflow\(/m);
    },
  },
  'workflow compile imported/dag-diamond.ts': {
    check: (r, s) => expect(YAML.parse(r.out)).toEqual(YAML.parse(read(s, 'dag-diamond.yaml'))),
  },
  // cli.md: images
  'pnpm exec workflow build pipeline.ts --generate --base localhost/node-base:20.20 --engine podman': {
    skip: 'builds a container image with podman from a local base image; pnpm test:containers builds it',
  },
  // client.md: the commands of a submitted workflow, in examples/customer-features
  'workflow submit workflows/hello.yaml --watch': {
    check: (r) => expect(r.out).toMatch(/^hello-\w+: Succeeded/m),
  },
  [`workflow watch customer-features-${DATE}`]: {
    before: submitCustomerFeatures,
    check: (r) => expect(r.out).toContain(`customer-features-${DATE}`),
  },
  [`workflow submit --from workflowtemplate/customer-features -p execution-date=${DATE}`]: {
    check: (r) => {
      expect(r.out).toMatch(/^Name: +customer-features-\w+$/m);
      expect(r.out).toMatch(new RegExp(`^ +execution-date: ${DATE}$`, 'm'));
    },
  },
  'workflow submit --from cronworkflow/nightly-features': {
    before: async (s) => {
      expect((await s.run('workflow cron apply crons/nightly-features.yaml')).code).toBe(0);
    },
    check: (r) => expect(r.out).toMatch(/nightly-features-\w+/),
  },
  'workflow submit wf.yaml --server-dry-run -o yaml': {
    check: (r, s) => {
      expect(r.out).toMatch(/^kind: Workflow$/m);
      expect(s.server.requests.at(-1)?.body).toMatchObject({ serverDryRun: true });
    },
  },
  'workflow submit wf.yaml --dry-run': {
    before: async (s) => {
      requestsBefore = s.server.requests.length;
    },
    check: (r, s) => {
      expect(r.out).toMatch(/^kind: Workflow$/m);
      expect(s.server.requests.slice(requestsBefore)).toEqual([]);
    },
  },
  [`workflow logs customer-features-${DATE} -f --grep ERROR`]: {
    check: (r) => {
      for (const line of r.out.split('\n').filter((l) => l !== '')) expect(line).toContain('ERROR');
    },
  },
  [`workflow wait customer-features-${DATE} --timeout 30m`]: {
    check: (r) => expect(r.out).toContain('Succeeded'),
  },
  'workflow list -l app=customer-features --status Failed,Error --since 24h': {
    before: async (s) => {
      const failed = await s.run(
        `workflow submit workflows/hello.yaml --labels app=customer-features,${FAIL_LABEL}=yes --wait -o name`,
      );
      expect(failed.code).toBe(1);
      failedName = failed.out.split('\n')[0] ?? '';
    },
    // Only the failed one: the session's other runs succeeded.
    check: (r) => {
      expect(failedName).toMatch(/^hello-\w+$/);
      expect(r.out).toContain(failedName);
      expect(r.out).not.toMatch(/customer-features-/);
    },
  },
  'workflow template apply templates/*.yaml': {
    check: (r) => expect(r.out + r.err).toMatch(/etl-templates/),
  },
  'workflow cron suspend nightly-features': {
    check: (_r, s) => expect(JSON.stringify([...s.server.state.crons.values()])).toContain('"suspend":true'),
  },
  // index.md: a newcomer's project, made by init in the block before
  [`pnpm exec workflow run pipeline.ts --local -p execution-date=${DATE} -p lake-root=.sluice/lake -p store-root=.sluice/store`]:
    { check: ranToSuccess },
  'docker build -t registry.example.com/data/my-pipeline:0.1.0 .': {
    skip: 'builds a container image from the installed published packages, which are not published yet; pnpm test:packaging builds each template’s stages',
  },
  [`pnpm exec workflow submit pipeline.ts -p execution-date=${DATE} --wait`]: {
    check: (r) => expect(r.out).toMatch(new RegExp(`my-pipeline-${DATE} Succeeded\\n$`)),
  },
  // lint.md, from the repository root
  'workflow lint examples/customer-features/pipeline.ts': { check: clean },
  'workflow compile examples/customer-features/pipeline.ts --out deploy/': {
    check: (_r, s) => expect(fs.existsSync(path.join(s.cwd, 'deploy/base/kustomization.yaml'))).toBe(true),
  },
  'workflow lint deploy/': { check: clean },
  'workflow lint workflows/hand-written.yaml --policy': { check: clean },
  // local.md, in examples/minimal
  [`workflow run pipeline.ts --local -p execution-date=${DATE}`]: { check: ranToSuccess },
  'workflow run etl.yaml templates.yaml --local --max-parallel 4': { check: ranToSuccess },
  "workflow run etl.yaml --local --map-image ghcr.io/acme/tools:1.4.2='python3 tools/main.py'": {
    check: (r, s) => {
      ranToSuccess(r);
      const logs = fs.readdirSync(path.join(s.cwd, '.sluice/runs'), { recursive: true, encoding: 'utf8' });
      const ran = logs.filter((f) => f.endsWith('.log')).map((f) => read(s, path.join('.sluice/runs', f)));
      expect(ran.join('')).toContain('tools/main.py ran');
    },
  },
  'workflow run --local --resume etl-x7k2p': {
    before: async (s) => {
      const named = read(s, 'etl.yaml').replace('generateName: etl-', 'name: etl-x7k2p');
      fs.writeFileSync(path.join(s.cwd, 'etl-x7k2p.yaml'), named);
      expect((await s.run('workflow run etl-x7k2p.yaml templates.yaml --local')).code).toBe(0);
    },
    check: (r) => expect(r.out).toMatch(/^run etl-x7k2p Succeeded$/m),
  },
  // runtime.md
  'SLUICE_OUTPUTS_DIR=.sluice/out SLUICE_SECRETS_DIR=.sluice/secrets node --import tsx stages/build-features.ts --param raw-path=.sluice/lake/raw --param feature-root=.sluice/features --param execution-date=2026-06-17':
    {
      skip: 'runs the stage of docs/runtime.md’s first block, whose helpers (listFiles, transform, publish) are the reader’s own; packages/runtime/test runs stages this way',
    },
  'echo $?': { skip: 'prints the exit code of the command before it, which is skipped above' },
};

/** Runs one command line in a session, through bash, with `workflow` on the PATH as the built CLI. */
function runInSession(session: Omit<Session, 'run'>, bin: string, command: string): Promise<Result> {
  const script = [...session.setup, cliCommand(command)].join('\n');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ARGO_')) env[key] = value;
  Object.assign(env, {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    TOKEN,
    ARGO_CI_TOKEN: TOKEN,
    DOCS_TEST_ARGO_SERVER: session.server.hostPort,
    SLUICE_RETRY_BASE_MS: '1',
    NO_COLOR: '1',
  });
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: session.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out, err }));
  });
}

/** The command with the docs' ways of starting the CLI replaced by `workflow`. */
function cliCommand(command: string): string {
  return command.replace(/\bpnpm exec workflow\b/g, 'workflow').replace(/\bpnpm dlx @sluice\/cli\b/g, 'workflow');
}

/**
 * A folder on the PATH holding `workflow`: the built CLI, pointed at the contract server whatever ARGO_SERVER the
 * docs set (they name an example host), over plain HTTP.
 */
function cliShim(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-docs-bin-'));
  fs.writeFileSync(
    path.join(bin, 'workflow'),
    `#!/bin/sh\nARGO_SERVER="$DOCS_TEST_ARGO_SERVER" ARGO_SECURE=false exec node ${JSON.stringify(cli)} "$@"\n`,
    { mode: 0o755 },
  );
  return bin;
}

/** A temporary copy of a folder of the repository (`.`: a folder whose `examples/` is the repository's). */
function workspace(dir: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-docs-'));
  if (dir === '.') {
    fs.symlinkSync(path.join(repo, 'examples'), path.join(root, 'examples'));
  } else {
    const source = path.join(repo, dir);
    const skipped = new Set(['node_modules', 'dist', '.sluice', '.turbo', 'deploy']);
    fs.cpSync(source, root, {
      recursive: true,
      filter: (f) => f === source || !skipped.has(path.basename(f)),
    });
    if (fs.existsSync(path.join(source, 'node_modules'))) {
      fs.symlinkSync(path.join(source, 'node_modules'), path.join(root, 'node_modules'));
    }
  }
  fs.cpSync(fixtures, root, { recursive: true, force: false, errorOnExist: false });
  return root;
}

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('shell commands of the README and docs/*.md', () => {
  const shellBlocks = blocks.filter(isShell);
  const documented = new Set(shellBlocks.flatMap((b) => commandsOf(b.code)).filter((c) => !isShellSetup(c)));

  it('each command runs here or says why it cannot', () => {
    expect(
      fs.existsSync(path.join(repo, 'packages/cli/dist/index.js')),
      'the commands run the built CLI: pnpm build',
    ).toBe(true);
    const unknown = [...documented].filter((c) => !(c in COMMANDS) && !/^cd \S+$/.test(c));
    expect(unknown, 'add each to COMMANDS: how to check it, or why it cannot run here').toEqual([]);
    const stale = Object.keys(COMMANDS).filter((c) => !documented.has(c));
    expect(stale, 'COMMANDS entries no page shows any more').toEqual([]);
    for (const [command, plan] of Object.entries(COMMANDS)) {
      if ('skip' in plan) expect(plan.skip.length, `reason for ${command}`).toBeGreaterThan(20);
      else if (plan.runs) expect(plan.runs.why.length, `reason for ${command}`).toBeGreaterThan(20);
    }
  });

  const bin = cliShim();
  cleanup.push(() => fs.rmSync(bin, { recursive: true, force: true }));
  let previous: Session | undefined;
  for (const block of shellBlocks) {
    const runnable = commandsOf(block.code).some((c) => {
      const plan = COMMANDS[c];
      return plan !== undefined && !('skip' in plan);
    });
    const directive = block.directive;
    if (directive?.verb === 'skip') {
      // Not run, on purpose and said why: the reason is what this test checks, so nothing hides behind a skip.
      it(`${where(block)} is not run: ${directive.argument}`, () => {
        expect(directive.argument.length, 'a skipped block says why').toBeGreaterThan(20);
      });
      continue;
    }
    it(`${where(block)} works as written`, async () => {
      let session: Session;
      if (directive?.verb === 'continue') {
        if (previous === undefined) throw new Error(`${where(block)}: "continue" but no shell block before it`);
        session = previous;
      } else {
        if (runnable && directive?.verb !== 'in') {
          throw new Error(`${where(block)}: add <!-- docs-test: in DIR --> above it: the folder its commands run in`);
        }
        const root = workspace(directive?.argument ?? '.');
        const server = await startContractServer({
          tickMs: 5,
          token: `Bearer ${TOKEN}`,
          outcome: (wf) => (wf.metadata?.labels?.[FAIL_LABEL] ? 'Failed' : 'Succeeded'),
        });
        cleanup.push(() => server.close());
        cleanup.push(() => fs.rmSync(root, { recursive: true, force: true }));
        const state: Omit<Session, 'run'> = { root, cwd: root, setup: ['set -e'], server };
        session = Object.assign(state, { run: (c: string) => runInSession(state, bin, c) });
      }
      previous = session;
      for (const command of commandsOf(block.code)) {
        if (isShellSetup(command)) {
          session.setup.push(command);
          continue;
        }
        const cd = /^cd (\S+)$/.exec(command);
        if (cd) {
          session.cwd = path.resolve(session.cwd, cd[1] ?? '.');
          expect(fs.existsSync(session.cwd), `${where(block)}: ${command}`).toBe(true);
          continue;
        }
        const plan = COMMANDS[command];
        if (plan === undefined) continue; // reported by the first test
        if ('skip' in plan) {
          plan.instead?.(session);
          continue;
        }
        await plan.before?.(session);
        const result = await session.run(plan.runs?.command ?? command);
        const shown = `${where(block)}: ${command}\n--- stdout\n${result.out.slice(-3000)}\n--- stderr\n${result.err.slice(-3000)}`;
        expect(result.code, shown).toBe(plan.code ?? 0);
        try {
          plan.check?.(result, session);
        } catch (error) {
          throw new Error(`${shown}\n${String(error)}`);
        }
      }
      expect(session.server.violations).toEqual([]);
    }, 600_000);
  }
});

describe('TypeScript blocks of the README and docs/*.md', () => {
  const tsBlocks = blocks.filter(isTypeScript);

  it('every skipped block says why', () => {
    for (const b of tsBlocks.filter((b) => b.directive?.verb === 'skip')) {
      expect(b.directive?.argument.length, where(b)).toBeGreaterThan(20);
    }
  });

  it('the blocks docs/sdk.md marks as examples are the ones its own test checks', () => {
    const covered = tsBlocks.filter((b) => b.directive?.verb === 'covered');
    expect(covered.map((b) => b.doc)).toEqual(covered.map(() => 'docs/sdk.md'));
    expect(covered.length).toBe(fs.readdirSync(path.join(repo, 'packages/sdk/test/doc-examples')).length);
  });

  it('docs/index.md’s pipeline is the minimal example’s pipeline.ts, named my-pipeline and without its comments', () => {
    const example = fs.readFileSync(path.join(repo, 'examples/minimal/pipeline.ts'), 'utf8');
    const stripped = example
      .replace(/\/\*\*[\s\S]*?\*\/\n/g, '')
      .replace(/^\s*\/\/.*\n/gm, '')
      .replaceAll("'minimal'", "'my-pipeline'")
      .replaceAll("'minimal-data'", "'my-pipeline-data'")
      .replace('/data/minimal:', '/data/my-pipeline:');
    const shown = tsBlocks.find((b) => b.doc === 'docs/index.md' && b.code.includes('pipeline('));
    expect(shown?.code).toBe(stripped.trimEnd());
  });

  it('type-checks every other block as a file of its folder, in one program', () => {
    const checked = tsBlocks.filter((b) => b.directive === undefined || ['in', 'continue'].includes(b.directive.verb));
    /** A file per block, or per run of blocks joined by `continue`, each block at a known line of it. */
    const virtual = new Map<string, { parts: Array<{ block: DocBlock; from: number }>; text: string }>();
    let last: { parts: Array<{ block: DocBlock; from: number }>; text: string } | undefined;
    for (const b of checked) {
      if (b.directive?.verb === 'continue') {
        if (last === undefined || last.parts[0]?.block.doc !== b.doc) {
          throw new Error(`${where(b)}: "continue" but no TypeScript block before it on this page`);
        }
        last.parts.push({ block: b, from: last.text.split('\n').length - 1 });
        last.text += `${b.code}\n`;
        continue;
      }
      const argument = b.directive?.argument ?? '.';
      // `in DIR/NAME.ts`: the block is that file (the files beside it import it by that name).
      const file = argument.endsWith('.ts')
        ? path.join(repo, argument)
        : path.join(repo, argument, `.docs-test-${b.doc.replace(/\W+/g, '-')}-${b.line}.ts`);
      // `export {}` (appended below) keeps each file a module of its own, as in a project.
      last = { parts: [{ block: b, from: 0 }], text: `${b.code}\n` };
      if (virtual.has(file) || fs.existsSync(file)) throw new Error(`${where(b)}: ${argument} exists already`);
      virtual.set(file, last);
    }
    for (const file of virtual.values()) file.text += 'export {};\n';
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(repo, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error('tsconfig.json did not parse');
    const options = { ...config.options, noEmit: true };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
    host.readFile = (f) => virtual.get(f)?.text ?? readFile.call(host, f);
    host.getSourceFile = (f, language, ...rest) => {
      const entry = virtual.get(f);
      return entry === undefined
        ? getSourceFile.call(host, f, language, ...rest)
        : ts.createSourceFile(f, entry.text, language);
    };
    const program = ts.createProgram([...virtual.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const entry = d.file ? virtual.get(d.file.fileName) : undefined;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!entry || !d.file || d.start === undefined) return `${d.file?.fileName ?? ''}: ${message}`;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const part = entry.parts.findLast((p) => p.from <= line) ?? entry.parts[0];
      if (!part) return `${d.file.fileName}: ${message}`;
      return `${part.block.doc}:${part.block.line + 1 + line - part.from}: ${message}`;
    });
    expect(problems).toEqual([]);
    // Type-checking pulls in the packages' sources: tens of seconds on a busy machine.
  }, 300_000);
});
