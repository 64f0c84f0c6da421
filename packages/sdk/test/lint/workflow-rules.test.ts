import { describe, it } from 'vitest';
import { check, container, type Doc, type LintCase, workflow, workflowTemplate } from './support.js';

const long = (n: number) => 'a'.repeat(n);
const withArgs = (parameters: Doc[], artifacts: Doc[] = []) =>
  workflow([container('main')], { arguments: { parameters, artifacts } });
const wt = (kind: string, name: string) => ({ ...workflowTemplate(name, [container('main')]), kind });

const cases: LintCase[] = [
  // Rule 1: object names.
  {
    name: 'a Workflow name over 63 characters',
    bad: workflow([container('main')], {}, { name: long(64) }),
    good: workflow([container('main')], {}, { name: long(63) }),
    expected: [`workflow name "${long(64)}" must not be more than 63 characters long (currently 64)`],
  },
  {
    name: 'a WorkflowTemplate name over 63 characters',
    bad: wt('WorkflowTemplate', long(70)),
    good: wt('WorkflowTemplate', long(63)),
    expected: [`workflow template name "${long(70)}" must not be more than 63 characters long (currently 70)`],
  },
  {
    name: 'a ClusterWorkflowTemplate name over 63 characters',
    bad: wt('ClusterWorkflowTemplate', long(64)),
    good: wt('ClusterWorkflowTemplate', 'short'),
    expected: [`cluster workflow template name "${long(64)}" must not be more than 63 characters long (currently 64)`],
  },
  // Rule 2: workflowTemplateRef.
  {
    name: 'workflowTemplateRef with templates of its own',
    bad: [
      { ...workflow([container('main')], { workflowTemplateRef: { name: 'lib' } }) },
      workflowTemplate('lib', [container('main')], { entrypoint: 'main' }),
    ],
    good: [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: { generateName: 'r-' },
        spec: { workflowTemplateRef: { name: 'lib' } },
      },
      workflowTemplate('lib', [container('main')], { entrypoint: 'main' }),
    ],
    expected: ['Templates is invalid field in spec if workflow referred WorkflowTemplate reference'],
  },
  {
    name: 'workflowTemplateRef to a template not among the files',
    bad: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'r-' },
      spec: { workflowTemplateRef: { name: 'gone' } },
    },
    good: [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: { generateName: 'r-' },
        spec: { workflowTemplateRef: { name: 'gone' } },
      },
      workflowTemplate('gone', [container('main')], { entrypoint: 'main' }),
    ],
    expected: ['workflowtemplates.argoproj.io "gone" not found'],
  },
  // Rule 3: template names.
  {
    name: 'a template without a name',
    bad: workflow([container('main'), { container: { image: 'alpine:3.20' } }]),
    good: workflow([container('main'), container('other')]),
    expected: ['spec.templates[1].name is required'],
  },
  {
    name: 'a repeated template name',
    bad: workflow([container('main'), container('main')]),
    good: workflow([container('main'), container('main-2')]),
    expected: ["spec.templates[1].name 'main' is not unique"],
  },
  {
    name: 'a template name with an underscore',
    bad: workflow([container('main'), container('bad_name')]),
    good: workflow([container('main'), container('good-name')]),
    expected: [
      "spec.templates[1].name: 'bad_name' is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)",
    ],
  },
  {
    name: 'a template name over 128 characters',
    bad: workflow([container('main'), container(long(129))]),
    good: workflow([container('main'), container(long(128))]),
    expected: [`spec.templates[1].name: '${long(129)}' is invalid: must be no more than 128 characters`],
  },
  // Rule 4: executor plugins.
  {
    name: 'an executor plugin without a name',
    bad: workflow([container('main')], {
      executorPlugins: [
        {
          metadata: {},
          spec: { sidecar: { container: { name: 'p', image: 'p:1', ports: [{ containerPort: 4355 }] } } },
        },
      ],
    }),
    good: workflow([container('main')]),
    expected: ['spec.executorPlugins: executor plugin metadata name is mandatory'],
    contains: true,
  },
  {
    name: 'an executor plugin without ports',
    bad: workflow([container('main')], {
      executorPlugins: [{ metadata: { name: 'p' }, spec: { sidecar: { container: { name: 'p', image: 'p:1' } } } }],
    }),
    good: workflow([container('main')]),
    expected: ['spec.executorPlugins: at least one port is mandatory'],
    contains: true,
  },
  // Rules 5–9: arguments.
  {
    name: 'a workflow parameter name with a dot',
    bad: withArgs([{ name: 'a.b', value: '1' }]),
    good: withArgs([{ name: 'a_b', value: '1' }]),
    expected: [
      "spec.arguments.parameters[0].name: 'a.b' is invalid: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1",
    ],
  },
  {
    name: 'a repeated workflow parameter',
    bad: withArgs([
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
    ]),
    good: withArgs([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ]),
    expected: ["spec.arguments.parameters[1].name 'a' is not unique"],
  },
  {
    name: 'a workflow artifact without a name',
    bad: withArgs([], [{ name: '', raw: { data: 'x' } }]),
    good: withArgs([], [{ name: 'x', raw: { data: 'x' } }]),
    expected: ['spec.arguments.artifacts[0].name is required'],
  },
  {
    name: 'valueFrom.path in workflow arguments',
    bad: withArgs([{ name: 'a', valueFrom: { path: '/tmp/a' } }]),
    good: withArgs([{ name: 'a', valueFrom: { configMapKeyRef: { name: 'cm', key: 'a' } } }]),
    expected: ['spec.arguments.a.valueFrom only allows: default, configMapKeyRef and supplied'],
  },
  {
    name: 'valueFrom with only a default',
    bad: withArgs([{ name: 'a', valueFrom: { default: 'x' } }]),
    good: withArgs([{ name: 'a', valueFrom: { default: 'x', supplied: {} } }]),
    expected: ['spec.arguments.a.valueFrom only allows: default, configMapKeyRef and supplied'],
  },
  {
    name: 'an empty enum',
    bad: withArgs([{ name: 'a', value: 'x', enum: [] }]),
    good: withArgs([{ name: 'a', value: 'x', enum: ['x'] }]),
    expected: ['spec.arguments.a.enum should contain at least one value'],
  },
  {
    name: 'a value outside its enum',
    bad: withArgs([{ name: 'env', value: 'qa', enum: ['dev', 'prod'] }]),
    good: withArgs([{ name: 'env', value: 'dev', enum: ['dev', 'prod'] }]),
    expected: ['spec.arguments.env.value should be present in spec.arguments.env.enum list'],
  },
  {
    name: 'an argument artifact without a source',
    bad: withArgs([], [{ name: 'data' }]),
    good: withArgs([], [{ name: 'data', http: { url: 'https://example.com/data.csv' } }]),
    expected: ['spec.arguments.data.from, artifact location, or key is required'],
  },
  {
    name: 'an argument artifact with from and fromExpression',
    bad: withArgs([], [{ name: 'data', from: '{{workflow.outputs.artifacts.x}}', fromExpression: 'x' }]),
    good: withArgs([], [{ name: 'data', from: '{{workflow.outputs.artifacts.x}}' }]),
    expected: ["spec.arguments.data shouldn't have both `from` and `fromExpression` in Artifact"],
  },
  // Rule 10, 11, 19 (workflow level).
  {
    name: 'a Workflow without an entrypoint',
    bad: { ...workflow([container('main')]), spec: { templates: [container('main')] } },
    good: workflowTemplate('no-entry', [container('main')]),
    expected: ['spec.entrypoint is required'],
  },
  {
    name: 'an entrypoint naming no template',
    bad: workflow([container('main')], { entrypoint: 'mian' }),
    good: workflow([container('main')], { entrypoint: 'main' }),
    expected: ['template name \'mian\' undefined; did you mean "main"?'],
  },
  {
    name: 'an entrypoint input the workflow does not supply',
    bad: workflow([container('main', { inputs: { parameters: [{ name: 'date' }] } })]),
    good: workflow([container('main', { inputs: { parameters: [{ name: 'date' }] } })], {
      arguments: { parameters: [{ name: 'date', value: '2026-01-01' }] },
    }),
    expected: ['templates.main inputs.parameters.date was not supplied'],
  },
  {
    name: 'an exit handler naming no template',
    bad: workflow([container('main')], { onExit: 'cleanup' }),
    good: workflow([container('main'), container('cleanup')], { onExit: 'cleanup' }),
    expected: ["template name 'cleanup' undefined; defined templates: main"],
  },
  // Rule 12: hooks.
  {
    name: 'a workflow hook without an expression',
    bad: workflow([container('main'), container('notify')], { hooks: { running: { template: 'notify' } } }),
    good: workflow([container('main'), container('notify')], {
      hooks: {
        running: { template: 'notify', expression: 'workflow.status == "Running"' },
        exit: { template: 'notify' },
      },
    }),
    expected: ['hooks.running Expression required'],
  },
  // Rule 13: podGC.
  {
    name: 'an unknown podGC strategy',
    bad: workflow([container('main')], { podGC: { strategy: 'OnSuccess' } }),
    good: workflow([container('main')], { podGC: { strategy: 'OnPodSuccess' } }),
    expected: ["podGC.strategy unknown strategy 'OnSuccess'"],
    contains: true,
  },
  {
    name: 'a podGC label selector with a bad operator',
    bad: workflow([container('main')], {
      podGC: {
        strategy: 'OnPodCompletion',
        labelSelector: { matchExpressions: [{ key: 'a', operator: 'Is', values: ['x'] }] },
      },
    }),
    good: workflow([container('main')], {
      podGC: {
        strategy: 'OnPodCompletion',
        labelSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] },
      },
    }),
    expected: ['podGC.labelSelector invalid: "Is" is not a valid label selector operator'],
  },
  // Rule 14: pod-level resources.
  {
    name: 'pod-level resources with claims',
    bad: workflow([container('main')], { podResources: { claims: [{ name: 'gpu' }] } }),
    good: workflow([container('main')], { podResources: { limits: { cpu: '1' } } }),
    expected: ['spec.podResources.claims is not supported for pod-level resources'],
  },
  {
    name: 'a GPU as a pod-level resource',
    bad: workflow([container('main')], { podResources: { limits: { 'nvidia.com/gpu': '1' } } }),
    good: workflow([container('main')], { podResources: { limits: { memory: '1Gi', 'hugepages-2Mi': '64Mi' } } }),
    expected: [
      'spec.podResources: "nvidia.com/gpu" is not a valid pod-level resource, only cpu, memory and hugepages-* are supported',
    ],
  },
  // Structural validation comes first.
  {
    name: 'an unknown field',
    bad: workflow([{ ...container('main'), contianer: {} }]),
    good: workflow([container('main')]),
    expected: ['spec.templates[0].contianer: unknown field (did you mean "container"?)'],
    contains: true,
  },
];

describe('workflow-level rules', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});
