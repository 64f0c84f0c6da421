import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { byName, runYaml } from '../support/run.js';
import { busyboxImage, containerSkipReason, ensureBusyboxImage } from './support/engine.js';

const skip = containerSkipReason();
if (skip !== undefined) console.warn(`container tests skipped: ${skip}`);

/** A train stage as `pipeline()` compiles it: a resource template creating a PyTorchJob on the GPU pool. */
const workflow = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: train-local }
spec:
  entrypoint: main
  volumeClaimTemplates:
  - metadata: { name: data }
    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
  templates:
  - name: main
    steps:
    - - name: features
        template: features
    - - name: train
        template: train
        arguments: { parameters: [{ name: epochs, value: "3" }] }
    - - name: evaluate
        template: evaluate
  - name: features
    container:
      image: ${busyboxImage}
      command: [sh, -c, "seq 1 100 > /data/features.txt"]
      volumeMounts: [{ name: data, mountPath: /data }]
      securityContext: { runAsUser: 10001, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
  - name: train
    metadata:
      annotations: { sluice.dev/local-command: '["sh", "-c", "echo host stand-in"]' }
    inputs: { parameters: [{ name: epochs }] }
    resource:
      action: create
      setOwnerReference: true
      successCondition: status.replicaStatuses.Master.succeeded > 0
      failureCondition: status.replicaStatuses.Master.failed > 0
      manifest: |
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata: { generateName: train-local-train- }
        spec:
          pytorchReplicaSpecs:
            Master:
              replicas: 1
              template:
                spec:
                  securityContext: { runAsUser: 10001, runAsGroup: 10001 }
                  volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]
                  containers:
                  - name: pytorch
                    image: ${busyboxImage}
                    command: [sh, -c]
                    args: ["echo epochs={{inputs.parameters.epochs}} rank=$RANK world=$WORLD_SIZE rows=$(wc -l < /data/features.txt) uid=$(id -u) > /data/model.txt"]
                    resources: { requests: { cpu: "1", nvidia.com/gpu: "1" }, limits: { cpu: "1", memory: 256Mi, nvidia.com/gpu: "1" } }
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
                    volumeMounts: [{ name: data, mountPath: /data }]
            Worker:
              replicas: 2
              template:
                spec:
                  containers: [{ name: pytorch, image: ${busyboxImage}, command: [sh, -c, "exit 1"] }]
  - name: evaluate
    container:
      image: ${busyboxImage}
      command: [sh, -c, "cat /data/model.txt"]
      volumeMounts: [{ name: data, mountPath: /data }]
`;

describe.skipIf(skip !== undefined)('train stages (PyTorchJob) in podman containers', () => {
  beforeAll(() => ensureBusyboxImage());

  it("runs the master's container in its image on the run's claims, and says the GPUs it asked for are missing", async () => {
    const run = await runYaml(workflow, { engine: 'podman', killGraceMs: 1000 });
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    // The master read what the container step before it wrote to the shared claim, as uid 10001, rank 0 of 1.
    expect(n.evaluate?.outputs?.result).toBe('epochs=3 rank=0 world=1 rows=100 uid=10001');
    const placed = run.placements[n.train?.id ?? ''];
    expect(placed).toMatchObject({ engine: 'podman', image: busyboxImage });
    // No GPU here (no CDI spec): never silently ignored — the placement and the step's log say so.
    expect(placed?.note).toContain('requests 1 nvidia.com/gpu');
    expect(placed?.note).toContain('runs on CPU');
    const log = readFileSync(`${run.runDir}/logs/${n.train?.id}.log`, 'utf8');
    expect(log).toContain('[sluice] requests 1 nvidia.com/gpu');
  });

  it('runs the local stand-in on the host when the trainer image is not on this machine (without --pull)', async () => {
    const missing = 'localhost/sluice-test-trainer-not-built:1';
    const onlyTrain = workflow
      .replace('    - - name: features\n        template: features\n', '')
      .replace('    - - name: evaluate\n        template: evaluate\n', '')
      .replace(
        `image: ${busyboxImage}\n                    command: [sh, -c]`,
        `image: ${missing}\n                    command: [sh, -c]`,
      );
    expect(onlyTrain).toContain(missing);
    const run = await runYaml(onlyTrain, { engine: 'podman', killGraceMs: 1000 });
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const train = byName(run).train;
    expect(run.placements[train?.id ?? '']).toBeUndefined();
    expect(readFileSync(`${run.runDir}/logs/${train?.id}.log`, 'utf8')).toContain('host stand-in');
  });
});
