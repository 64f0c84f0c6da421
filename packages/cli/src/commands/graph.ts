import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { type GraphFormat, renderGraph } from '../graph-render.js';
import { loadManifests } from '../load-manifests.js';

const FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];

/** `workflow graph`: the DAGs and steps of a workflow as Mermaid or Graphviz. */
export default defineCommand({
  name: 'graph',
  summary: 'draw the DAGs and steps of a workflow as Mermaid or Graphviz',
  usage: 'workflow graph <entry.ts | file.yaml> [--format mermaid|dot]',
  description: `
Prints the structure of every DAG and steps template of the given TypeScript entry or manifest file: DAG tasks with
arrows from the tasks they depend on (labelled with the awaited result, e.g. Failed, when it is not success), and
steps as sequential groups of parallel steps. Each template is a cluster; the entrypoint comes first.

  --format: mermaid (default; paste into Markdown) or dot (for Graphviz: workflow graph wf.yaml --format dot | dot -Tsvg)
`,
  examples: ['workflow graph pipeline.ts', 'workflow graph dag-diamond.yaml --format dot | dot -Tsvg > diamond.svg'],
  options: {
    format: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const format = FORMATS.find((f) => f === (values.format ?? 'mermaid'));
    if (format === undefined) throw new UsageError(`--format: unknown format "${values.format}"; use mermaid or dot`);
    if (positionals.length !== 1) throw new UsageError('give exactly one entry or manifest file');
    const loaded = await loadManifests(positionals, io.cwd);
    for (const p of loaded.problems) io.stderr.write(`${p.source}: ${p.message}\n`);
    if (loaded.problems.length > 0) return ExitCode.Usage;
    io.stdout.write(
      renderGraph(
        loaded.manifests.map((m) => m.doc),
        format,
      ),
    );
    return ExitCode.Ok;
  },
});
