/** The graph formats of `workflow graph`. */
export type GraphFormat = 'mermaid' | 'dot';

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A node (a DAG task or a step) and the edges into it. */
interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly from: { readonly id: string; readonly label?: string }[];
}

/** A DAG or steps template as a cluster of nodes. */
interface GraphCluster {
  readonly id: string;
  readonly label: string;
  readonly nodes: GraphNode[];
}

const TOKEN = /([a-zA-Z0-9][-a-zA-Z0-9]*?)(?:\.([A-Z][a-zA-Z]+))?(?![-a-zA-Z0-9.])/g;

/** The tasks a task depends on, with the result it waits for when not plain success (`Failed`, `AnySucceeded`…). */
function dependencies(task: Json): { name: string; result?: string }[] {
  const depends = text(task.depends);
  if (depends === '')
    return (Array.isArray(task.dependencies) ? task.dependencies : [])
      .filter((d) => typeof d === 'string')
      .map((name) => ({ name }));
  const found = new Map<string, string | undefined>();
  for (const m of depends.matchAll(TOKEN)) {
    const name = m[1] ?? '';
    const result = m[2] === undefined || m[2] === 'Succeeded' ? undefined : m[2];
    if (!found.has(name) || result === undefined) found.set(name, found.get(name) ?? result);
  }
  return [...found].map(([name, result]) => (result === undefined ? { name } : { name, result }));
}

function dagCluster(id: string, label: string, dag: Json): GraphCluster {
  const tasks = objs(dag.tasks);
  const ids = new Map(tasks.map((t, i) => [text(t.name), `${id}_${i}`]));
  const nodes = tasks.map((t, i) => ({
    id: `${id}_${i}`,
    label: text(t.name),
    from: dependencies(t).flatMap((d) => {
      const from = ids.get(d.name);
      if (from === undefined) return [];
      return d.result === undefined ? [{ id: from }] : [{ id: from, label: d.result }];
    }),
  }));
  return { id, label, nodes };
}

function stepsCluster(id: string, label: string, groups: unknown): GraphCluster {
  const nodes: GraphNode[] = [];
  let previous: string[] = [];
  (Array.isArray(groups) ? groups : []).forEach((group, g) => {
    const steps = Array.isArray(group) ? objs(group) : objs(isJson(group) ? group.steps : undefined);
    const current = steps.map((s, j) => {
      const node = { id: `${id}_${g}_${j}`, label: text(s.name), from: previous.map((p) => ({ id: p })) };
      nodes.push(node);
      return node.id;
    });
    previous = current;
  });
  return { id, label, nodes };
}

const WORKFLOW_KINDS = ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'];

/** A manifest's name as drawn: its name, else its generateName, else `<kind> #<n>`. */
function ownerName(doc: Json, ordinal: number): string {
  const metadata = isJson(doc.metadata) ? doc.metadata : {};
  return text(metadata.name) || text(metadata.generateName) || `${text(doc.kind)} #${ordinal}`;
}

/** The workflow spec of a manifest: `spec`, or a CronWorkflow's `spec.workflowSpec`. */
function specOf(doc: Json): Json | undefined {
  const spec = doc.kind === 'CronWorkflow' && isJson(doc.spec) ? doc.spec.workflowSpec : doc.spec;
  return isJson(spec) ? spec : undefined;
}

/** The (Cluster)WorkflowTemplate among `docs` that a spec's `workflowTemplateRef` names. */
function referencedTemplate(spec: Json, docs: readonly Json[]): Json | undefined {
  if (!isJson(spec.workflowTemplateRef)) return undefined;
  const ref = spec.workflowTemplateRef;
  const kind = ref.clusterScope === true ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
  return docs.find((d) => d.kind === kind && isJson(d.metadata) && text(d.metadata.name) === text(ref.name));
}

/**
 * The DAG and steps templates of workflow-kind manifests as clusters, each workflow's entrypoint first. A
 * CronWorkflow is drawn from its `workflowSpec`; a spec with a `workflowTemplateRef` from the templates of the
 * referenced WorkflowTemplate when it is among the manifests.
 */
export function clustersOf(manifests: readonly unknown[]): GraphCluster[] {
  const clusters: GraphCluster[] = [];
  const docs = manifests.filter(isJson);
  // A template set is drawn once: through its first referrer (a pipeline's CronWorkflow and one-off Workflow both
  // reference its WorkflowTemplate), or on its own when nothing given references it.
  const referenced = new Set(
    docs.flatMap((doc) => {
      const spec = specOf(doc);
      const target = spec === undefined ? undefined : referencedTemplate(spec, docs);
      return target === undefined ? [] : [target];
    }),
  );
  const drawn = new Set<Json>();
  docs.forEach((doc, d) => {
    const spec = specOf(doc);
    if (spec === undefined || !WORKFLOW_KINDS.includes(text(doc.kind)) || referenced.has(doc)) return;
    const target = referencedTemplate(spec, docs);
    if (target !== undefined) {
      if (drawn.has(target)) return;
      drawn.add(target);
    }
    const targetSpec = target === undefined ? undefined : specOf(target);
    const owner =
      target === undefined ? ownerName(doc, d + 1) : `${ownerName(doc, d + 1)} → ${ownerName(target, d + 1)}`;
    const entry = text(spec.entrypoint) || text(targetSpec?.entrypoint);
    const templates = objs(targetSpec?.templates ?? spec.templates).sort(
      (a, b) => Number(text(b.name) === entry) - Number(text(a.name) === entry),
    );
    templates.forEach((t, i) => {
      const id = `c${d}_${i}`;
      if (isJson(t.dag)) clusters.push(dagCluster(id, `${owner} / ${text(t.name)} (dag)`, t.dag));
      else if (Array.isArray(t.steps)) clusters.push(stepsCluster(id, `${owner} / ${text(t.name)} (steps)`, t.steps));
    });
  });
  return clusters;
}

/**
 * Why {@link clustersOf} found nothing to draw in `manifests`, one reason per workflow-kind manifest, e.g.
 * `CronWorkflow nightly uses workflowTemplateRef data-lib, which is not among the given files; give its file too`.
 */
export function nothingToDraw(manifests: readonly unknown[]): string[] {
  const docs = manifests.filter(isJson);
  const reasons: string[] = [];
  docs.forEach((doc, d) => {
    const spec = specOf(doc);
    if (spec === undefined || !WORKFLOW_KINDS.includes(text(doc.kind))) return;
    const what = `${text(doc.kind)} ${ownerName(doc, d + 1)}`;
    if (isJson(spec.workflowTemplateRef) && referencedTemplate(spec, docs) === undefined) {
      const name = text(spec.workflowTemplateRef.name);
      reasons.push(`${what} uses workflowTemplateRef ${name}, which is not among the given files; give its file too`);
    } else {
      reasons.push(`${what} has no DAG or steps template (only leaf templates: containers, scripts, …)`);
    }
  });
  if (reasons.length === 0) reasons.push('no Workflow, WorkflowTemplate or CronWorkflow in the given files');
  return reasons;
}

const mermaidText = (s: string) => s.replace(/"/g, '#quot;');
const dotText = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * Renders the DAG and steps templates of manifests as a Mermaid flowchart or a Graphviz digraph: one cluster per
 * template, DAG tasks with edges from their dependencies (labelled with the awaited result when it is not plain
 * success), steps as sequential groups (every step of a group follows every step of the group before).
 *
 * @example
 * ```ts
 * renderGraph([diamond], 'mermaid');
 * // flowchart TD
 * //   subgraph c0_0["dag-diamond- / diamond (dag)"]
 * //     c0_0_0["A"]
 * //     …
 * ```
 */
export function renderGraph(manifests: readonly unknown[], format: GraphFormat): string {
  const clusters = clustersOf(manifests);
  const lines: string[] = [];
  if (format === 'mermaid') {
    lines.push('flowchart TD');
    for (const c of clusters) {
      lines.push(`  subgraph ${c.id}["${mermaidText(c.label)}"]`);
      for (const n of c.nodes) lines.push(`    ${n.id}["${mermaidText(n.label)}"]`);
      for (const n of c.nodes) {
        for (const e of n.from)
          lines.push(`    ${e.id} -->${e.label === undefined ? '' : `|${mermaidText(e.label)}|`} ${n.id}`);
      }
      lines.push('  end');
    }
  } else {
    lines.push('digraph workflow {', '  rankdir=TB;', '  node [shape=box];');
    for (const c of clusters) {
      lines.push(`  subgraph "cluster_${c.id}" {`, `    label="${dotText(c.label)}";`);
      for (const n of c.nodes) lines.push(`    "${n.id}" [label="${dotText(n.label)}"];`);
      for (const n of c.nodes) {
        for (const e of n.from)
          lines.push(`    "${e.id}" -> "${n.id}"${e.label === undefined ? '' : ` [label="${dotText(e.label)}"]`};`);
      }
      lines.push('  }');
    }
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}
