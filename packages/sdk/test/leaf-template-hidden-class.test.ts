import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

/**
 * Runs `body` in a child Node with V8's native syntax allowed (`%HaveSameMap` tells whether two objects share a
 * hidden class), the sdk's sources loaded through tsx; returns what it prints.
 */
function withNatives(body: string): string {
  const code = `
    const { container, script } = await import(${JSON.stringify(pathToFileURL(path.join(SRC, 'index.ts')).href)});
    const { INTERNAL } = await import(${JSON.stringify(pathToFileURL(path.join(SRC, 'builders/internal.ts')).href)});
    const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)');
    ${body}
  `;
  const run = spawnSync(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', code],
    { encoding: 'utf8', cwd: path.resolve(SRC, '..') },
  );
  if (run.status !== 0) throw new Error(`child failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim();
}

describe('regression: a hidden class per leaf template', () => {
  it('gives the io names of every leaf template one shared hidden class (a spread copy got a class of its own, kept alive per template)', () => {
    // The classes parted only once V8 had optimised the builder: it takes a few thousand templates.
    const out = withNatives(`
      const make = (i) => container({ name: 's' + i, inputs: { parameters: { x: {} } }, container: { image: 'busybox:1.36' } });
      const all = Array.from({ length: 3000 }, (_, i) => make(i));
      const io = (i) => all[i][INTERNAL].io;
      const c = script({ name: 'c', outputs: { parameters: { z: { valueFrom: { path: '/z' } } } }, script: { image: 'busybox:1.36', source: 'true' } });
      console.log(JSON.stringify([sameMap(io(0), io(1)), sameMap(io(1500), io(1501)), sameMap(io(0), io(2999)), sameMap(io(2999), c[INTERNAL].io)]));
    `);
    expect(JSON.parse(out)).toEqual([true, true, true, true]);
  }, 60_000);
});
