import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { clustersOf, type GraphFormat, nothingToDraw, renderGraph } from '../graph-render.js';
import { loadManifests, writeProblemStacks } from '../load-manifests.js';

const FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];

/** `workflow graph`: the DAGs and steps of a workflow as Mermaid or Graphviz. */
export default defineCommand({
  name: 'graph',
  summary: 'draw the DAGs and steps of a workflow as Mermaid or Graphviz',
  usage: 'workflow graph <entry.ts | file.yaml…> [-o mermaid|dot]',
  description: `
Prints the structure of every DAG and steps template of the given TypeScript entry or manifest file: DAG tasks with
arrows from the tasks they depend on (labelled with the awaited result, e.g. Failed, when it is not success), and
steps as sequential groups of parallel steps. Each template is a cluster; the entrypoint comes first. A CronWorkflow
is drawn from its workflowSpec; a workflowTemplateRef from the referenced WorkflowTemplate, when its file is given too.
Exit code 1 when there is nothing to draw (no DAG or steps template), with the reason on stderr.

  --output: the format: mermaid (default; paste into Markdown) or dot (for Graphviz: workflow graph wf.yaml -o dot |
            dot -Tsvg)
  --verbose: when a TypeScript entry throws while loading, print its full stack
`,
  examples: [
    'workflow graph pipeline.ts',
    'workflow graph dag-diamond.yaml -o dot | dot -Tsvg > diamond.svg',
    'workflow graph nightly-cron.yaml shared-templates.yaml',
  ],
  options: {
    output: { type: 'string', short: 'o' },
    verbose: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const format = FORMATS.find((f) => f === (values.output ?? 'mermaid'));
    if (format === undefined)
      throw new UsageError(`-o/--output: unknown format "${values.output}"; use mermaid or dot`);
    if (positionals.length === 0) throw new UsageError('give an entry or manifest file (and the files it references)');
    const loaded = await loadManifests(positionals, io.cwd, {}, io.env);
    for (const p of loaded.problems) io.stderr.write(`workflow graph: ${p.source}: ${p.message}\n`);
    writeProblemStacks(loaded.problems, values.verbose, io);
    if (loaded.problems.length > 0) return ExitCode.Usage;
    const docs = loaded.manifests.map((m) => m.doc);
    if (clustersOf(docs).length === 0) {
      for (const reason of nothingToDraw(docs)) io.stderr.write(`workflow graph: nothing to draw: ${reason}\n`);
      return ExitCode.Failed;
    }
    io.stdout.write(renderGraph(docs, format));
    return ExitCode.Ok;
  },
});
