import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { defineStage } from '../src/index.js';
import { stageSource } from '../src/stage-source.js';

it('records the file that calls defineStage, not a file named after the stage', () => {
  const stage = defineStage({ name: 'named-otherwise', run: () => undefined });
  expect(stage.source?.file).toBe(path.resolve(import.meta.dirname, 'stage-source.test.ts'));
  expect(stage.source?.projectDir).toBe(path.resolve(import.meta.dirname, '..'));
  expect(stage.source?.path).toBe('test/stage-source.test.ts');
});

it('takes an explicit module (import.meta.url) over the call stack', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'sluice-source-'));
  mkdirSync(path.join(project, 'stages'));
  writeFileSync(path.join(project, 'package.json'), '{}');
  const file = path.join(project, 'stages', 'dedupe.ts');
  writeFileSync(file, '');
  const stage = defineStage({ name: 'dedupe-events', module: pathToFileURL(file).href, run: () => undefined });
  expect(stage.source).toEqual({ file, projectDir: project, path: 'stages/dedupe.ts' });
});

it('is undefined for a module that is not a file on disk', () => {
  expect(stageSource('file:///nowhere/at/all.ts')).toBeUndefined();
  expect(stageSource('virtual:stage')).toBeUndefined();
});
