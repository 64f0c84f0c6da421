import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/index.js';
import { container, type Doc, messages, workflow, workflowTemplate } from './support.js';

// Each class of valid workflow the linter used to reject: the valid document is accepted and its nearest invalid
// neighbour is rejected with Argo's message. Each block names the code path of Argo's validator (validate.go) or
// of its Go types that decides the case; where the JSON schema says otherwise, that code path wins.

describe('false rejection: parameter values typed the way Argo decodes them (AnyString)', () => {
  // Decided by wfv1.AnyString.UnmarshalJSON (Parameter.value/default/enum, ValueFrom.default), before
  // validateArguments and validateInputs see the parameters: numbers and booleans become their text.
  const withValues = (value: unknown, def: unknown, enumValues: unknown[]): Doc =>
    workflow(
      [
        container('main', {
          inputs: { parameters: [{ name: 'x', default: def, enum: enumValues }] },
          outputs: { parameters: [{ name: 'o', valueFrom: { path: '/tmp/o', default: 0 } }] },
        }),
      ],
      { arguments: { parameters: [{ name: 'count', value }] } },
    );

  it('accepts numbers and booleans as value, default, enum and valueFrom.default', () => {
    expect(messages(withValues(3, 2, [1, 2, 3.5]))).toEqual([]);
    expect(messages(withValues(true, false, [true, false]))).toEqual([]);
  });

  it('an object or an array decodes to the empty string: accepted, and compared with an enum as ""', () => {
    // AnyString.UnmarshalJSON has no default case: it never fails, it leaves other JSON values empty.
    expect(messages(withValues({ n: 3 }, [2], [1]))).toEqual([]);
    const doc = workflow([container('main')], { arguments: { parameters: [{ name: 'n', value: [2], enum: [2] }] } });
    expect(messages(doc)).toEqual(['spec.arguments.n.value should be present in spec.arguments.n.enum list']);
  });

  it('compares a numeric value with a numeric enum as text (validateArgumentsValues)', () => {
    const doc = workflow([container('main')], {
      arguments: { parameters: [{ name: 'n', value: 4, enum: [1, 2, 3] }] },
    });
    expect(messages(doc)).toEqual(['spec.arguments.n.value should be present in spec.arguments.n.enum list']);
    const fine = workflow([container('main')], {
      arguments: { parameters: [{ name: 'n', value: 2, enum: [1, 2, 3] }] },
    });
    expect(messages(fine)).toEqual([]);
  });
});

describe('false rejection: templateDefaults fill a template before it is checked', () => {
  // validateLeaf (validate.go, `tmpl.Container.Image == ""` / `tmpl.Script.Image == ""`): an empty image is
  // accepted when spec.templateDefaults gives one; the controller merges the defaults into each template.
  const bare = [
    {
      name: 'main',
      steps: [
        [
          { name: 'a', template: 'c' },
          { name: 'b', template: 's' },
        ],
      ],
    },
    { name: 'c', container: { command: ['echo', 'hi'] } },
    { name: 's', script: { command: ['python'] } },
  ];
  const defaults = {
    container: { image: 'alpine:3.20' },
    script: { image: 'python:3.12', source: 'print(1)' },
  };

  it('accepts a container and a script without image and source when templateDefaults give them', () => {
    expect(messages(workflow(bare, { templateDefaults: defaults }))).toEqual([]);
    expect(messages(workflowTemplate('t', bare, { templateDefaults: defaults }))).toEqual([]);
  });

  it('without the defaults, rejects them with Argo’s message, the path pointing at the template', () => {
    const got = messages(workflow(bare));
    expect(got).toContain('templates.c.container.image may not be empty');
    expect(got).toContain('templates.s.script.image may not be empty');
    expect(got).toContain('spec.templates[2].script.source: required field missing');
  });

  it('defaults that give the image only still leave a script without source', () => {
    const got = messages(
      workflow(bare, { templateDefaults: { container: { image: 'a:1' }, script: { image: 'b:1' } } }),
    );
    expect(got).toEqual(['spec.templates[2].script.source: required field missing']);
  });
});

describe('false rejection: whole-map {{inputs.parameters}}', () => {
  // validateInputs: `scope["inputs.parameters"]` is set when the template has at least one input parameter.
  const script = (parameters: Doc[]): Doc =>
    workflow([
      {
        name: 'main',
        inputs: { parameters },
        script: {
          image: 'python:3.12',
          command: ['python'],
          source: "import json; json.loads('{{inputs.parameters}}')",
        },
      },
    ]);

  it('accepts it in a template that has parameters', () => {
    expect(messages(script([{ name: 'a', value: '1' }]))).toEqual([]);
  });

  it('rejects it in a template without parameters', () => {
    expect(messages(script([]))).toEqual(['templates.main: failed to resolve {{inputs.parameters}}']);
  });
});

describe('false rejection: nested tags in dynamic step and task names', () => {
  // validateTemplate calls common.ProcessArgs before validateSteps/validateDAG: the template's inputs are
  // substituted first (template.Replace resolves the nested `{{inputs.parameters.date}}` inside
  // `{{steps.run-{{inputs.parameters.date}}.outputs.result}}`), then resolveAllVariables checks what is left;
  // isValidStepName accepts the substituted name.
  const nested = (reference: string): Doc =>
    workflow([
      {
        name: 'main',
        inputs: { parameters: [{ name: 'date', value: '2024-01-01' }] },
        steps: [
          [{ name: 'run-{{inputs.parameters.date}}', template: 'work' }],
          [{ name: 'after', template: 'print', arguments: { parameters: [{ name: 'm', value: reference }] } }],
        ],
      },
      { name: 'work', script: { image: 'python:3.12', command: ['python'], source: 'print(1)' } },
      container('print', { inputs: { parameters: [{ name: 'm' }] } }),
    ]);

  it('accepts a reference to a step whose name is built from an input', () => {
    expect(messages(nested('{{steps.run-{{inputs.parameters.date}}.outputs.result}}'))).toEqual([]);
  });

  // validateDAG runs validateWorkflowFieldNames (not isValidStepName) over the substituted tasks: a task name
  // that is built from an input is rejected by Argo itself, so it stays rejected here.
  it('rejects a DAG task whose name is built from an input, as Argo does', () => {
    const dag = workflow([
      {
        name: 'main',
        inputs: { parameters: [{ name: 'date', value: 'x' }] },
        dag: {
          tasks: [
            { name: 'run-{{inputs.parameters.date}}', template: 'work' },
            {
              name: 'after',
              depends: 'run-{{inputs.parameters.date}}',
              template: 'print',
              arguments: {
                parameters: [{ name: 'm', value: '{{tasks.run-{{inputs.parameters.date}}.outputs.result}}' }],
              },
            },
          ],
        },
      },
      { name: 'work', script: { image: 'python:3.12', command: ['python'], source: 'print(1)' } },
      container('print', { inputs: { parameters: [{ name: 'm' }] } }),
    ]);
    expect(messages(dag)[0]).toMatch(/^templates\.main\.tasks\[0\]\.name: 'run-.*' is invalid: name must consist/);
  });

  it('rejects a nested reference to an input the template does not declare', () => {
    expect(messages(nested('{{steps.run-{{inputs.parameters.day}}.outputs.result}}'))).toEqual([
      'templates.main.steps failed to resolve {{steps.run-{{inputs.parameters.day}}',
    ]);
  });

  it('rejects a nested reference to a step that does not exist', () => {
    const got = messages(nested('{{steps.go-{{inputs.parameters.date}}.outputs.result}}'));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(
      /^templates\.main\.steps failed to resolve \{\{steps\.go-__argo__internal__placeholder-\d+\.outputs\.result\}\}$/,
    );
  });
});

describe('false rejection: fields Go treats as optional though the schema lists them as required', () => {
  // The schema marks Gauge.realtime required (its json tag has no omitempty) but the Go field is `*bool`:
  // decoding leaves it nil and the metrics code reads nil as false. What validate.go does check about a metric
  // (help, a value for its type: metrics.ValidateMetricValues) still applies.
  const gauge = (body: Doc, help = 'duration'): Doc =>
    workflow([container('main', { metrics: { prometheus: [{ name: 'dur', help, gauge: body }] } })]);

  it('accepts a gauge without realtime', () => {
    expect(messages(gauge({ value: '{{duration}}' }))).toEqual([]);
  });

  it('rejects a gauge without help, with Argo’s message', () => {
    expect(messages(gauge({ value: '1' }, ''))).toEqual([
      "templates.main metric 'dur' must contain a help string under 'help: ' field",
    ]);
  });

  it('still rejects realtime of the wrong type', () => {
    expect(messages(gauge({ value: '1', realtime: 'yes' }))).toEqual([
      'spec.templates[0].metrics.prometheus[0].gauge.realtime: expected boolean, got string "yes"',
    ]);
  });
});

describe('false rejection: labels and annotations the controller adds (workflowDefaults)', () => {
  // Workflow() in validate.go adds the keys of wfDefaults.Spec.WorkflowMetadata.{Labels,Annotations,LabelsFrom}
  // to the global scope; the controller merges the rest of workflowDefaults under each workflow.
  const uses = workflow([
    container('main', {
      container: {
        image: 'alpine:3.20',
        command: ['echo', '{{workflow.labels.team}}', '{{workflow.annotations.owner}}'],
      },
    }),
  ]);
  const config = validateConfig(
    {
      workflowDefaults: {
        metadata: { labels: { team: 'data' } },
        spec: { workflowMetadata: { annotations: { owner: 'ml' } }, serviceAccountName: 'argo-workflow' },
      },
    },
    'sluice.config.ts',
  );

  it('accepts references to them when sluice.config.ts declares the defaults', () => {
    expect(config.workflowDefaults).toBeDefined();
    expect(messages(uses, { workflowDefaults: config.workflowDefaults! })).toEqual([]);
  });

  it('rejects them without the defaults, with Argo’s message', () => {
    expect(messages(uses)).toEqual([
      'templates.main: failed to resolve {{workflow.labels.team}}',
      'templates.main: failed to resolve {{workflow.annotations.owner}}',
    ]);
  });

  it('rejects a label the defaults do not set', () => {
    const other = validateConfig({ workflowDefaults: { metadata: { labels: { tier: 'x' } } } }, 'sluice.config.ts');
    expect(messages(uses, { workflowDefaults: other.workflowDefaults! })).toContain(
      'templates.main: failed to resolve {{workflow.labels.team}}',
    );
  });

  it('a bad workflowDefaults in the configuration names the file and the field', () => {
    expect(() =>
      validateConfig({ workflowDefaults: { spec: { serviceAcountName: 'x' } } }, 'sluice.config.ts'),
    ).toThrow(
      'sluice.config.ts: workflowDefaults.spec.serviceAcountName: unknown field (did you mean "serviceAccountName"?)',
    );
  });
});

describe('argoVersion in sluice.config.ts', () => {
  it('takes a supported release and rejects any other, naming the choices', () => {
    expect(validateConfig({ argoVersion: '3.6' }, 'sluice.config.ts')).toEqual({ argoVersion: '3.6' });
    expect(() => validateConfig({ argoVersion: '3.4' }, 'sluice.config.ts')).toThrow(
      `sluice.config.ts: argoVersion "3.4" is not a supported Argo release; use one of '3.5', '3.6', '3.7', '4.0', '4.1'`,
    );
  });
});
