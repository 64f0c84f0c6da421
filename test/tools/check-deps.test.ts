import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without declarations
import { allowed, findProblems } from '../../scripts/check-deps.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A workspace with the seven packages, empty, plus the given extra files. */
function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-deps-'));
  dirs.push(root);
  for (const name of Object.keys(allowed as Record<string, string[]>)) {
    fs.mkdirSync(path.join(root, 'packages', name, 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'packages', name, 'package.json'), JSON.stringify({ name: `@sluice/${name}` }));
  }
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
  return root;
}

describe('check-deps', () => {
  it('passes allowed imports', () => {
    const root = workspace({ 'packages/sdk/src/a.ts': "import type { Workflow } from '@sluice/argo-types';\n" });
    expect(findProblems(root)).toEqual([]);
  });

  it('fails when the sdk imports the CLI, naming file and line', () => {
    const root = workspace({ 'packages/sdk/src/a.ts': "\nimport { main } from '@sluice/cli';\n" });
    expect(findProblems(root)).toEqual([
      'packages/sdk/src/a.ts:2: imports @sluice/cli, which @sluice/sdk may not import (allowed: @sluice/argo-types, @sluice/runtime)',
    ]);
  });

  it('ignores the imports of a TSDoc example (a user’s code), still counting lines through it', () => {
    const example = "/**\n * @example\n * ```ts\n * import { createClient } from '@sluice/client';\n * ```\n */\n";
    const root = workspace({ 'packages/sdk/src/a.ts': `${example}import { main } from '@sluice/cli';\n` });
    expect(findProblems(root)).toEqual([
      'packages/sdk/src/a.ts:7: imports @sluice/cli, which @sluice/sdk may not import (allowed: @sluice/argo-types, @sluice/runtime)',
    ]);
  });

  it('fails on dynamic imports and on package.json dependencies of runtime and data', () => {
    const root = workspace({
      'packages/runtime/src/a.ts': "await import('@sluice/sdk');\n",
      'packages/data/package.json': JSON.stringify({ dependencies: { '@sluice/local': 'workspace:*' } }),
    });
    const problems = findProblems(root) as string[];
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain('packages/runtime/src/a.ts:1: imports @sluice/sdk');
    expect(problems.join('\n')).toContain('packages/data/package.json: depends on @sluice/local');
  });

  it('keeps argo-types free of any workspace import', () => {
    const root = workspace({ 'packages/argo-types/src/a.ts': "export * from '@sluice/runtime';\n" });
    expect(findProblems(root)).toHaveLength(1);
  });
});
