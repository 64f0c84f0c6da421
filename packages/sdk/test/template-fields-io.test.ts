import { describe, expect, it } from 'vitest';
import { argoVariables, container, dag, lastRetry, steps, workflow } from '../src/index.js';

const train = container({
  name: 'train',
  inputs: { parameters: { partId: {}, epochs: { default: 3 }, mode: { enum: ['full', 1, true], default: 'full' } } },
  outputs: (io) => ({
    parameters: { accuracy: { globalName: 'model-accuracy', valueFrom: { path: '/tmp/accuracy' } } },
    artifacts: { model: { path: '/tmp/model', s3: { key: `models/${io.inputs.parameters.partId}/model.tgz` } } },
  }),
  container: (io) => ({
    image: 'trainer:1.4.2',
    args: ['--epochs', io.inputs.parameters.epochs, '--all', io.inputs.parametersJson],
  }),
  metrics: (io) => ({
    prometheus: [
      {
        name: 'train_accuracy',
        help: 'accuracy of the trained model',
        labels: [
          { key: 'part', value: io.inputs.parameters.partId },
          { key: 'status', value: argoVariables.status },
        ],
        gauge: { value: io.outputs.parameters.accuracy, realtime: false },
      },
    ],
  }),
  podSpecPatch: (io) => JSON.stringify({ priorityClassName: `part-${io.inputs.parameters.partId}` }),
  retryStrategy: { limit: 2, expression: `${lastRetry.exitCode} == '1'` },
  memoize: (io) => ({ key: io.inputs.parameters.partId, cache: { configMap: { name: 'train-cache' } }, maxAge: '7d' }),
});

describe('every template field may be a function of the template’s typed io', () => {
  const t = train.toTemplate();

  it('outputs built from an input: an S3 key naming the part', () => {
    expect(t.outputs?.artifacts?.[0]?.s3?.key).toBe('models/{{inputs.parameters.part-id}}/model.tgz');
  });

  it('metrics, podSpecPatch and memoize read the inputs and the declared outputs', () => {
    const metric = t.metrics?.prometheus?.[0];
    expect(metric?.labels).toEqual([
      { key: 'part', value: '{{inputs.parameters.part-id}}' },
      { key: 'status', value: '{{status}}' },
    ]);
    expect(metric?.gauge?.value).toBe('{{outputs.parameters.accuracy}}');
    expect(t.podSpecPatch).toBe('{"priorityClassName":"part-{{inputs.parameters.part-id}}"}');
    expect(t.memoize?.key).toBe('{{inputs.parameters.part-id}}');
    expect(t.retryStrategy?.expression).toBe("lastRetry.exitCode == '1'");
    expect(t.container?.args).toEqual(['--epochs', '{{inputs.parameters.epochs}}', '--all', '{{inputs.parameters}}']);
  });

  it('defaults and enums take numbers and booleans, written as strings as Argo keeps them', () => {
    expect(t.inputs?.parameters).toEqual([
      { name: 'part-id' },
      { name: 'epochs', default: '3' },
      { name: 'mode', enum: ['full', '1', 'true'], default: 'full' },
    ]);
  });

  it('.set() takes functions of the io too, and keeps the key order of a template', () => {
    const deadline = train.set({ activeDeadlineSeconds: (io) => `{{=asInt(${io.inputs.parameters.epochs}) * 600}}` });
    expect(deadline.toTemplate().activeDeadlineSeconds).toBe('{{=asInt({{inputs.parameters.epochs}}) * 600}}');
    expect(train.toTemplate().activeDeadlineSeconds).toBeUndefined();
  });

  it('a DAG’s and a steps template’s fields too', () => {
    const main = dag(
      {
        name: 'main',
        inputs: { parameters: { day: {} } },
        synchronization: (io) => ({ mutexes: [{ name: `day-${io.inputs.parameters.day}` }] }),
      },
      (d) => void d.task('train', train, { partId: d.inputs.parameters.day }),
    );
    expect(main.toTemplate().synchronization).toEqual({ mutexes: [{ name: 'day-{{inputs.parameters.day}}' }] });
    const s = steps(
      { name: 's', inputs: { parameters: { day: {} } }, timeout: (io) => `${io.inputs.parameters.day}m` },
      (st) => void st.step('train', train, { partId: '1' }),
    );
    expect(s.toTemplate().timeout).toBe('{{inputs.parameters.day}}m');
  });
});

describe('workflow outputs from globalName', () => {
  it('references an exported output by its TypeScript key', () => {
    expect(train.globalOutputs.parameters).toEqual({ accuracy: '{{workflow.outputs.parameters.model-accuracy}}' });
    expect(train.globalOutputs.artifacts).toEqual({});
  });

  it('reads in an exit handler as Argo resolves it', () => {
    const report = container({
      name: 'report',
      container: { image: 'busybox:1.36', args: [train.globalOutputs.parameters.accuracy] },
    });
    const wf = workflow({ generateName: 'train-' })
      .entrypoint(dag('main', (d) => void d.task('train', train, { partId: '7' })))
      .onExit(report)
      .toObject();
    const args = wf.spec?.templates?.find((x) => x.name === 'report')?.container?.args;
    expect(args).toEqual(['{{workflow.outputs.parameters.model-accuracy}}']);
  });
});
