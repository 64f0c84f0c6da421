import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestFileName } from '../src/index.js';

describe('manifestFileName', () => {
  it('is <kind in kebab case>-<name>.<extension>, falling back to generateName, then manifest-<n>', () => {
    expect(manifestFileName({ kind: 'WorkflowTemplate', metadata: { name: 'etl' } })).toBe(
      'workflow-template-etl.yaml',
    );
    expect(manifestFileName({ kind: 'Workflow', metadata: { generateName: 'hello--' } }, 'json')).toBe(
      'workflow-hello.json',
    );
    expect(manifestFileName({ kind: 'Workflow', metadata: {} }, 'yaml', 2)).toBe('workflow-manifest-3.yaml');
    expect(manifestFileName({}, 'yaml')).toBe('manifest-1.yaml');
  });

  it('always gives one safe file name with the extension, whatever the names hold', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom('yaml' as const, 'json' as const), (kind, name, ext) => {
        const file = manifestFileName({ kind, metadata: { name } }, ext);
        expect(file).toMatch(/^[a-zA-Z0-9._-]+$/);
        expect(file.endsWith(`.${ext}`)).toBe(true);
      }),
    );
  });
});
