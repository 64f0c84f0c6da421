/**
 * The Argo features a compiled document uses, found by walking it: what the examples as a whole must cover.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const TEMPLATE_KINDS = [
  'container',
  'script',
  'resource',
  'suspend',
  'http',
  'containerSet',
  'data',
  'plugin',
  'dag',
  'steps',
] as const;

/** Fields of a task or step, a template or a spec whose presence is a feature, by the name reported. */
const NODE_FEATURES: Readonly<Record<string, string>> = {
  withItems: 'loop:withItems',
  withParam: 'loop:withParam',
  withSequence: 'loop:withSequence',
  when: 'when',
  onExit: 'exit-handler',
  templateRef: 'templateRef',
  inline: 'inline',
  depends: 'dag:depends',
  dependencies: 'dag:dependencies',
  continueOn: 'continueOn',
  hooks: 'hooks',
  retryStrategy: 'retryStrategy',
  volumes: 'volumes',
  volumeClaimTemplates: 'volumeClaimTemplates',
  volumeMounts: 'volumeMounts',
  workflowTemplateRef: 'workflowTemplateRef',
  sidecars: 'sidecars',
  initContainers: 'initContainers',
  timeout: 'timeout',
  activeDeadlineSeconds: 'activeDeadlineSeconds',
  memoize: 'memoize',
  synchronization: 'synchronization',
  metrics: 'metrics',
  podGC: 'podGC',
  ttlStrategy: 'ttlStrategy',
  parallelism: 'parallelism',
  podSpecPatch: 'podSpecPatch',
  nodeSelector: 'nodeSelector',
  securityContext: 'securityContext',
  daemon: 'daemon',
  failFast: 'dag:failFast',
  target: 'dag:target',
};

function visit(value: unknown, parentKey: string, found: Set<string>): void {
  if (Array.isArray(value)) {
    // A steps template is a list of groups; a group of two or more steps runs them in parallel.
    if (parentKey === 'steps' && value.some((g) => Array.isArray(g) && g.length > 1)) found.add('steps:parallel');
    for (const v of value) visit(v, parentKey, found);
    return;
  }
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const feature = NODE_FEATURES[key];
    if (feature !== undefined && value[key] !== undefined) found.add(feature);
    if (key === 'artifacts' && (parentKey === 'inputs' || parentKey === 'outputs' || parentKey === 'arguments')) {
      found.add(`artifacts:${parentKey}`);
    }
    if (key === 'parameters' && parentKey === 'outputs') found.add('outputs:parameters');
    visit(value[key], key, found);
  }
  if (parentKey === 'templates') {
    for (const kind of TEMPLATE_KINDS) if (value[kind] !== undefined) found.add(`template:${kind}`);
  }
}

/** The features `doc` uses: `kind:<Kind>`, `template:<kind>`, `loop:withItems`, `when`, `exit-handler`, … */
export function featuresOf(doc: unknown): Set<string> {
  const found = new Set<string>();
  if (isRecord(doc) && typeof doc.kind === 'string') found.add(`kind:${doc.kind}`);
  visit(doc, '', found);
  return found;
}

/** What the examples together must show (issue 3, item 8). */
export const REQUIRED_FEATURES: readonly string[] = [
  ...TEMPLATE_KINDS.map((k) => `template:${k}`),
  'kind:Workflow',
  'kind:WorkflowTemplate',
  'kind:ClusterWorkflowTemplate',
  'kind:CronWorkflow',
  'dag:depends',
  'steps:parallel',
  'loop:withItems',
  'loop:withParam',
  'loop:withSequence',
  'when',
  'exit-handler',
  'retryStrategy',
  'artifacts:inputs',
  'artifacts:outputs',
  'artifacts:arguments',
  'volumes',
  'volumeClaimTemplates',
  'templateRef',
];
