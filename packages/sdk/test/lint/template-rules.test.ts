import { describe, it } from 'vitest';
import { check, container, type Doc, type LintCase, workflow } from './support.js';

/** A workflow whose entrypoint `main` runs `t` in one step, so `t` is reachable. */
const around = (t: Doc, spec: Doc = {}) =>
  workflow([{ name: 'main', steps: [[{ name: 'run', template: String(t.name) }]] }, t], spec);
const steps = (name: string, groups: Doc[][], extra: Doc = {}) => ({ name, steps: groups, ...extra });
const resource = (r: Doc, extra: Doc = {}) => ({ name: 'apply', resource: r, ...extra });
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const metric = (m: Doc) =>
  container('main', {
    metrics: { prometheus: [{ name: 'rows', help: 'rows loaded', counter: { value: '1' }, ...m }] },
  });
const outParam = (p: Doc, t: Doc = container('main')) => ({ ...t, outputs: { parameters: [{ name: 'out', ...p }] } });

const cases: LintCase[] = [
  // Rule 15: template type.
  {
    name: 'a template with no type',
    bad: workflow([{ name: 'main' }]),
    good: workflow([container('main')]),
    expected: [
      'templates.main template type unspecified. choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref',
    ],
  },
  {
    name: 'a template with two types',
    bad: workflow([{ ...container('main'), script: { image: 'python:3.12-slim', source: 'print(1)' } }]),
    good: workflow([{ name: 'main', script: { image: 'python:3.12-slim', source: 'print(1)' } }]),
    expected: [
      'templates.main multiple template types specified. choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref',
    ],
  },
  // Rule 16: pod-level resources by template type.
  {
    name: 'podResources on an HTTP template',
    bad: workflow([{ name: 'main', http: { url: 'https://example.com' }, podResources: { limits: { cpu: '1' } } }]),
    good: workflow([{ name: 'main', http: { url: 'https://example.com' } }]),
    expected: ['templates.main.podResources is not supported for HTTP templates'],
  },
  {
    name: 'resourceClaims on a suspend template',
    bad: workflow([{ name: 'main', suspend: {}, resourceClaims: [{ name: 'gpu' }] }]),
    good: workflow([{ name: 'main', suspend: {} }]),
    expected: ['templates.main.resourceClaims is not supported for Suspend templates, which do not create a pod'],
  },
  {
    name: 'a bad pod-level resource on a template',
    bad: workflow([container('main', { podResources: { requests: { storage: '1Gi' } } })]),
    good: workflow([container('main', { podResources: { requests: { cpu: '500m' } } })]),
    expected: [
      'templates.main.podResources: "storage" is not a valid pod-level resource, only cpu, memory and hugepages-* are supported',
    ],
  },
  // Rules 17, 18: inputs.
  {
    name: 'an input parameter name with a space',
    bad: workflow([container('main', { inputs: { parameters: [{ name: 'a b', value: '1' }] } })]),
    good: workflow([container('main', { inputs: { parameters: [{ name: 'a-b', value: '1' }] } })]),
    expected: [
      "templates.main.inputs.parameters[0].name: 'a b' is invalid: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1",
    ],
  },
  {
    name: 'an input artifact path on a steps template',
    bad: workflow([
      steps('main', [[{ name: 'a', template: 'leaf' }]], {
        inputs: { artifacts: [{ name: 'data', path: '/tmp/data', raw: { data: 'x' } }] },
      }),
      container('leaf'),
    ]),
    good: workflow([
      steps('main', [[{ name: 'a', template: 'leaf' }]], {
        inputs: { artifacts: [{ name: 'data', raw: { data: 'x' } }] },
      }),
      container('leaf'),
    ]),
    expected: ['templates.main.inputs.artifacts.data.path only valid in container/script templates'],
  },
  {
    name: 'from on an input artifact',
    bad: workflow([
      container('main', {
        inputs: { artifacts: [{ name: 'data', path: '/d', from: '{{workflow.outputs.artifacts.x}}' }] },
      }),
    ]),
    good: workflow([container('main', { inputs: { artifacts: [{ name: 'data', path: '/d', raw: { data: 'x' } }] } })]),
    expected: ['templates.main.inputs.artifacts.data.from not valid in inputs'],
    contains: true,
  },
  {
    name: 'a git input artifact without a repo',
    bad: workflow([
      container('main', { inputs: { artifacts: [{ name: 'src', path: '/src', git: { revision: 'main' } }] } }),
    ]),
    good: workflow([
      container('main', {
        inputs: { artifacts: [{ name: 'src', path: '/src', git: { repo: 'https://example.com/r.git' } }] },
      }),
    ]),
    expected: ['templates.main.inputs.artifacts.src.git.repo is required'],
    contains: true,
  },
  {
    name: 'an HDFS input artifact with a relative path and no user',
    bad: workflow([
      container('main', {
        inputs: { artifacts: [{ name: 'h', path: '/h', hdfs: { addresses: ['nn:8020'], path: 'rel' } }] },
      }),
    ]),
    good: workflow([
      container('main', {
        inputs: {
          artifacts: [{ name: 'h', path: '/h', hdfs: { addresses: ['nn:8020'], path: '/abs', hdfsUser: 'etl' } }],
        },
      }),
    ]),
    expected: [
      'templates.main.inputs.artifacts.h.hdfs.path must be a absolute file path',
      'either templates.main.inputs.artifacts.h.hdfs.hdfsUser, templates.main.inputs.artifacts.h.hdfs.krbCCacheSecret or templates.main.inputs.artifacts.h.hdfs.krbKeytabSecret is required',
    ],
  },
  {
    name: 'an init container without a name',
    bad: workflow([container('main', { initContainers: [{ name: '', image: 'alpine:3.20' }] })]),
    good: workflow([container('main', { initContainers: [{ name: 'init', image: 'alpine:3.20' }] })]),
    expected: ['templates.main initContainers must all have container name'],
  },
  // Rule 20: retryPolicy.
  {
    name: 'an unknown retryPolicy',
    bad: workflow([container('main', { retryStrategy: { limit: 2, retryPolicy: 'OnExit' } })]),
    good: workflow([container('main', { retryStrategy: { limit: 2, retryPolicy: 'OnTransientError' } })]),
    expected: [
      'templates.main OnExit is not a valid RetryPolicy; use one of Always, OnFailure, OnError, OnTransientError',
    ],
    contains: true,
  },
  // Rules 21–23: timeouts, deadlines, parallelism.
  {
    name: 'a timeout on a steps template',
    bad: workflow([steps('main', [[{ name: 'a', template: 'leaf' }]], { timeout: '1h' }), container('leaf')]),
    good: workflow([steps('main', [[{ name: 'a', template: 'leaf' }]]), container('leaf', { timeout: '1h' })]),
    expected: ["templates.main Steps template doesn't support timeout field"],
  },
  {
    name: 'a timeout without a unit',
    bad: workflow([container('main', { timeout: '30' })]),
    good: workflow([container('main', { timeout: '30s' })]),
    expected: ['templates.main main has invalid duration format in timeout'],
  },
  {
    name: 'a pendingTimeout on a DAG',
    bad: workflow([
      { name: 'main', dag: { tasks: [{ name: 'a', template: 'leaf' }] }, pendingTimeout: '5m' },
      container('leaf'),
    ]),
    good: workflow([
      { name: 'main', dag: { tasks: [{ name: 'a', template: 'leaf' }] } },
      container('leaf', { pendingTimeout: '5m' }),
    ]),
    expected: ["templates.main DAG template doesn't support pendingTimeout field"],
  },
  {
    name: 'activeDeadlineSeconds on a DAG',
    bad: workflow([
      { name: 'main', dag: { tasks: [{ name: 'a', template: 'leaf' }] }, activeDeadlineSeconds: 60 },
      container('leaf'),
    ]),
    good: workflow([
      { name: 'main', dag: { tasks: [{ name: 'a', template: 'leaf' }] } },
      container('leaf', { activeDeadlineSeconds: 60 }),
    ]),
    expected: ['templates.main.activeDeadlineSeconds is only valid for leaf templates'],
  },
  {
    name: 'activeDeadlineSeconds that is text',
    bad: workflow([container('main', { activeDeadlineSeconds: 'soon' })]),
    good: workflow([container('main', { activeDeadlineSeconds: '{{workflow.parameters.deadline}}' })], {
      arguments: { parameters: [{ name: 'deadline', value: '60' }] },
    }),
    expected: ['templates.main.activeDeadlineSeconds must be a positive integer > 0 or an argo variable'],
  },
  {
    name: 'a negative activeDeadlineSeconds',
    bad: workflow([container('main', { activeDeadlineSeconds: -5 })]),
    good: workflow([container('main', { activeDeadlineSeconds: 5 })]),
    expected: ['templates.main.activeDeadlineSeconds must be a positive integer > 0 or an argo variable'],
  },
  {
    name: 'parallelism on a container',
    bad: workflow([container('main', { parallelism: 2 })]),
    good: workflow([steps('main', [[{ name: 'a', template: 'leaf' }]], { parallelism: 2 }), container('leaf')]),
    expected: ['templates.main.parallelism is only valid for steps and dag templates'],
  },
  // Rule 25: mounts.
  {
    name: 'two volumes mounted at one path',
    bad: workflow([
      {
        name: 'main',
        container: {
          image: 'alpine:3.20',
          volumeMounts: [
            { name: 'a', mountPath: '/data' },
            { name: 'b', mountPath: '/data' },
          ],
        },
      },
    ]),
    good: workflow([
      {
        name: 'main',
        container: {
          image: 'alpine:3.20',
          volumeMounts: [
            { name: 'a', mountPath: '/data' },
            { name: 'b', mountPath: '/logs' },
          ],
        },
      },
    ]),
    expected: [
      "templates.main.container.volumeMounts[1].mountPath '/data' already mounted in container.volumeMounts.a",
    ],
  },
  {
    name: 'an input artifact on a mounted path',
    bad: workflow([
      {
        name: 'main',
        container: { image: 'alpine:3.20', volumeMounts: [{ name: 'a', mountPath: '/data' }] },
        inputs: { artifacts: [{ name: 'in', path: '/data', raw: { data: 'x' } }] },
      },
    ]),
    good: workflow([
      {
        name: 'main',
        container: { image: 'alpine:3.20', volumeMounts: [{ name: 'a', mountPath: '/data' }] },
        inputs: { artifacts: [{ name: 'in', path: '/in', raw: { data: 'x' } }] },
      },
    ]),
    expected: ["templates.main.inputs.artifacts[0].path '/data' already mounted in container.volumeMounts.a"],
  },
  // Rule 26: images.
  {
    name: 'a container without an image',
    bad: workflow([{ name: 'main', container: { command: ['true'] } }]),
    good: workflow([{ name: 'main', container: { image: 'alpine:3.20', command: ['true'] } }]),
    expected: ['templates.main.container.image may not be empty'],
    contains: true,
  },
  {
    name: 'a script without an image',
    bad: workflow([{ name: 'main', script: { source: 'echo hi' } }]),
    good: workflow([{ name: 'main', script: { image: 'alpine:3.20', source: 'echo hi' } }]),
    expected: ['templates.main.script.image may not be empty'],
    contains: true,
  },
  // Rules 27, 28: containerSet.
  {
    name: 'an empty containerSet',
    bad: workflow([{ name: 'main', containerSet: { containers: [] } }]),
    good: workflow([{ name: 'main', containerSet: { containers: [{ name: 'main', image: 'alpine:3.20' }] } }]),
    expected: ['templates.main.containerSet.containers must have at least one container'],
  },
  {
    name: 'a containerSet dependency on a missing container',
    bad: workflow([
      { name: 'main', containerSet: { containers: [{ name: 'a', image: 'alpine:3.20', dependencies: ['b'] }] } },
    ]),
    good: workflow([
      {
        name: 'main',
        containerSet: {
          containers: [
            { name: 'a', image: 'alpine:3.20', dependencies: ['b'] },
            { name: 'b', image: 'alpine:3.20' },
          ],
        },
      },
    ]),
    expected: ["templates.main.containerSet.containers.a dependency 'b' not defined"],
  },
  {
    name: 'a containerSet dependency cycle',
    bad: workflow([
      {
        name: 'main',
        containerSet: {
          containers: [
            { name: 'a', image: 'alpine:3.20', dependencies: ['b'] },
            { name: 'b', image: 'alpine:3.20', dependencies: ['a'] },
          ],
        },
      },
    ]),
    good: workflow([
      {
        name: 'main',
        containerSet: {
          containers: [
            { name: 'a', image: 'alpine:3.20', dependencies: ['b'] },
            { name: 'b', image: 'alpine:3.20' },
          ],
        },
      },
    ]),
    expected: ['templates.main.containerSet.containers dependency cycle detected: a->b->a'],
  },
  {
    name: 'containerSet outputs without a main container',
    bad: workflow([
      {
        name: 'main',
        containerSet: { containers: [{ name: 'a', image: 'alpine:3.20' }] },
        outputs: { parameters: [{ name: 'p', valueFrom: { path: '/tmp/p' } }] },
      },
    ]),
    good: workflow([
      {
        name: 'main',
        containerSet: { containers: [{ name: 'main', image: 'alpine:3.20' }] },
        outputs: { parameters: [{ name: 'p', valueFrom: { path: '/tmp/p' } }] },
      },
    ]),
    expected: ['templates.main.containerSet.containers must have a container named "main" for input or output'],
  },
  {
    name: 'a containerSet volume mounted twice at one path',
    bad: workflow([
      {
        name: 'main',
        containerSet: {
          containers: [{ name: 'main', image: 'alpine:3.20' }],
          volumeMounts: [
            { name: 'a', mountPath: '/w' },
            { name: 'b', mountPath: '/w' },
          ],
        },
      },
    ]),
    good: workflow([
      {
        name: 'main',
        containerSet: {
          containers: [{ name: 'main', image: 'alpine:3.20' }],
          volumeMounts: [{ name: 'a', mountPath: '/w' }],
        },
      },
    ]),
    expected: ["templates.main.containerSet.volumeMounts[1].mountPath '/w' already mounted in volumeMounts.a"],
  },
  {
    name: 'a containerSet container named wait',
    bad: workflow([{ name: 'main', containerSet: { containers: [{ name: 'wait', image: 'alpine:3.20' }] } }]),
    good: workflow([{ name: 'main', containerSet: { containers: [{ name: 'waiter', image: 'alpine:3.20' }] } }]),
    expected: ['templates.main.containerSet.containers: "wait" is a reserved Argo container name'],
  },
  {
    name: 'a sidecar named artifact-plugin-s3',
    bad: workflow([container('main', { sidecars: [{ name: 'artifact-plugin-s3', image: 'alpine:3.20' }] })]),
    good: workflow([container('main', { sidecars: [{ name: 'proxy', image: 'alpine:3.20' }] })]),
    expected: ['templates.main.sidecars: "artifact-plugin-s3" is a reserved Argo container name'],
  },
  // Rule 29: resource templates.
  {
    name: 'an unknown resource action',
    bad: workflow([resource({ action: 'upsert', manifest: cm })]),
    good: workflow([resource({ action: 'apply', manifest: cm })]),
    expected: ['templates.apply.resource.action must be one of: get, create, apply, delete, replace, patch'],
  },
  {
    name: 'a create without a manifest',
    bad: workflow([resource({ action: 'create' })]),
    good: workflow([resource({ action: 'delete' })]),
    expected: ['either templates.apply.resource.manifest or templates.apply.resource.manifestFrom must be specified'],
  },
  {
    name: 'both manifest and manifestFrom',
    bad: workflow([
      resource(
        { action: 'create', manifest: cm, manifestFrom: { artifact: { name: 'm' } } },
        {
          inputs: { artifacts: [{ name: 'm', path: '/m', raw: { data: cm } }] },
        },
      ),
    ]),
    good: workflow([
      resource(
        { action: 'create', manifestFrom: { artifact: { name: 'm' } } },
        {
          inputs: { artifacts: [{ name: 'm', path: '/m', raw: { data: cm } }] },
        },
      ),
    ]),
    expected: [
      "templates.apply shouldn't have both `manifest` and `manifestFrom` specified in `Manifest` for resource template",
    ],
  },
  {
    name: 'manifestFrom naming no input artifact',
    bad: workflow([resource({ action: 'create', manifestFrom: { artifact: { name: 'm' } } })]),
    good: workflow([
      resource(
        { action: 'create', manifestFrom: { artifact: { name: 'm' } } },
        {
          inputs: { artifacts: [{ name: 'm', path: '/m', raw: { data: cm } }] },
        },
      ),
    ]),
    expected: ['templates.apply artifact m in `manifestFrom` refer to a non-exist artifact'],
  },
  {
    name: 'a manifest that is not YAML',
    bad: workflow([resource({ action: 'create', manifest: 'kind: [unclosed' })]),
    good: workflow([resource({ action: 'create', manifest: 'kind: ConfigMap\nname: {{workflow.name}}\n' })]),
    expected: ['templates.apply.resource.manifest must be a valid yaml'],
  },
  // Rules 30, 31: outputs.
  {
    name: 'an output parameter with value and valueFrom',
    bad: workflow([outParam({ value: 'x', valueFrom: { path: '/tmp/x' } })]),
    good: workflow([outParam({ valueFrom: { path: '/tmp/x' } })]),
    expected: ['templates.main.outputs.parameters.out has both valueFrom and value specified, choose one'],
  },
  {
    name: 'an output parameter with neither value nor valueFrom',
    bad: workflow([outParam({})]),
    good: workflow([outParam({ value: 'x' })]),
    expected: ['templates.main.outputs.parameters.out does not have valueFrom or value specified'],
  },
  {
    name: 'an output valueFrom with no source',
    bad: workflow([outParam({ valueFrom: { default: 'x' } })]),
    good: workflow([outParam({ valueFrom: { default: 'x', path: '/tmp/x' } })]),
    expected: [
      'templates.main valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, raw, expression',
    ],
  },
  {
    name: 'an output valueFrom with two sources',
    bad: workflow([outParam({ valueFrom: { path: '/tmp/x', jsonPath: '{.a}' } })]),
    good: workflow([outParam({ valueFrom: { path: '/tmp/x' } })]),
    expected: [
      'templates.main multiple valueFrom types specified. choose one of: path, jqFilter, jsonPath, parameter, raw',
    ],
  },
  {
    name: 'a container output parameter without a path',
    bad: workflow([outParam({ valueFrom: { expression: 'x' } })]),
    good: workflow([outParam({ valueFrom: { path: '/x' } })]),
    expected: ['templates.main.outputs.parameters.out.path must be specified for Container templates'],
  },
  {
    name: 'a resource output parameter without jqFilter or jsonPath',
    bad: workflow([outParam({ valueFrom: { path: '/x' } }, resource({ action: 'create', manifest: cm }))]),
    good: workflow([
      outParam({ valueFrom: { jsonPath: '{.metadata.name}' } }, resource({ action: 'create', manifest: cm })),
    ]),
    expected: ['templates.apply.outputs.parameters.out .jqFilter or jsonPath must be specified for Resource templates'],
  },
  {
    name: 'a steps output parameter without parameter or expression',
    bad: workflow([
      outParam({ valueFrom: { path: '/x' } }, steps('main', [[{ name: 'a', template: 'leaf' }]])),
      container('leaf'),
    ]),
    good: workflow([
      outParam(
        { valueFrom: { parameter: '{{steps.a.outputs.result}}' } },
        steps('main', [[{ name: 'a', template: 'leaf' }]]),
      ),
      container('leaf'),
    ]),
    expected: ['templates.main.outputs.parameters.out.parameter or expression must be specified for Steps templates'],
  },
  {
    name: 'an output parameter name with a slash',
    bad: workflow([{ ...container('main'), outputs: { parameters: [{ name: 'a/b', value: '1' }] } }]),
    good: workflow([{ ...container('main'), outputs: { parameters: [{ name: 'a-b', value: '1' }] } }]),
    expected: [
      "templates.main.outputs.parameters [0].name: 'a/b' is invalid: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1",
    ],
  },
  {
    name: 'an output globalName with a dot',
    bad: workflow([outParam({ valueFrom: { path: '/x' }, globalName: 'a.b' })]),
    good: workflow([outParam({ valueFrom: { path: '/x' }, globalName: 'a_b' })]),
    expected: [
      "templates.main.outputs.parameters.out.globalName: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1",
    ],
  },
  {
    name: 'an output artifact path on a DAG',
    bad: workflow([
      {
        name: 'main',
        dag: { tasks: [{ name: 'a', template: 'leaf' }] },
        outputs: { artifacts: [{ name: 'o', path: '/o', from: '{{tasks.a.outputs.artifacts.o}}' }] },
      },
      { ...container('leaf'), outputs: { artifacts: [{ name: 'o', path: '/o' }] } },
    ]),
    good: workflow([
      {
        name: 'main',
        dag: { tasks: [{ name: 'a', template: 'leaf' }] },
        outputs: { artifacts: [{ name: 'o', from: '{{tasks.a.outputs.artifacts.o}}' }] },
      },
      { ...container('leaf'), outputs: { artifacts: [{ name: 'o', path: '/o' }] } },
    ]),
    expected: ['templates.main.outputs.artifacts.o.path only valid in container/script templates'],
  },
  // Rule 32: archiveLocation.
  {
    name: 'an archiveLocation git without a repo',
    bad: workflow([container('main', { archiveLocation: { git: { revision: 'x' } } })]),
    good: workflow([container('main', { archiveLocation: { archiveLogs: true } })]),
    expected: ['templates.main.archiveLocation.git.repo is required'],
    contains: true,
  },
  // Rule 33: metrics.
  {
    name: 'a metric name with a dash',
    bad: workflow([metric({ name: 'rows-loaded' })]),
    good: workflow([metric({ name: 'rows_loaded' })]),
    expected: [
      "templates.main metric name 'rows-loaded' is invalid. Metric names must contain alphanumeric characters or '_'",
    ],
  },
  {
    name: 'a metric label key with a dash',
    bad: workflow([metric({ labels: [{ key: 'team-name', value: 'etl' }] })]),
    good: workflow([metric({ labels: [{ key: 'team_name', value: 'etl' }] })]),
    expected: [
      "templates.main metric label 'team-name' is invalid: keys may only contain alphanumeric characters or '_'",
    ],
  },
  {
    name: 'a metric without help',
    bad: workflow([metric({ help: '' })]),
    good: workflow([metric({ help: 'rows' })]),
    expected: ["templates.main metric 'rows' must contain a help string under 'help: ' field"],
  },
  {
    name: 'a counter without a value',
    bad: workflow([metric({ counter: { value: '' } })]),
    good: workflow([metric({ counter: { value: '1' } })]),
    expected: ["templates.main metric 'rows' error: missing counter.value"],
  },
  {
    name: 'a real-time gauge on resourcesDuration',
    bad: workflow([metric({ counter: undefined, gauge: { value: '{{resourcesDuration.cpu}}', realtime: true } })]),
    good: workflow([metric({ counter: undefined, gauge: { value: '{{resourcesDuration.cpu}}', realtime: false } })]),
    expected: ["templates.main metric 'rows' error: 'resourcesDuration.*' metrics cannot be used in real-time"],
  },
  {
    name: 'a histogram without a value',
    bad: workflow([metric({ counter: undefined, histogram: { value: '', buckets: [1, 2] } })]),
    good: workflow([metric({ counter: undefined, histogram: { value: '{{duration}}', buckets: [1, 2] } })]),
    expected: ["templates.main metric 'rows' error: missing histogram.value"],
  },
  // Rule 24: leaf variables.
  {
    name: 'a container using an undeclared input',
    bad: around(container('leaf', { container: { image: 'alpine:3.20', args: ['{{inputs.parameters.date}}'] } })),
    good: around(
      container('leaf', {
        inputs: { parameters: [{ name: 'date', value: 'today' }] },
        container: { image: 'alpine:3.20', args: ['{{inputs.parameters.date}}'] },
      }),
    ),
    expected: ['templates.leaf: failed to resolve {{inputs.parameters.date}}'],
  },
  {
    name: 'an undeclared workflow parameter in a Workflow',
    bad: workflow([
      container('main', { container: { image: 'alpine:3.20', args: ['{{ workflow.parameters.day }}'] } }),
    ]),
    good: workflow(
      [container('main', { container: { image: 'alpine:3.20', args: ['{{ workflow.parameters.day }}'] } })],
      {
        arguments: { parameters: [{ name: 'day' }] },
      },
    ),
    expected: ['templates.main: failed to resolve {{ workflow.parameters.day }}'],
  },
  {
    name: 'workflow.failures without an exit handler',
    bad: workflow([container('main', { container: { image: 'alpine:3.20', args: ['{{workflow.failures}}'] } })]),
    good: workflow(
      [container('main'), container('exit', { container: { image: 'alpine:3.20', args: ['{{workflow.failures}}'] } })],
      {
        onExit: 'exit',
      },
    ),
    expected: ['templates.main: failed to resolve {{workflow.failures}}'],
  },
];

describe('template-level rules', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});
