import { describe, expect, it } from 'vitest';
import {
  argoName,
  container,
  containerSet,
  data,
  fromTemplate,
  http,
  plugin,
  resource,
  script,
  suspend,
  workflow,
} from '../src/index.js';

describe('template functions', () => {
  it('build each of the leaf kinds with the body under its own key', () => {
    const made = [
      container({ name: 'a', container: { image: 'busybox:1.36' } }),
      script({ name: 'b', script: { image: 'python:3.12-slim', source: 'print(1)' } }),
      resource({ name: 'c', resource: { action: 'create', manifest: 'kind: ConfigMap' } }),
      suspend({ name: 'd', suspend: { duration: '10s' } }),
      http({ name: 'e', http: { url: 'https://example.com' } }),
      containerSet({ name: 'f', containerSet: { containers: [{ name: 'main', image: 'busybox:1.36' }] } }),
      data({ name: 'g', data: { source: { artifactPaths: { name: 'p', s3: { key: 'k' } } }, transformation: [] } }),
      plugin({ name: 'h', plugin: { hello: { text: 'x' } } }),
    ];
    expect(made.map((t) => t.kind)).toEqual([
      'container',
      'script',
      'resource',
      'suspend',
      'http',
      'containerSet',
      'data',
      'plugin',
    ]);
    expect(made[3]?.toTemplate()).toEqual({ name: 'd', suspend: { duration: '10s' } });
  });

  it('takes every other Template field, typed, and keeps declared names in kebab-case', () => {
    const t = container({
      name: 'train',
      inputs: {
        parameters: { learningRate: { default: '0.1' }, epochs: { name: 'EPOCHS' } },
        artifacts: { trainingData: { path: '/data' } },
      },
      outputs: { artifacts: { modelFile: { path: '/model', s3: { key: 'm' } } } },
      retryStrategy: { limit: 2, retryPolicy: 'OnError', backoff: { duration: '10s', factor: 2 } },
      activeDeadlineSeconds: 3600,
      nodeSelector: { gpu: 'true' },
      tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
      synchronization: { mutexes: [{ name: 'train' }] },
      memoize: { key: '{{inputs.parameters.learning-rate}}', maxAge: '1h', cache: { configMap: { name: 'c' } } },
      podSpecPatch: '{"terminationGracePeriodSeconds": 30}',
      container: {
        image: 'ghcr.io/acme/train:1.0.0',
        env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }],
        envFrom: [{ configMapRef: { name: 'settings' } }],
        securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true },
      },
    });
    const out = t.toTemplate();
    expect(out.inputs?.parameters?.map((p) => p.name)).toEqual(['learning-rate', 'EPOCHS']);
    expect(out.inputs?.artifacts).toEqual([{ name: 'training-data', path: '/data' }]);
    expect(out.outputs?.artifacts?.[0]?.name).toBe('model-file');
    expect(t.inputs.parameters.learningRate).toBe('{{inputs.parameters.learning-rate}}');
    expect(t.inputs.artifacts.trainingData).toBe('{{inputs.artifacts.training-data.path}}');
    expect(Object.keys(out)).toEqual([
      'name',
      'inputs',
      'outputs',
      'activeDeadlineSeconds',
      'memoize',
      'nodeSelector',
      'podSpecPatch',
      'retryStrategy',
      'synchronization',
      'tolerations',
      'container',
    ]);
  });

  it('maps camelCase keys to kebab-case Argo names', () => {
    expect(['rawPath', 'raw-path', 'raw_path', 'message', 'modelURL', 'URLPath', 'a1B'].map(argoName)).toEqual([
      'raw-path',
      'raw-path',
      'raw_path',
      'message',
      'model-url',
      'url-path',
      'a1-b',
    ]);
  });

  it('refuses declarations that would collide, naming the template', () => {
    expect(() =>
      container({
        name: 't',
        inputs: { parameters: { rawPath: {}, 'raw-path': {} } },
        container: { image: 'busybox:1.36' },
      }),
    ).toThrowError('template "t" inputs.parameters: two declarations are named "raw-path"');
    expect(() =>
      container({
        name: 't',
        inputs: { parameters: { x: {} }, artifacts: { x: { path: '/x' } } },
        container: { image: 'busybox:1.36' },
      }),
    ).toThrowError(/"x" is declared both as a parameter and as an artifact/);
    expect(() => fromTemplate({ container: { image: 'busybox:1.36' } })).toThrowError(
      'fromTemplate: the template needs a `name`',
    );
  });

  it('is immutable: set() and named() return new builders over frozen templates', () => {
    const base = container({ name: 'base', container: { image: 'busybox:1.36', args: ['a'] } });
    const retried = base.set({ retryStrategy: { limit: 1 } });
    const renamed = base.named('other');
    expect(base.toTemplate().retryStrategy).toBeUndefined();
    expect(retried.toTemplate().retryStrategy).toEqual({ limit: 1 });
    expect(renamed.name).toBe('other');
    expect(base.name).toBe('base');
    const copy = base.toTemplate();
    copy.container?.args?.push('mutated');
    expect(base.toTemplate().container?.args).toEqual(['a']);
  });

  it('copies what it is given, so later changes to the caller objects do not leak in', () => {
    const args = ['a'];
    const t = container({ name: 't', container: { image: 'busybox:1.36', args } });
    args.push('b');
    expect(t.toTemplate().container?.args).toEqual(['a']);
  });

  it('reads a plain Argo template with untyped inputs and outputs', () => {
    const t = fromTemplate({
      name: 'whalesay',
      inputs: { parameters: [{ name: 'message' }] },
      container: { image: 'busybox:1.36', command: ['echo', '{{inputs.parameters.message}}'] },
    });
    const wf = workflow('w').templates(t).toObject();
    expect(wf.spec.templates?.[0]?.name).toBe('whalesay');
    expect(t.toYaml()).toBe(
      "name: whalesay\ninputs:\n  parameters:\n  - name: message\ncontainer:\n  image: busybox:1.36\n  command:\n  - echo\n  - '{{inputs.parameters.message}}'\n",
    );
    expect(JSON.parse(t.toJson())).toEqual(t.toTemplate());
  });
});
