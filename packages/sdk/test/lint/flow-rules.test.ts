import { describe, it } from 'vitest';
import { check, container, cronWorkflow, type Doc, type LintCase, workflow, workflowTemplate } from './support.js';

const echo = container('echo', {
  inputs: { parameters: [{ name: 'msg', default: 'hi' }] },
  outputs: { parameters: [{ name: 'out', valueFrom: { path: '/tmp/out' } }] },
});
const dag = (tasks: Doc[], extra: Doc = {}) => workflow([{ name: 'main', dag: { tasks, ...extra } }, echo]);
const task = (name: string, extra: Doc = {}) => ({ name, template: 'echo', ...extra });
const stepsWf = (groups: Doc[][]) => workflow([{ name: 'main', steps: groups }, echo]);
const step = (name: string, extra: Doc = {}) => ({ name, template: 'echo', ...extra });
const lib = workflowTemplate('lib', [container('hello')]);

const cases: LintCase[] = [
  // Rules 34, 35: references.
  {
    name: 'a step naming no template',
    bad: stepsWf([[step('a', { template: 'ecko' })]]),
    good: stepsWf([[step('a')]]),
    expected: ['templates.main.steps[0].a template name \'ecko\' undefined; did you mean "echo"?'],
  },
  {
    name: 'a task with template and templateRef',
    bad: [dag([task('a', { templateRef: { name: 'lib', template: 'hello' } })]), lib],
    good: [dag([{ name: 'a', templateRef: { name: 'lib', template: 'hello' } }]), lib],
    expected: ['templates.main.tasks.a template name cannot be specified with templateRef'],
  },
  {
    name: 'a templateRef without a name',
    bad: dag([{ name: 'a', templateRef: { name: '', template: 'hello' } }]),
    good: [dag([{ name: 'a', templateRef: { name: 'lib', template: 'hello' } }]), lib],
    expected: ['templates.main.tasks.a resource name is required'],
  },
  {
    name: 'a templateRef without a template',
    bad: [dag([{ name: 'a', templateRef: { name: 'lib', template: '' } }]), lib],
    good: [dag([{ name: 'a', templateRef: { name: 'lib', template: 'hello' } }]), lib],
    expected: ['templates.main.tasks.a template name is required'],
  },
  {
    name: 'a templateRef to a template the files do not hold',
    bad: [dag([{ name: 'a', templateRef: { name: 'lib', template: 'bye' } }]), lib],
    good: [
      workflow(
        [
          {
            name: 'main',
            dag: { tasks: [{ name: 'a', templateRef: { name: 'lib', template: '{{workflow.parameters.which}}' } }] },
          },
        ],
        {
          arguments: { parameters: [{ name: 'which', value: 'hello' }] },
        },
      ),
      lib,
    ],
    expected: ['templates.main.tasks.a template reference lib.bye not found; WorkflowTemplate "lib" defines: hello'],
  },
  // Rule 19 at call sites.
  {
    name: 'a step that does not supply a required input',
    bad: workflow([
      { name: 'main', steps: [[step('a', { template: 'needs' })]] },
      container('needs', { inputs: { parameters: [{ name: 'day' }] } }),
    ]),
    good: workflow([
      {
        name: 'main',
        steps: [[step('a', { template: 'needs', arguments: { parameters: [{ name: 'day', value: 'mon' }] } })]],
      },
      container('needs', { inputs: { parameters: [{ name: 'day' }] } }),
    ]),
    expected: ['templates.main.steps[0].a templates.needs inputs.parameters.day was not supplied'],
  },
  {
    name: 'a task that does not supply a required artifact',
    bad: workflow([
      { name: 'main', dag: { tasks: [task('a', { template: 'needs' })] } },
      container('needs', { inputs: { artifacts: [{ name: 'data', path: '/data' }] } }),
    ]),
    good: workflow([
      { name: 'main', dag: { tasks: [task('a', { template: 'needs' })] } },
      container('needs', { inputs: { artifacts: [{ name: 'data', path: '/data', optional: true }] } }),
    ]),
    expected: ['templates.main.tasks.a templates.needs inputs.artifacts.data was not supplied'],
  },
  // Rules 36–38: steps.
  {
    name: 'a step without a name',
    bad: stepsWf([[{ template: 'echo' }]]),
    good: stepsWf([[step('a')]]),
    expected: ['templates.main.steps[0].name is required'],
  },
  {
    name: 'a step name used in two groups',
    bad: stepsWf([[step('a')], [step('a')]]),
    good: stepsWf([[step('a')], [step('b')]]),
    expected: ["templates.main.steps[1].name 'a' is not unique"],
  },
  {
    name: 'a step name with a dot',
    bad: stepsWf([[step('a.b')]]),
    good: stepsWf([[step('a-{{item}}', { withItems: [1, 2] })]]),
    expected: [
      "templates.main.steps[0].name 'a.b' is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)",
    ],
  },
  {
    name: 'a step looping over items and a parameter',
    bad: stepsWf([[step('a', { withItems: [1], withParam: '[1]' })]]),
    good: stepsWf([[step('a', { withParam: '[1]' })]]),
    expected: ['templates.main.steps[0].a only one of withItems, withParam, withSequence can be specified'],
  },
  {
    name: 'a sequence with count and end',
    bad: stepsWf([[step('a', { withSequence: { count: '3', end: '5' } })]]),
    good: stepsWf([[step('a', { withSequence: { start: '1', end: '5' } })]]),
    expected: ['templates.main.steps[0].a only one of count or end can be defined in withSequence'],
  },
  {
    name: "a step using a later step's output",
    bad: stepsWf([
      [step('a', { arguments: { parameters: [{ name: 'msg', value: '{{steps.b.outputs.parameters.out}}' }] } })],
      [step('b')],
    ]),
    good: stepsWf([
      [step('b')],
      [step('a', { arguments: { parameters: [{ name: 'msg', value: '{{steps.b.outputs.parameters.out}}' }] } })],
    ]),
    expected: ['templates.main.steps failed to resolve {{steps.b.outputs.parameters.out}}'],
  },
  {
    name: 'a map item key that the items do not have',
    bad: stepsWf([
      [
        step('a', {
          withItems: [{ os: 'linux' }],
          arguments: { parameters: [{ name: 'msg', value: '{{item.arch}}' }] },
        }),
      ],
    ]),
    good: stepsWf([
      [step('a', { withItems: [{ os: 'linux' }], arguments: { parameters: [{ name: 'msg', value: '{{item.os}}' }] } })],
    ]),
    expected: ['templates.main.steps failed to resolve {{item.arch}}'],
  },
  {
    name: 'a steps output that names no step',
    bad: workflow([
      {
        name: 'main',
        steps: [[step('a')]],
        outputs: { parameters: [{ name: 'o', valueFrom: { parameter: '{{steps.z.outputs.parameters.out}}' } }] },
      },
      echo,
    ]),
    good: workflow([
      {
        name: 'main',
        steps: [[step('a')]],
        outputs: { parameters: [{ name: 'o', valueFrom: { parameter: '{{steps.a.outputs.parameters.out}}' } }] },
      },
      echo,
    ]),
    expected: ['templates.main.outputs failed to resolve {{steps.z.outputs.parameters.out}}'],
  },
  {
    name: 'a step hook without an expression',
    bad: stepsWf([[step('a', { hooks: { running: { template: 'echo' } } })]]),
    good: stepsWf([[step('a', { hooks: { exit: { template: 'echo' } } })]]),
    expected: ['templates.main.steps[0].a.running Expression required'],
  },
  {
    name: 'a step argument without a value',
    bad: stepsWf([[step('a', { arguments: { parameters: [{ name: 'msg' }] } })]]),
    good: stepsWf([[step('a', { arguments: { parameters: [{ name: 'msg', value: 'x' }] } })]]),
    expected: [
      'templates.main.steps[0].a.arguments.msg.value or templates.main.steps[0].a.arguments.msg.valueFrom is required',
    ],
  },
  // Rules 39–48: DAG.
  {
    name: 'a DAG without tasks',
    bad: dag([]),
    good: dag([task('a')]),
    expected: ['templates.main must have at least one task'],
  },
  {
    name: 'a task name with an underscore',
    bad: dag([task('load_data')]),
    good: dag([task('load-data')]),
    expected: [
      "templates.main.tasks[0].name: 'load_data' is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)",
    ],
  },
  {
    name: 'a repeated task name',
    bad: dag([task('a'), task('a')]),
    good: dag([task('a'), task('b')]),
    expected: ["templates.main.tasks[1].name 'a' is not unique"],
  },
  {
    name: 'a task name starting with a digit in a DAG with depends',
    bad: dag([task('1st'), task('b', { depends: '1st' })]),
    good: dag([task('first'), task('b', { depends: 'first' })]),
    expected: ["templates.main.tasks.1st name cannot begin with a digit when using either 'depends' or 'dependencies'"],
  },
  {
    name: 'depends and dependencies in one DAG',
    bad: dag([task('a'), task('b', { depends: 'a' }), task('c', { dependencies: ['a'] })]),
    good: dag([task('a'), task('b', { depends: 'a' }), task('c', { depends: 'a' })]),
    expected: ["templates.main cannot use both 'depends' and 'dependencies' in the same DAG template"],
  },
  {
    name: 'continueOn in a DAG with depends',
    bad: dag([task('a', { continueOn: { failed: true } }), task('b', { depends: 'a' })]),
    good: dag([task('a'), task('b', { depends: 'a.Succeeded || a.Failed' })]),
    expected: [
      "templates.main cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'",
    ],
  },
  {
    name: 'an unknown task result in depends',
    bad: dag([task('a'), task('b', { depends: 'a.Finished' })]),
    good: dag([task('a'), task('b', { depends: 'a.Errored' })]),
    expected: [
      "templates.main.tasks.b task result 'Finished' for task 'a' is invalid; valid results: Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded, AllFailed",
    ],
  },
  {
    name: 'a dependency on a task that does not exist',
    bad: dag([task('a'), task('b', { dependencies: ['c'] })]),
    good: dag([task('a'), task('b', { dependencies: ['a'] })]),
    expected: ["templates.main.tasks.b dependency 'c' not defined; tasks of this DAG: a"],
  },
  {
    name: 'AnySucceeded on a task without items',
    bad: dag([task('a'), task('b', { depends: 'a.AnySucceeded' })]),
    good: dag([task('a', { withItems: [1, 2] }), task('b', { depends: 'a.AnySucceeded' })]),
    expected: [
      "templates.main.tasks.b dependency 'a' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items",
    ],
  },
  {
    name: 'a dependency cycle',
    bad: dag([task('a', { depends: 'b' }), task('b', { depends: 'a' })]),
    good: dag([task('a'), task('b', { depends: 'a' })]),
    expected: ['templates.main.tasks dependency cycle detected: b->a->b'],
  },
  {
    name: 'a target that is not a task',
    bad: dag([task('a'), task('b')], { target: 'a c' }),
    good: dag([task('a'), task('b')], { target: 'a b' }),
    expected: ["templates.main.targets: target 'c' is not defined"],
  },
  {
    name: 'a target using an unknown variable',
    bad: dag([task('a')], { target: '{{inputs.parameters.target}}' }),
    good: workflow([
      {
        name: 'main',
        inputs: { parameters: [{ name: 'target', value: 'a' }] },
        dag: { tasks: [task('a')], target: '{{inputs.parameters.target}}' },
      },
      echo,
    ]),
    expected: ['templates.main.targets failed to resolve {{inputs.parameters.target}}'],
  },
  {
    name: "a task using a non-ancestor's output as an argument",
    bad: dag([
      task('a'),
      task('b', { arguments: { parameters: [{ name: 'msg', value: '{{tasks.a.outputs.parameters.out}}' }] } }),
    ]),
    good: dag([
      task('a'),
      task('b', {
        depends: 'a',
        arguments: { parameters: [{ name: 'msg', value: '{{tasks.a.outputs.parameters.out}}' }] },
      }),
    ]),
    expected: ["templates.main.tasks.b missing dependency 'a' for parameter 'msg'"],
  },
  {
    name: "a task taking a non-ancestor's artifact",
    bad: workflow([
      {
        name: 'main',
        dag: {
          tasks: [
            task('a', { template: 'make' }),
            task('b', {
              template: 'take',
              arguments: { artifacts: [{ name: 'in', from: '{{tasks.a.outputs.artifacts.out}}' }] },
            }),
          ],
        },
      },
      { ...container('make'), outputs: { artifacts: [{ name: 'out', path: '/out' }] } },
      container('take', { inputs: { artifacts: [{ name: 'in', path: '/in' }] } }),
    ]),
    good: workflow([
      {
        name: 'main',
        dag: {
          tasks: [
            task('a', { template: 'make' }),
            task('b', {
              template: 'take',
              depends: 'a',
              arguments: { artifacts: [{ name: 'in', from: '{{tasks.a.outputs.artifacts.out}}' }] },
            }),
          ],
        },
      },
      { ...container('make'), outputs: { artifacts: [{ name: 'out', path: '/out' }] } },
      container('take', { inputs: { artifacts: [{ name: 'in', path: '/in' }] } }),
    ]),
    expected: ["templates.main.tasks.b missing dependency 'a' for artifact 'in'"],
  },
  {
    name: "a task reading a non-ancestor's status",
    bad: dag([task('a'), task('b', { when: "{{tasks.a.status}} == 'Succeeded'" })]),
    good: dag([task('a'), task('b', { depends: 'a', when: "{{tasks.a.status}} == 'Succeeded'" })]),
    expected: ['templates.main.tasks.b failed to resolve {{tasks.a.status}}'],
  },
  {
    name: 'a task using a loop item without a loop',
    bad: dag([task('a', { arguments: { parameters: [{ name: 'msg', value: '{{item.name}}' }] } })]),
    good: dag([
      task('a', { withParam: '[{"name":"x"}]', arguments: { parameters: [{ name: 'msg', value: '{{item.name}}' }] } }),
    ]),
    expected: ['templates.main.tasks.a failed to resolve {{item.name}}'],
  },
  {
    name: 'a task argument from valueFrom.expression',
    bad: dag([task('a', { arguments: { parameters: [{ name: 'msg', valueFrom: { expression: '1' } }] } })]),
    good: dag([
      task('a', {
        arguments: { parameters: [{ name: 'msg', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] },
      }),
    ]),
    expected: ['templates.main.tasks.a.arguments.msg.valueFrom only allows: default, configMapKeyRef and supplied'],
  },
  // Rules 49–52: CronWorkflow.
  {
    name: 'a cron name over 52 characters',
    bad: cronWorkflow({}, {}, 'c'.repeat(53)),
    good: cronWorkflow({}, {}, 'c'.repeat(52)),
    expected: [`cron workflow name "${'c'.repeat(53)}" must not be more than 52 characters long (currently 53)`],
  },
  {
    name: 'a schedule with four fields',
    bad: cronWorkflow({ schedules: ['0 2 * *'] }),
    good: cronWorkflow({ schedules: ['0 2 * * 1-5'] }),
    expected: ['cron schedule 0 2 * * is malformed: expected exactly 5 fields, found 4: [0 2 * *]'],
  },
  {
    name: 'a schedule with an hour out of range',
    bad: cronWorkflow({ schedules: ['0 24 * * *'] }),
    good: cronWorkflow({ schedules: ['0 23 * * *'] }),
    expected: ['cron schedule 0 24 * * * is malformed: end of range (24) above maximum (23): 24'],
  },
  {
    name: 'an unknown descriptor',
    bad: cronWorkflow({ schedules: ['@fortnightly'] }),
    good: cronWorkflow({ schedules: ['@weekly', '@every 90m'] }),
    expected: ['cron schedule @fortnightly is malformed: unrecognized descriptor: @fortnightly'],
  },
  {
    name: 'an @every without a unit',
    bad: cronWorkflow({ schedules: ['@every 5'] }),
    good: cronWorkflow({ schedules: ['@every 5m'] }),
    expected: ['cron schedule @every 5 is malformed: failed to parse duration @every 5: time: invalid duration "5"'],
  },
  {
    name: 'an unknown time zone',
    bad: cronWorkflow({ timezone: 'Mars/Olympus' }),
    good: cronWorkflow({ timezone: 'Europe/Berlin' }),
    expected: ['invalid timezone "Mars/Olympus": unknown time zone Mars/Olympus'],
  },
  {
    name: 'an unknown concurrencyPolicy',
    bad: cronWorkflow({ concurrencyPolicy: 'Queue' }),
    good: cronWorkflow({ concurrencyPolicy: 'Forbid' }),
    expected: ["'Queue' is not a valid concurrencyPolicy"],
    contains: true,
  },
  {
    name: 'a negative startingDeadlineSeconds',
    bad: cronWorkflow({ startingDeadlineSeconds: -1 }),
    good: cronWorkflow({ startingDeadlineSeconds: 0 }),
    expected: ['startingDeadlineSeconds must be positive'],
  },
  {
    name: 'a cron workflow argument without a value (cron is strict)',
    bad: cronWorkflow({}, { arguments: { parameters: [{ name: 'day' }] } }),
    good: cronWorkflow({}, { arguments: { parameters: [{ name: 'day', value: 'mon' }] } }),
    expected: ['cannot validate Workflow: spec.arguments.day.value or spec.arguments.day.valueFrom is required'],
  },
  {
    name: 'a cron enum parameter without a value',
    bad: cronWorkflow({}, { arguments: { parameters: [{ name: 'env', enum: ['dev', 'prod'] }] } }),
    good: workflow([container('main')], { arguments: { parameters: [{ name: 'env', enum: ['dev', 'prod'] }] } }),
    expected: [
      'cannot validate Workflow: spec.arguments.env.value or spec.arguments.env.valueFrom is required',
      'cannot validate Workflow: spec.arguments.env.value is required',
    ],
  },
  {
    name: 'a cron workflow spec error',
    bad: cronWorkflow({}, { entrypoint: 'nope' }),
    good: cronWorkflow({}, { entrypoint: 'main' }),
    expected: ["cannot validate Workflow: template name 'nope' undefined; defined templates: main"],
  },
];

describe('steps, DAG, reference and cron rules', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});
