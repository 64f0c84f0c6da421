import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

const root = path.resolve(import.meta.dirname, '../../..');
const example = path.join(root, 'examples/customer-features/pipeline.ts');
const unlabelled = path.resolve(import.meta.dirname, 'fixtures/pipelines/unlabelled-pipeline.ts');
let dir: string;

/** A workflow Argo accepts that breaks policy: no limits, no labels, no security context. */
const plain = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: plain- }
spec:
  entrypoint: main
  templates:
    - name: main
      container: { image: alpine:3.20, command: [echo, hi] }
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-lint-policy-'));
  fs.writeFileSync(path.join(dir, 'plain.yaml'), plain);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], cwd = dir) {
  const io = capture({}, cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function rules(json: string): string[] {
  const report = JSON.parse(json) as { results: { problems: { rule: string }[] }[] };
  return [...new Set(report.results.flatMap((r) => r.problems.map((p) => p.rule)))].sort();
}

describe('workflow lint: policy rules on pipelines by default', () => {
  it('passes examples/customer-features/pipeline.ts with the policy rules, which run without a flag', async () => {
    const byDefault = await run(['lint', example]);
    expect(byDefault.out).toBe('✔ no linting errors found!\n');
    expect(byDefault.code).toBe(0);
    expect((await run(['lint', example, '--policy'])).code).toBe(0);
  });

  it('passes the compiled deploy/ tree, and reports a limit removed from it without a flag', async () => {
    const deploy = path.join(dir, 'deploy');
    const compiled = await run(['compile', example, '--out', deploy]);
    expect(compiled.code).toBe(0);
    const passing = await run(['lint', 'deploy']);
    expect(passing.out).toBe('✔ no linting errors found!\n');
    expect(passing.code).toBe(0);

    const file = path.join(deploy, 'base', 'workflow-template-customer-features.yaml');
    const doc = parse(fs.readFileSync(file, 'utf8')) as {
      spec: { templates: { name: string; container?: { resources?: { limits?: unknown } } }[] };
    };
    const broken = doc.spec.templates.find((t) => t.container?.resources?.limits !== undefined);
    if (broken?.container?.resources === undefined) throw new Error('expected a container with limits');
    delete broken.container.resources.limits;
    fs.writeFileSync(file, stringify(doc));
    const failing = await run(['lint', 'deploy', '-o', 'simple']);
    expect(failing.out).toContain(`templates.${broken.name}`);
    expect(rules((await run(['lint', 'deploy', '-o', 'json'])).out)).toEqual(['policy/resource-limits']);
    expect(failing.code).toBe(1);
    expect((await run(['lint', 'deploy', '--no-policy'])).code).toBe(0);
  });

  it('reports a crafted pipeline violation (no team label) as warnings without any flag, exit 0', async () => {
    const { code, out } = await run(['lint', unlabelled, '-o', 'simple']);
    expect(out).toContain(
      'warning: in "unlabelled" (WorkflowTemplate): metadata.labels is missing team: label every object with team, app.kubernetes.io/part-of',
    );
    expect(out.endsWith('no linting errors found!\n')).toBe(true);
    expect(code).toBe(0);
    const off = await run(['lint', unlabelled, '--no-policy', '-o', 'simple']);
    expect(off.out).toBe('no linting errors found!\n');
  });

  it('leaves plain workflows to Argo’s rules unless --policy asks', async () => {
    expect((await run(['lint', 'plain.yaml'])).code).toBe(0);
    const asked = await run(['lint', 'plain.yaml', '--policy', '-o', 'json']);
    expect(rules(asked.out)).toEqual(['policy/required-labels', 'policy/resource-limits', 'policy/run-as-non-root']);
    expect(asked.code).toBe(1);
  });

  it('refuses --policy with --no-policy', async () => {
    const { code, err } = await run(['lint', 'plain.yaml', '--policy', '--no-policy']);
    expect(code).toBe(2);
    expect(err).toContain('--policy and --no-policy contradict each other');
  });
});
