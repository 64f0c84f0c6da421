import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `bench/compile.ts` with `args` (and node's own `nodeArgs`), as `pnpm bench:compile` would. */
function bench(args: readonly string[], nodeArgs: readonly string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/compile.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The collections `gc()` asked for: V8 names their reason "testing" in `--trace-gc` (counted whatever their kind, so
 * that a scavenge V8 chose to widen cannot make the count flaky).
 */
const askedCollections = (trace: string) => trace.split('\n').filter((l) => / ms: .*\btesting;/.test(l)).length;

const QUICK = ['--n', '20', '--runs', '3', '--warmup', '0', '--pause-ms', '0'];

describe('bench:compile', () => {
  it('starts each timed run from an empty young generation, unless the runs share the heap', () => {
    const settled = bench(QUICK, ['--trace-gc']);
    expect(settled.status).toBe(0);
    expect(askedCollections(settled.stdout)).toBe(3);
    expect(settled.stderr).toContain('each after 0 ms idle and a young-generation collection');
    expect(settled.stdout).toMatch(/^sluice N=20 build_ms=[\d.]+ yaml_ms=[\d.]+ total_ms=[\d.]+ cpu_ms=[\d.]+$/m);

    const shared = bench([...QUICK, '--shared-heap'], ['--trace-gc']);
    expect(shared.status).toBe(0);
    expect(askedCollections(shared.stdout)).toBe(0);
    expect(shared.stderr).toContain('runs share the heap');
  }, 120_000);

  it('prints the ratio of the two sizes and the floor, each as one line', () => {
    const r = bench(['--runs', '1', '--warmup', '0', '--warmup-large', '0', '--pause-ms', '0']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^compile_linearity N=5000\/N=1000 ratio=[\d.]+ .*\(target ≤ 5\.50\)$/m);
    expect(r.stdout).toMatch(/^compile_floor \(plain frozen copies, no builders\) N=1000 [\d.]+ ms N=5000 [\d.]+ ms/m);
  }, 120_000);

  it('refuses an unknown argument with its usage', () => {
    const r = bench(['--shared-heaps']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown argument --shared-heaps; usage: pnpm bench:compile');
    expect(r.stderr).toContain('[--shared-heap]');
  }, 120_000);
});
