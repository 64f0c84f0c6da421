import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '@sluice/cli';
import { lint } from '@sluice/sdk';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusFiles, workflowDocuments } from '../support/corpus.ts';

describe('lint over the upstream Argo examples', () => {
  it('accepts every workflow-kind document (no false rejections)', () => {
    const documents = workflowDocuments();
    const results = lint(documents.map((d) => ({ source: `${d.file}#${d.index}`, doc: d.doc })));
    const rejected = results
      .filter((r) => r.errors.length > 0)
      .map((r) => `${r.source} (${r.kind} ${r.name}): ${r.errors.map((e) => e.message).join('; ')}`);
    console.log(
      `lint conformance: ${results.length - rejected.length} of ${results.length} workflow-kind documents pass, ${corpusFiles().length} files`,
    );
    expect(results.length).toBe(documents.length);
    expect(results.length).toBeGreaterThan(200);
    expect(rejected).toEqual([]);
  });

  it('rejects every upstream Workflow whose entrypoint is broken, and every DAG given a cycle', () => {
    type Json = Record<string, unknown>;
    const workflows = workflowDocuments().filter(
      (d) => d.kind === 'Workflow' && Array.isArray((d.doc.spec as Json | undefined)?.templates),
    );
    const library = workflowDocuments()
      .filter((d) => d.kind !== 'Workflow')
      .map((d) => ({ source: d.file, doc: d.doc }));
    let cycles = 0;
    for (const d of workflows) {
      const broken = structuredClone(d.doc);
      const spec = broken.spec as Json;
      spec.entrypoint = 'no-such-template';
      const dag = (spec.templates as Json[]).find((t) => Array.isArray((t.dag as Json | undefined)?.tasks));
      const tasks = (dag?.dag as Json | undefined)?.tasks as Json[] | undefined;
      const [first, second] = tasks ?? [];
      if (dag && first && second) {
        cycles++;
        first.depends = String(second.name);
        delete first.dependencies;
        second.depends = String(first.name);
        delete second.dependencies;
      }
      const [result] = lint([{ source: d.file, doc: broken }, ...library], { kinds: ['Workflow'] });
      const messages = result?.errors.map((e) => e.message) ?? [];
      // Argo's text first; Sluice appends a hint (`; did you mean …`/`; defined templates: …`).
      expect(
        messages.some((m) => m.startsWith("template name 'no-such-template' undefined")),
        d.file,
      ).toBe(true);
      if (dag && first && second)
        expect(
          messages.some((m) => m.includes('dependency cycle detected')),
          d.file,
        ).toBe(true);
    }
    console.log(
      `lint conformance: ${workflows.length} broken entrypoints and ${cycles} injected DAG cycles all reported`,
    );
    expect(cycles).toBeGreaterThan(10);
  });

  it('`workflow lint <corpus>` finds no linting errors but the one duplicated key argo lint (strict) rejects too', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const err = new PassThrough();
    const errChunks: Buffer[] = [];
    err.on('data', (c: Buffer) => errChunks.push(c));
    const code = await main(['lint', corpusDir, '-o', 'simple'], {
      stdout: out,
      stderr: err,
      env: {},
      cwd: process.cwd(),
    });
    // k8s-patch-json-workflow.yaml repeats `annotations:`; Argo's strict YAML reading refuses it as well.
    const all = Buffer.concat([...chunks, ...errChunks]).toString('utf8');
    expect(all.trim().split('\n')).toEqual([
      `${path.relative(process.cwd(), path.join(corpusDir, 'k8s-patch-json-workflow.yaml'))}: line 13: key "annotations" is given twice in one mapping: keep one (Argo and Kubernetes reject duplicate keys)`,
    ]);
    expect(code).toBe(1);
  });
});
