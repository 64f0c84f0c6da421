import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

// A step that fails with a termination message full of escape sequences (retitle the window, clear the screen,
// a carriage return, a right-to-left override), as a hostile or broken stage could write.
const workflow = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: hostile }
spec:
  entrypoint: main
  templates:
  - name: main
    script:
      image: bash:5.2
      command: [bash]
      source: |
        printf 'failed\\033]0;pwned\\007\\033[2J\\rdone\\342\\200\\256' > "$SLUICE_TERMINATION_LOG"
        exit 1
`;

it('issue 15 item 14: a local step termination message with escape sequences reaches neither the terminal nor status.json raw', async () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-escapes-'));
  writeFileSync(path.join(cwd, 'wf.yaml'), workflow);
  const io = capture({ PATH: process.env.PATH }, cwd);
  expect(await main(['run', '--local', 'wf.yaml'], io)).toBe(ExitCode.Failed);
  const printed = io.out() + io.err();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is that none remain
  expect(printed).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
  expect(printed).toContain('failed\\x1b]0;pwned\\x07\\x1b[2J\\x0ddone\\u202e');
  // The reader escaped it once, for every consumer: the run directory keeps the escaped text.
  const runs = path.join(cwd, '.sluice', 'runs', 'hostile');
  const status = readFileSync(path.join(runs, 'status.json'), 'utf8');
  expect(status).not.toContain('\\u001b');
  expect(status).toContain('failed\\\\x1b]0;pwned\\\\x07\\\\x1b[2J\\\\x0ddone\\\\u202e');
});
