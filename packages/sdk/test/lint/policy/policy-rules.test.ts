import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint/index.js';
import { policyRules, requiredLabels } from '../../../src/lint/rules/policy/index.js';
import { emitYaml } from '../../../src/yaml/emit.js';

type Json = Record<string, unknown>;

const goodContainer = () => ({
  image: 'registry.example.com/app:1.0.0',
  resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  },
});

/** A WorkflowTemplate that passes every policy rule; `mutate` breaks it. */
function doc(mutate: (template: Json, spec: Json) => void = () => {}): Json {
  const template: Json = { name: 'build', metadata: { labels: {} }, container: goodContainer() };
  const spec: Json = {
    entrypoint: 'build',
    podMetadata: { labels: { team: 'ml', 'app.kubernetes.io/part-of': 'p' } },
    templates: [template],
  };
  mutate(template, spec);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: { name: 'wt', labels: { team: 'ml', 'app.kubernetes.io/part-of': 'p' } },
    spec,
  };
}

function findings(d: Json, rule?: string) {
  const [result] = lint([{ source: 'wt.yaml', doc: d }], { rules: policyRules });
  return (result?.errors ?? [])
    .filter((e) => rule === undefined || e.rule === rule)
    .map((e) => ({ path: e.path, message: e.message, severity: e.severity }));
}

const container = (t: Json) => t.container as Json;

describe('policy rules', () => {
  it('a compliant template has no findings', () => {
    expect(findings(doc())).toEqual([]);
  });

  it('policy/resource-limits: missing memory limit', () => {
    expect(
      findings(
        doc((t) => {
          delete ((container(t).resources as Json).limits as Json).memory;
        }),
        'policy/resource-limits',
      ),
    ).toEqual([
      {
        path: 'spec.templates[0].container.resources',
        message: expect.stringMatching(/^templates\.build\.container: resources missing limits\.memory; set e\.g\. /),
        severity: 'error',
      },
    ]);
  });

  it('policy/pinned-image: latest and untagged', () => {
    expect(
      findings(
        doc((t) => {
          container(t).image = 'python:latest';
        }),
        'policy/pinned-image',
      )[0]?.message,
    ).toBe(
      'templates.build.container.image "python:latest" uses the tag "latest", which is mutable: pin a version tag (e.g. :1.4.2) or a digest (@sha256:…)',
    );
    expect(
      findings(
        doc((t) => {
          container(t).image = 'python';
        }),
        'policy/pinned-image',
      )[0]?.path,
    ).toBe('spec.templates[0].container.image');
    const digest = `python@sha256:${'0'.repeat(64)}`;
    expect(
      findings(
        doc((t) => {
          container(t).image = digest;
        }),
        'policy/pinned-image',
      ),
    ).toEqual([]);
  });

  it('policy/pod-security-restricted: privileged, escalation, root, capabilities, hostPath, hostNetwork', () => {
    const messages = (mutate: (t: Json, s: Json) => void) =>
      findings(doc(mutate), 'policy/pod-security-restricted').map((f) => f.message);
    expect(
      messages((t) => {
        (container(t).securityContext as Json).privileged = true;
      }),
    ).toEqual(['templates.build.container.securityContext.privileged is true: privileged containers are not allowed']);
    expect(
      messages((t) => {
        (container(t).securityContext as Json).allowPrivilegeEscalation = true;
      }),
    ).toEqual(['templates.build.container.securityContext.allowPrivilegeEscalation is true: set it to false']);
    expect(
      messages((t) => {
        (container(t).securityContext as Json).runAsUser = 0;
      }),
    ).toEqual(['templates.build.container.securityContext.runAsUser is 0 (root): run as a non-root uid such as 10001']);
    expect(
      messages((t) => {
        (container(t).securityContext as Json).capabilities = { add: ['SYS_ADMIN'] };
      }),
    ).toEqual([
      'templates.build.container.securityContext.capabilities.add has SYS_ADMIN: only NET_BIND_SERVICE may be added; drop ALL',
    ]);
    expect(
      messages((t) => {
        t.volumes = [{ name: 'host', hostPath: { path: '/' } }];
      }),
    ).toEqual(['templates.build.volumes[0] (host) is a hostPath volume: use an emptyDir or a PVC']);
    expect(
      messages((_t, s) => {
        s.hostNetwork = true;
      }),
    ).toEqual(['spec.hostNetwork is true: host namespaces are not allowed under Pod Security Standards "restricted"']);
  });

  it('policy/run-as-non-root: a pod that does not say so (warning)', () => {
    expect(
      findings(
        doc((t) => {
          delete (container(t).securityContext as Json).runAsNonRoot;
        }),
        'policy/run-as-non-root',
      ),
    ).toEqual([
      {
        path: 'spec.templates[0].securityContext',
        message: expect.stringContaining('templates.build: runAsNonRoot is not set'),
        severity: 'warning',
      },
    ]);
  });

  it('policy/gpu-scheduling: GPUs requested without limits or toleration', () => {
    const found = findings(
      doc((t) => {
        (container(t).resources as Json).requests = { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' };
      }),
      'policy/gpu-scheduling',
    );
    expect(found.map((f) => f.message)).toEqual([
      'templates.build.container.resources requests nvidia.com/gpu without a limit: set resources.limits["nvidia.com/gpu"] to the same count',
      expect.stringMatching(/^templates\.build requests GPUs but has no toleration for the GPU node taint/),
    ]);
  });

  it('policy/gpu-scheduling: also inside a resource manifest (PyTorchJob)', () => {
    const manifest = emitYaml({
      apiVersion: 'kubeflow.org/v1',
      kind: 'PyTorchJob',
      spec: {
        pytorchReplicaSpecs: {
          Master: {
            template: {
              spec: {
                containers: [
                  {
                    ...goodContainer(),
                    resources: {
                      requests: { cpu: '1', memory: '1Gi' },
                      limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '8' },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    });
    const d = doc((t) => {
      delete t.container;
      t.resource = { action: 'create', manifest };
    });
    expect(findings(d, 'policy/gpu-scheduling').map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^templates\.build\.resource\.manifest spec\.pytorchReplicaSpecs\.Master\.template\.spec requests GPUs but has no toleration/,
      ),
    ]);
  });

  it('policy/cpu-stage-gpu-toleration: a CPU stage tolerating GPU nodes', () => {
    expect(
      findings(
        doc((t) => {
          t.tolerations = [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
        }),
        'policy/cpu-stage-gpu-toleration',
      ),
    ).toEqual([
      {
        path: 'spec.templates[0].tolerations[0]',
        message:
          'templates.build.tolerations[0] (key "nvidia.com/gpu") lets a CPU-only pod onto GPU nodes: remove it, or request GPUs',
        severity: 'error',
      },
    ]);
  });

  it('policy/no-secret-env: literal secrets and credential URLs; secretKeyRef warned', () => {
    const found = findings(
      doc((t) => {
        container(t).env = [
          { name: 'PG_PASSWORD', value: 'hunter2' },
          { name: 'DATABASE_URL', value: 'postgres://etl:hunter2@db:5432/orders' },
          { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
          { name: 'SLUICE_SECRETS_DIR', value: '/var/run/secrets/sluice' },
          { name: 'PARAM_TOKEN', value: '{{inputs.parameters.token}}' },
        ];
      }),
      'policy/no-secret-env',
    );
    expect(found.map((f) => [f.path, f.message.split(':')[0]])).toEqual([
      [
        'spec.templates[0].container.env[0]',
        'templates.build.container.env[0] (PG_PASSWORD) holds a secret as a literal value',
      ],
      [
        'spec.templates[0].container.env[1]',
        'templates.build.container.env[1] (DATABASE_URL) holds a secret as a literal value',
      ],
      [
        'spec.templates[0].container.env[2]',
        'templates.build.container.env[2] (API_TOKEN) reads a Secret into an environment variable',
      ],
    ]);
  });

  it('issue 15 item 16: policy/no-secret-parameter warns on a secret-looking argument with a literal value', () => {
    const found = findings(
      doc((_t, s) => {
        s.arguments = {
          parameters: [
            { name: 'db-password', value: 'hunter2' },
            { name: 'dbPassword', value: 'hunter2' },
            { name: 'source-url', value: 'postgres://etl:hunter2@db/orders' },
            { name: 'token-file', value: '/var/run/secrets/token' },
            { name: 'api-token', value: '{{workflow.parameters.x}}' },
            { name: 'execution-date' },
          ],
        };
      }),
      'policy/no-secret-parameter',
    );
    expect(found.map((f) => [f.path, f.severity, f.message.split(':')[0]])).toEqual([
      [
        'spec.arguments.parameters[0]',
        'warning',
        'spec.arguments.parameters[0] (db-password) looks like a secret with a literal value, which is stored in the workflow',
      ],
      [
        'spec.arguments.parameters[1]',
        'warning',
        'spec.arguments.parameters[1] (dbPassword) looks like a secret with a literal value, which is stored in the workflow',
      ],
      [
        'spec.arguments.parameters[2]',
        'warning',
        'spec.arguments.parameters[2] (source-url) looks like a secret with a literal value, which is stored in the workflow',
      ],
    ]);
  });

  it('policy/required-labels: on the object and on the pods', () => {
    const d = doc((t, s) => {
      s.podMetadata = {};
      (t.metadata as Json).labels = { team: 'ml' };
    });
    (d.metadata as Json).labels = {};
    expect(findings(d, 'policy/required-labels').map((f) => [f.path, f.message])).toEqual([
      [
        'metadata.labels',
        'metadata.labels is missing team, app.kubernetes.io/part-of: label every object with team, app.kubernetes.io/part-of',
      ],
      [
        'spec.templates[0].metadata.labels',
        'templates.build.metadata.labels is missing app.kubernetes.io/part-of (set them there or in spec.podMetadata.labels)',
      ],
    ]);
  });

  it('policy/required-labels: configurable keys', () => {
    const [result] = lint([{ source: 'wt.yaml', doc: doc() }], { rules: [requiredLabels(['cost-center'])] });
    expect(result?.errors.map((e) => e.message)[0]).toBe(
      'metadata.labels is missing cost-center: label every object with cost-center',
    );
  });

  it('severities are configurable per rule id', () => {
    const d = doc((t) => {
      container(t).image = 'python';
    });
    const [off] = lint([{ source: 'wt.yaml', doc: d }], {
      rules: policyRules,
      severity: { 'policy/pinned-image': 'off' },
    });
    expect(off?.errors).toEqual([]);
    const [warn] = lint([{ source: 'wt.yaml', doc: d }], {
      rules: policyRules,
      severity: { 'policy/pinned-image': 'warning' },
    });
    expect(warn?.errors.map((e) => e.severity)).toEqual(['warning']);
  });
});
