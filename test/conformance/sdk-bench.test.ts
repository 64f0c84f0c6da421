import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { buildBenchWorkflow } from '../../bench/compile.ts';

/** The benchmark reference of issue 3 item 9: `SLUICE_BENCH_REFERENCE`, or ../shared/bench/dag-100.reference.yaml. */
const referencePath = path.resolve(
  import.meta.dirname,
  '../..',
  process.env.SLUICE_BENCH_REFERENCE ?? '../shared/bench/dag-100.reference.yaml',
);

describe('bench:compile', () => {
  it('builds, for N=100, a workflow semantically equal to the reference', () => {
    const reference = YAML.parse(fs.readFileSync(referencePath, 'utf8'));
    const ours = YAML.parse(buildBenchWorkflow(100).toYaml());
    expect(ours).toEqual(reference);
  });
});
