import fs from 'node:fs/promises';
import path from 'node:path';
import { ManifestParseError, parseYamlDocuments } from '@sluice/sdk';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { withoutClusterFields } from '../import/cluster-fields.js';
import type { DocumentPlan } from '../import/generate.js';
import { ImportError, type ImportedModule, importManifests } from '../import/import-manifests.js';
import { writeFileAtomic } from '../write-atomic.js';

/** `printMessage.ts` for `print-message.yaml`. */
function moduleFileName(input: string): string {
  return `${path.basename(input).replace(/\.(ya?ml|json)$/i, '')}.ts`;
}

/** One line on what became of a file's documents. */
export function importSummary(file: string, documents: readonly DocumentPlan[]): string {
  const templates = documents.reduce((n, d) => n + d.templateCount, 0);
  const rawTemplates = documents.reduce((n, d) => n + d.rawTemplates.length, 0);
  const rawDocs = documents.filter((d) => d.raw);
  const parts = [`${documents.length} document${documents.length === 1 ? '' : 's'}`];
  if (templates > 0) {
    parts.push(
      `${templates - rawTemplates} of ${templates} template${templates === 1 ? '' : 's'} typed` +
        (rawTemplates > 0 ? ` (as plain objects: ${documents.flatMap((d) => d.rawTemplates).join(', ')})` : ''),
    );
  }
  if (rawDocs.length > 0)
    parts.push(`kept as plain objects: ${rawDocs.map((d) => `${d.kind} "${d.name}"`).join(', ')}`);
  return `${file}: ${parts.join('; ')}`;
}

/** All of a stream's text (standard input). */
async function readStream(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (stream === undefined) throw new Error('no standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** `workflow import`: Argo YAML → TypeScript that builds it with `@sluice/sdk`. */
export default defineCommand({
  name: 'import',
  summary: 'turn Argo YAML (any workflow kind, any supported release) into TypeScript built with @sluice/sdk',
  usage: 'workflow import <file.yaml… | -> [--out <dir>] [--force] [--keep-cluster-fields]',
  description: `
Reads Workflows, WorkflowTemplates, ClusterWorkflowTemplates and CronWorkflows (as written for Argo 3.5 to 4.1) and
writes one TypeScript module per file that builds them with @sluice/sdk: a constant per template made with its own
function (container(), script(), dag(), steps()…), inputs and outputs declared by TypeScript key, {{inputs.…}} tags
as typed references, DAG tasks and steps that run templates by their constant with typed arguments, depends as task
handles (left out where inferred) and {{tasks.x.outputs.…}} as the handles' references; then the workflow built
from them. The first workflow of a file is the module's default export, the other documents named exports. Documents
of other kinds (a ConfigMap, a PersistentVolumeClaim…) are kept as plain objects with kubernetesObject().

Every module is checked before it is written: it is run with the real @sluice/sdk and must build each input
document back equal (key order and quoting aside), so \`workflow compile\` of the result gives your YAML back. A
template the typed builders would not give back exactly is written as the plain Argo object (fromTemplate), and
the summary on stderr names it. The code is laid out as Biome and Prettier lay it out (120 columns, single quotes).

A document read from a cluster (kubectl get … -o yaml, argo get -o yaml) becomes the definition, not a snapshot of
one run: its status, the metadata the API server sets (uid, resourceVersion, creationTimestamp, managedFields…), a
name made from its generateName, kubectl's last-applied annotation and the labels Argo sets (phase, completed,
creator…) are dropped and named on stderr; a List (kind: List, WorkflowList…) is read as its items. "-" reads
standard input.

  --out: the directory to write <name>.ts files to (created if missing); without it, the module of the one
         input file is printed to stdout
  --force: overwrite existing files in --out
  --keep-cluster-fields: keep what a cluster added (status, server metadata) as it is
`,
  examples: [
    'workflow import hello-world.yaml > hello-world.ts',
    'workflow import workflows/*.yaml --out src/workflows',
    'workflow import nightly-cron.yaml --out src --force && workflow compile src/nightly-cron.ts',
    'kubectl get workflowtemplate etl -o yaml | workflow import - > etl.ts',
  ],
  options: {
    out: { type: 'string' },
    force: { type: 'boolean' },
    'keep-cluster-fields': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give the YAML files to import');
    if (positionals.includes('-') && (positionals.length > 1 || values.out !== undefined)) {
      throw new UsageError('"-" (standard input) is read alone, and its module printed to stdout (no --out)');
    }
    if (values.out === undefined && positionals.length > 1) {
      throw new UsageError(`${positionals.length} files given: write them to a directory with --out <dir>`);
    }
    const targets = new Map<string, string>();
    for (const input of positionals) {
      if (values.out === undefined) continue;
      const target = path.resolve(io.cwd, values.out, moduleFileName(input));
      const clash = [...targets.entries()].find(([, t]) => t === target);
      if (clash !== undefined) {
        throw new UsageError(`${input} and ${clash[0]} would both be written to ${path.relative(io.cwd, target)}`);
      }
      targets.set(input, target);
    }
    let failed = false;
    for (const input of positionals) {
      const full = path.resolve(io.cwd, input);
      let text: string;
      try {
        text = input === '-' ? await readStream(io.stdin) : await fs.readFile(full, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        io.stderr.write(
          `workflow import: ${input}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`,
        );
        failed = true;
        continue;
      }
      const source = input === '-' ? '<stdin>' : input;
      let docs: unknown[];
      try {
        docs = parseYamlDocuments(text, source).filter((d) => d !== null && d !== undefined);
      } catch (error) {
        if (!(error instanceof ManifestParseError)) throw error;
        io.stderr.write(`workflow import: ${error.message}\n`);
        failed = true;
        continue;
      }
      if (values['keep-cluster-fields'] !== true) {
        const cleaned = withoutClusterFields(docs);
        docs = cleaned.docs;
        if (cleaned.dropped.length > 0) {
          io.stderr.write(`${source}: dropped what the cluster set: ${cleaned.dropped.join(', ')}\n`);
        }
      }
      if (docs.length === 0) {
        io.stderr.write(`workflow import: ${source}: no documents\n`);
        failed = true;
        continue;
      }
      let module: ImportedModule;
      try {
        module = importManifests(docs, source);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        io.stderr.write(`workflow import: ${error.message}\n`);
        failed = true;
        continue;
      }
      const target = targets.get(input);
      if (target === undefined) {
        io.stdout.write(module.code);
      } else {
        const exists = await fs.stat(target).then(
          () => true,
          () => false,
        );
        if (exists && values.force !== true) {
          io.stderr.write(
            `workflow import: ${path.relative(io.cwd, target)} exists; give --force to overwrite it (${input} not written)\n`,
          );
          failed = true;
          continue;
        }
        await writeFileAtomic(target, module.code);
      }
      const shown = target === undefined ? source : `${input} → ${path.relative(io.cwd, target)}`;
      io.stderr.write(`${importSummary(shown, module.documents)}\n`);
    }
    return failed ? ExitCode.Usage : ExitCode.Ok;
  },
});
