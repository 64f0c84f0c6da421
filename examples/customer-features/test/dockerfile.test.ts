import { readFile } from 'node:fs/promises';
import { imageProblem } from '@sluice/sdk';
import { describe, expect, it } from 'vitest';
import customerFeatures from '../pipeline.js';

const dockerfile = await readFile(new URL('../Dockerfile', import.meta.url), 'utf8');
const instructions = dockerfile
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

describe('the stage image', () => {
  it('is a multi-stage build whose every base image is pinned', () => {
    const from = instructions.filter((l) => l.startsWith('FROM '));
    expect(from.length).toBeGreaterThanOrEqual(2);
    for (const line of from) expect(imageProblem(line.split(/\s+/)[1] ?? '')).toBeUndefined();
  });

  it('runs as the non-root uid 10001 that the compiled security context expects', () => {
    const lastFrom = instructions.findLastIndex((l) => l.startsWith('FROM '));
    const users = instructions.slice(lastFrom).filter((l) => l.startsWith('USER '));
    expect(users).toEqual(['USER 10001']);
    const template = customerFeatures.compile().workflowTemplate.spec.templates?.find((t) => t.name === 'extract');
    expect(template?.securityContext?.runAsUser).toBe(10001);
  });

  it('starts stages where the compiled templates look for them', () => {
    const template = customerFeatures.compile().workflowTemplate.spec.templates?.find((t) => t.name === 'extract');
    expect(template?.container?.command).toEqual([
      'node',
      '--import',
      '@sluice/runtime/start-guard',
      '/app/dist/stages/extract-orders.js',
    ]);
    expect(dockerfile).toMatch(/WORKDIR \/app/);
  });
});
