import { describe, expectTypeOf, it } from 'vitest';
import { type ArtifactRef, container, dag } from '../src/index.js';

const train = container({
  name: 'train',
  inputs: { parameters: { partId: {}, epochs: { default: 3 } } },
  outputs: (io) => {
    expectTypeOf(io.inputs.parameters).toEqualTypeOf<{ readonly partId: string; readonly epochs: string }>();
    return {
      parameters: { accuracy: { globalName: 'model-accuracy', valueFrom: { path: '/tmp/acc' } }, loss: {} },
      artifacts: { model: { path: '/tmp/model', s3: { key: `models/${io.inputs.parameters.partId}` } } },
    };
  },
  container: (io) => {
    expectTypeOf(io.outputs.parameters).toEqualTypeOf<{ readonly accuracy: string; readonly loss: string }>();
    return { image: 'trainer:1.4.2' };
  },
  metrics: (io) => ({
    prometheus: [
      {
        name: 'acc',
        help: 'accuracy',
        // @ts-expect-error no output named "accurcy"
        gauge: { value: io.outputs.parameters.accurcy, realtime: false },
      },
    ],
  }),
  memoize: (io) => {
    // @ts-expect-error no input named "part"
    const key: string = io.inputs.parameters.part;
    return { key, cache: { configMap: { name: 'c' } }, maxAge: '1d' };
  },
});

describe('typed io in every template field', () => {
  it('outputs built by a function keep their declared keys on task handles', () => {
    dag('main', (d) => {
      const t = d.task('train', train, { partId: '1' });
      expectTypeOf(t.outputs.artifacts.model).toEqualTypeOf<ArtifactRef>();
      expectTypeOf(t.outputs.parameters.accuracy).toEqualTypeOf<string>();
      // @ts-expect-error a default of any scalar makes the input optional; partId is still required
      d.task('no-part', train, { epochs: 5 });
    });
  });

  it('globalOutputs has only the outputs exported with a globalName', () => {
    expectTypeOf(train.globalOutputs.parameters).toEqualTypeOf<{ readonly accuracy: string }>();
    // @ts-expect-error loss has no globalName
    void train.globalOutputs.parameters.loss;
  });

  it('set() fields are functions of the same io', () => {
    train.set({ activeDeadlineSeconds: (io) => io.inputs.parameters.epochs });
    // @ts-expect-error no input named "epoch"
    train.set({ activeDeadlineSeconds: (io) => io.inputs.parameters.epoch });
  });
});
