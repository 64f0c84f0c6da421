import fs from 'node:fs/promises';
import path from 'node:path';
import { ArgoVersionError, isPipeline, type KubernetesObject, kustomizeObjectsLayout } from '@sluice/sdk';
import { argoVersionOption, targetArgoVersion } from '../argo-version.js';
import { type CommandIO, defineCommand, UsageError } from '../command.js';
import { type ManifestFormat, type OutputTarget, planOutputs } from '../compile-output.js';
import { resolveConfig } from '../config.js';
import { ExitCode } from '../exit-codes.js';
import { type CompileTarget, importEntry } from '../load-entry.js';
import { isEntryFile, loadEntry } from '../load-manifests.js';
import { missingStageModules } from '../stage-modules.js';
import { writeFileAtomic } from '../write-atomic.js';

async function entriesOf(given: string, cwd: string): Promise<string[]> {
  const full = path.resolve(cwd, given);
  const stat = await fs.stat(full).catch(() => undefined);
  if (stat === undefined) throw new UsageError(`${given}: no such file or directory`);
  if (!stat.isDirectory()) {
    if (!isEntryFile(full))
      throw new UsageError(`${given}: not a TypeScript entry; give a .ts file or a directory of them`);
    return [full];
  }
  const names = (await fs.readdir(full))
    .filter((n) => isEntryFile(n) && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(n))
    .sort();
  if (names.length === 0) throw new UsageError(`${given}: no .ts entries in this directory`);
  return names.map((n) => path.join(full, n));
}

async function targetOf(output: string | undefined, cwd: string): Promise<OutputTarget> {
  if (output === undefined || output === '-') return { kind: 'stdout' };
  const full = path.resolve(cwd, output);
  const stat = await fs.stat(full).catch(() => undefined);
  const isDir = stat?.isDirectory() === true || /[/\\]$/.test(output) || path.extname(output) === '';
  return isDir ? { kind: 'dir', path: full } : { kind: 'file', path: full };
}

const FORMATS: readonly ManifestFormat[] = ['yaml', 'json'];

/** `-o`/`--output` is a format, as in argo and every other command here; a path there gets the option that takes one. */
function formatOf(option: string | undefined, file: string | undefined): ManifestFormat {
  const format = FORMATS.find((f) => f === option);
  if (format !== undefined) return format;
  if (option === undefined) return file !== undefined && /\.json$/i.test(file) ? 'json' : 'yaml';
  const looksLikePath = /[/\\.]/.test(option);
  throw new UsageError(
    `-o/--output: unknown format "${option}"; use yaml or json${looksLikePath ? `. To write to a file or directory, use --output-file ${option}` : ''}`,
  );
}

/**
 * `--out <dir>`: the Kustomize base and overlays of the entry's pipeline (docs/gitops.md), or, for an entry of
 * plain workflow objects (no pipeline()), a base of those objects with label-only overlays; written atomically.
 */
async function writeKustomizeLayout(input: string, out: string, io: CommandIO): Promise<ExitCode> {
  const found: unknown[] = [];
  const entries = await entriesOf(input, io.cwd);
  for (const entry of entries) {
    for (const value of Object.values(await importEntry(entry, io.cwd)))
      if (isPipeline(value) && !found.includes(value)) found.push(value);
  }
  const [pipeline] = found;
  if (found.length > 1)
    throw new UsageError(`--out writes the Kustomize layout of one pipeline(); ${input} exports ${found.length}`);
  let files: { path: string; content: string }[];
  if (isPipeline(pipeline)) files = pipeline.toKustomize();
  else {
    const objects: KubernetesObject[] = [];
    for (const entry of entries) {
      for (const m of await loadEntry(entry, io.cwd, entries.length === 1)) objects.push(m as KubernetesObject);
    }
    if (objects.length === 0) throw new UsageError(`${input}: no entry exports a workflow object to compile`);
    files = kustomizeObjectsLayout(objects);
  }
  const dir = path.resolve(io.cwd, out);
  for (const file of files) await writeFileAtomic(path.join(dir, file.path), file.content);
  io.stderr.write(`wrote ${files.length} files under ${shown(io.cwd, dir)} (base/, overlays/)\n`);
  return ExitCode.Ok;
}

/** `workflow compile`: a TypeScript entry to Argo manifests, with no build step. */
export default defineCommand({
  name: 'compile',
  summary: 'compile a TypeScript entry (or a directory of them) to Argo manifests',
  usage: 'workflow compile <entry.ts | dir> [-o yaml|json] [--output-file file|dir] [--out deploy/]',
  description: `
Loads a TypeScript entry without a build step and writes the manifests of its default export and of every exported
workflow object (anything with toObject() or toManifests()): Workflows, WorkflowTemplates, CronWorkflows, pipelines.
A directory compiles each .ts file directly inside it (test files, and modules exporting no workflow object, aside).
The output is deterministic: the same input gives byte-identical output. Files are written atomically (a
temporary file, then a rename).

  --output: the format: yaml (default; json when --output-file ends in .json) or json (an array when there are
            several)
  --output-file: where to write: a file (all manifests in one multi-document stream) or a directory (an existing
            one, or a path ending in / or without an extension: one file per manifest, named
            <kind>-<name>.<format>, e.g. workflow-template-etl.yaml); standard output when left out or -
  --out:    write the Kustomize layout for Argo CD / Flux (base/ and overlays/staging, overlays/production, each
            with a kustomization.yaml) into this directory; for a pipeline() the overlays patch its resources
            and retries, for other workflow objects they only label them
  --verbose: when a TypeScript entry throws while loading, print its full stack
  --argo-version: the Argo release to write for (3.5, 3.6, 3.7, 4.0, 4.1): a 3.5 CronWorkflow gets schedule, and a
            feature the release lacks fails naming it; default ARGO_VERSION, else argoVersion in sluice.config.ts,
            else the newest release's form
`,
  examples: [
    'workflow compile pipeline.ts',
    'workflow compile pipeline.ts --argo-version 3.5',
    'workflow compile pipeline.ts --output-file dist/pipeline.yaml',
    'workflow compile workflows/ -o json --output-file dist/',
    'workflow compile pipeline.ts --out deploy/',
  ],
  options: {
    output: { type: 'string', short: 'o' },
    'output-file': { type: 'string' },
    out: { type: 'string' },
    verbose: { type: 'boolean' },
    ...argoVersionOption,
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one entry file or directory');
    const input = positionals[0] ?? '';
    const config = await resolveConfig(undefined, positionals, io.cwd);
    const version = await targetArgoVersion(values['argo-version'], io.env, config?.config, config?.file);
    const target = version.explicit ? { argoVersion: version.version } : {};
    if (values.out !== undefined) return writeKustomizeLayout(input, values.out, io);
    const format = formatOf(values.output, values['output-file']);
    const manifests: object[] = [];
    const entries = await entriesOf(input, io.cwd);
    // In a directory, helper modules that export no workflow object are skipped.
    for (const entry of entries) {
      const loaded = await compiled(entry, io.cwd, entries.length === 1, target);
      const missing = missingStageModules(entry, loaded);
      if (missing.length > 0)
        throw new UsageError(missing.map((m) => `${path.relative(io.cwd, entry)}: ${m}`).join('\n'));
      for (const m of loaded) {
        if (typeof m !== 'object' || m === null) {
          throw new UsageError(`${path.relative(io.cwd, entry)}: an export compiled to ${String(m)}, not a manifest`);
        }
        manifests.push(m);
      }
    }
    if (manifests.length === 0) throw new UsageError(`${input}: no entry exports a workflow object to compile`);
    const outputs = planOutputs(manifests, format, await targetOf(values['output-file'], io.cwd));
    for (const out of outputs) {
      if (out.path === undefined) io.stdout.write(out.content);
      else await writeFileAtomic(out.path, out.content);
    }
    const written = outputs.filter((o) => o.path !== undefined);
    if (written.length > 0) {
      io.stderr.write(`wrote ${written.map((o) => shown(io.cwd, o.path ?? '')).join(', ')}\n`);
    }
    return ExitCode.Ok;
  },
});

/** An entry's manifests for the target release; a feature the release lacks is a usage error naming it. */
async function compiled(entry: string, cwd: string, required: boolean, target: CompileTarget): Promise<unknown[]> {
  try {
    return await loadEntry(entry, cwd, required, target);
  } catch (error) {
    if (error instanceof Error && error.name === ArgoVersionError.name)
      throw new UsageError(`${path.relative(cwd, entry)}: ${error.message}`);
    throw error;
  }
}

/** A path as the user would type it: relative below the working directory, absolute elsewhere. */
function shown(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}
