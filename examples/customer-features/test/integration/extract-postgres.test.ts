import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const url = process.env.DATABASE_TEST_URL;
const here = dirname(fileURLToPath(import.meta.url));
const example = join(here, '..', '..');
const schema = 'customer_features_it';
const tsx = ['--conditions=source', '--import', 'tsx'];

/** The extract stage, started the way the local runner starts it, against the real PostgreSQL of `.ci/run`. */
describe('extract-orders against PostgreSQL', () => {
  let root: string | undefined;

  beforeAll(async () => {
    if (url === undefined) throw new Error('DATABASE_TEST_URL is not set: .ci/run starts PostgreSQL and sets it');
    root = await mkdtemp(join(tmpdir(), 'cf-pg-'));
    await run(process.execPath, [...tsx, join(here, 'seed-orders.ts'), url ?? '', schema, '3000'], { cwd: example });
    const secret = join(root, 'secrets', 'pg-credentials');
    await mkdir(secret, { recursive: true });
    const withSchema = new URL(url ?? '');
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    await writeFile(join(secret, 'url'), withSchema.toString());
  });
  afterAll(async () => {
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('copies the 90-day window in batches, with the contract columns only', async () => {
    if (root === undefined) throw new Error('no test directory');
    const outputs = join(root, 'outputs');
    await run(
      process.execPath,
      [
        ...tsx,
        'stages/extract-orders.ts',
        '--param',
        'execution-date=2026-06-17',
        '--param',
        `lake-root=${join(root, 'lake')}`,
        '--param',
        'batch-size=700',
      ],
      {
        cwd: example,
        env: {
          ...process.env,
          SLUICE_OUTPUTS_DIR: outputs,
          SLUICE_SCRATCH_DIR: join(root, 'scratch'),
          SLUICE_CHECKPOINT_DIR: join(root, 'checkpoints'),
          SLUICE_SECRETS_DIR: join(root, 'secrets'),
        },
      },
    );
    expect(await readFile(join(outputs, 'source'), 'utf8')).toBe('postgres');
    // Rows whose ordered_at falls in the 91 days ending on the execution date: i % 120 in 0..90.
    const expected = Array.from({ length: 3000 }, (_, k) => k + 1).filter((i) => i % 120 <= 90).length;
    expect(Number(await readFile(join(outputs, 'row-count'), 'utf8'))).toBe(expected);
  });
});
