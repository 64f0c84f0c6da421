import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import customerFeatures from '../pipeline.js';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The `sluice.dev/local-command` of a compiled template, its `{{inputs.parameters.*}}` replaced from `values`. */
function localCommand(template: string, values: Record<string, string>): string[] {
  const found = customerFeatures.compile().workflowTemplate.spec.templates?.find((t) => t.name === template);
  const annotation = found?.metadata?.annotations?.['sluice.dev/local-command'];
  if (annotation === undefined) throw new Error(`template ${template} has no local command`);
  return (JSON.parse(annotation) as string[]).map((arg) =>
    arg.replace(/\{\{inputs\.parameters\.([a-z-]+)\}\}/g, (_, name: string) => values[name] ?? ''),
  );
}

describe('the local command of a stage template', () => {
  it('starts the TypeScript stage from the project with tsx as a dependency, not on PATH', () => {
    const [command, ...args] = localCommand('validate-raw', {
      'execution-date': 'not-a-date',
      'lake-root': '/nowhere',
      'raw-path': '/nowhere',
    });
    expect([command, ...args.slice(0, 3)]).toEqual(['node', '--import', 'tsx', 'stages/validate-raw.ts']);
    const result = spawnSync(command ?? '', args, {
      cwd: projectDir,
      // Only Node's own directory on PATH: no node_modules/.bin, so no `tsx` executable. (`--conditions=source`
      // resolves this monorepo's @sluice packages from their sources; an installed project needs nothing.)
      env: {
        PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
        NODE_OPTIONS: '--conditions=source',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    // The stage ran: the runtime refused the invalid execution date with exit code 2 (fatal, never retried).
    expect(result.stderr).toContain('execution-date');
    expect(result.status).toBe(2);
  });
});
