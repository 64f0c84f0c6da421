import type { Workflow } from '@sluice/argo-types';
import { printable } from '@sluice/runtime';
import { describe, expect, it } from 'vitest';
import { formatWorkflow } from '../src/cluster/output.js';
import { renderDagView } from '../src/ui/dag-view.js';

const hostile = 'failed\x1b]0;pwned\x07\x1b[2J\rdone\u202e';

describe('issue 15 item 14: terminal escape sequences from outside never reach the terminal raw', () => {
  it('bug: a server status.message with escape sequences is shown escaped by get (table and wide)', () => {
    const workflow = {
      metadata: { name: 'wf', namespace: 'argo' },
      spec: { templates: [] },
      status: {
        phase: 'Failed',
        message: hostile,
        nodes: { a: { id: 'a', name: 'wf', displayName: 'wf', type: 'Pod', phase: 'Failed', message: hostile } },
      },
    } as unknown as Workflow;
    for (const format of ['table', 'wide'] as const) {
      const out = formatWorkflow(workflow, format);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that none remain
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
      expect(out).toContain('failed\\x1b]0;pwned\\x07\\x1b[2J\\x0ddone\\u202e');
    }
  });

  it('bug: a termination message with escape sequences is shown escaped in the run and watch view', () => {
    const status = {
      phase: 'Failed',
      message: hostile,
      nodes: {
        wf: { id: 'wf', name: 'wf', displayName: 'wf', type: 'DAG', phase: 'Failed', children: ['a'] },
        a: { id: 'a', name: 'wf.a', displayName: 'a', type: 'Pod', phase: 'Failed', message: hostile },
      },
    };
    const lines = renderDagView(status as never, { workflow: 'wf', now: Date.now(), color: false }).join('\n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that none remain
    expect(lines).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    expect(lines).toContain('\\x1b[2J');
  });

  it('escapes every control character and leaves printable text alone', () => {
    for (let code = 0; code < 0xa0; code++) {
      const c = String.fromCharCode(code);
      const control = code < 0x20 || (code >= 0x7f && code < 0xa0);
      expect(printable(c) === c).toBe(!control);
    }
    expect(printable('ünïcode ✓ text')).toBe('ünïcode ✓ text');
  });
});
