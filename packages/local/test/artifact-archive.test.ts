import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byName, runYaml } from './support/run.js';

const options = { imageMap: { 'local/sh:1': '' } };

/** The files of a gzipped tar, extracted to a fresh folder. */
function untar(file: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-untar-'));
  execFileSync('tar', ['-xzf', file, '-C', dir]);
  return dir;
}

describe('output archive settings, as Argo stores artifacts', () => {
  it('stores tar+gzip by default and at the given compression level, as-is with none, and the log with archiveLogs', async () => {
    const text = 'hello world\n'.repeat(2000);
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: archives }
spec:
  entrypoint: main
  archiveLogs: true
  templates:
  - name: main
    steps:
    - - name: produce
        template: produce
    - - name: consume
        template: consume
        arguments:
          artifacts:
          - { name: plain, from: "{{steps.produce.outputs.artifacts.plain}}" }
          - { name: stored, from: "{{steps.produce.outputs.artifacts.stored}}" }
          - { name: dir, from: "{{steps.produce.outputs.artifacts.dir}}" }
  - name: produce
    outputs:
      artifacts:
      - { name: plain, path: /tmp/plain.txt, archive: { none: {} } }
      - { name: stored, path: /tmp/stored.txt, archive: { tar: { compressionLevel: 0 } } }
      - { name: best, path: /tmp/stored.txt, archive: { tar: { compressionLevel: 9 } } }
      - { name: dir, path: /tmp/dir }
    container:
      image: local/sh:1
      command: [sh, -c]
      args: ["for i in $(seq 2000); do echo hello world; done > /tmp/plain.txt; cp /tmp/plain.txt /tmp/stored.txt; mkdir -p /tmp/dir/sub; echo deep > /tmp/dir/sub/f; echo produced"]
  - name: consume
    archiveLocation: { archiveLogs: false }
    inputs:
      artifacts:
      - { name: plain, path: /tmp/in/plain.txt }
      - { name: stored, path: /tmp/in/stored.txt }
      - { name: dir, path: /tmp/in/dir }
    container:
      image: local/sh:1
      command: [sh, -c]
      args: ["cmp -s /tmp/in/plain.txt /tmp/in/stored.txt && cat /tmp/in/dir/sub/f"]
`,
      options,
    );
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    const produce = n.produce;
    const repo = path.join(run.runDir, 'artifact-repository', 'archives', produce?.id ?? '');
    // none: the file as it is.
    expect(readFileSync(path.join(repo, 'plain.txt'), 'utf8')).toBe(text);
    // tar at level 0 stores deflate blocks uncompressed: larger than the text; level 9 shrinks it.
    const stored = path.join(repo, 'stored.tgz');
    expect(statSync(stored).size).toBeGreaterThan(text.length);
    expect(statSync(path.join(repo, 'best.tgz')).size).toBeLessThan(text.length / 20);
    expect(readFileSync(path.join(untar(stored), 'stored.txt'), 'utf8')).toBe(text);
    // The default is tar + gzip, a folder under its own name.
    expect(readFileSync(path.join(untar(path.join(repo, 'dir.tgz')), 'dir', 'sub', 'f'), 'utf8')).toBe('deep\n');
    // The consumer receives the same files whatever the archive.
    expect(n.consume?.outputs?.result).toBe('deep');
    // archiveLogs (workflow) keeps the log as main-logs; the template's archiveLocation turns it off.
    const logs = produce?.outputs?.artifacts?.find((a) => a.name === 'main-logs');
    expect(logs?.path).toBe(path.join(repo, 'main.log'));
    expect(readFileSync(logs?.path as string, 'utf8')).toContain('produced');
    expect(n.consume?.outputs?.artifacts?.find((a) => a.name === 'main-logs')).toBeUndefined();
  });

  it('refuses zip for an output artifact, naming the field', async () => {
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: zipped }
spec:
  entrypoint: main
  templates:
  - name: main
    outputs:
      artifacts: [{ name: out, path: /tmp/out.txt, archive: { zip: {} } }]
    container:
      image: local/sh:1
      command: [sh, -c, "echo x > /tmp/out.txt"]
`,
      options,
    );
    expect(run.status.phase).toBe('Error');
    expect(byName(run).zipped?.message).toContain('templates.main.outputs.artifacts.out.archive: zip');
  });
});
