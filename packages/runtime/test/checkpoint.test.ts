import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckpointFile, checkpointFile, stableNodeName } from '../src/checkpoint.js';
import { createLogger, Redactor } from '../src/logger.js';
import { tempDir } from './helpers/run-fixture.js';

const identity = { stage: 'load', executionDate: '2026-06-17', partition: { index: 1, count: 4 } };
const quiet = createLogger({}, new Redactor(), () => undefined);
const store = (file: string, id = identity) => new CheckpointFile(file, id, quiet);
const freshFile = () => join(tempDir('sluice-ckpt-'), 'wf/uid/node/partition-1.json');

describe('checkpoints', () => {
  it('are keyed by workflow, node without its retry suffix, and partition, with unsafe characters replaced', () => {
    expect(stableNodeName('wf.load(2)')).toBe('wf.load');
    expect(checkpointFile('/ck', { name: 'wf', uid: 'u-1' }, 'wf.load(1)', 3)).toBe(
      '/ck/wf/u-1/wf.load/partition-3.json',
    );
    expect(checkpointFile('/ck', { name: '..', uid: 'a/b' }, 'x', 0)).toBe('/ck/_../a_b/x/partition-0.json');
  });

  it('load nothing on a first attempt and what was saved on a retry', async () => {
    const file = freshFile();
    expect(await store(file).load()).toBeUndefined();
    await store(file).save({ offset: 40 });
    expect(await store(file).load<{ offset: number }>()).toEqual({ offset: 40 });
  });

  it('after any burst of un-awaited saves, a flush leaves exactly the latest state on disk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), async (states) => {
        const file = freshFile();
        const checkpoint = store(file);
        const saves = states.map((state) => checkpoint.save({ state }));
        await checkpoint.flush();
        await Promise.all(saves);
        expect(JSON.parse(readFileSync(file, 'utf8')).state).toEqual({ state: states.at(-1) });
        expect(readdirSync(dirname(file))).toEqual(['partition-1.json']);
      }),
      { numRuns: 25 },
    );
  });

  it('snapshots the state when save is called', async () => {
    const file = freshFile();
    const checkpoint = store(file);
    const state = { rows: [1] };
    const saved = checkpoint.save(state);
    state.rows.push(2);
    await saved;
    expect(await checkpoint.load()).toEqual({ rows: [1] });
  });

  it('ignores a checkpoint of another date or partition, and removes temporary files of killed attempts', async () => {
    const file = freshFile();
    await store(file, { ...identity, executionDate: '2026-06-16' }).save({ offset: 1 });
    writeFileSync(join(dirname(file), '.partition-1.json.123.abc.tmp'), '{"sluiceCheck');
    expect(await store(file).load()).toBeUndefined();
    expect(readdirSync(dirname(file))).toEqual(['partition-1.json']);
  });

  it('refuses a corrupt file with an error naming it and the fix', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"half');
    await expect(store(file).load()).rejects.toThrow(/partition-1\.json is not valid JSON: .*delete it to start over/);
  });

  it('rejects undefined state and clears', async () => {
    const file = freshFile();
    const checkpoint = store(file);
    await expect(checkpoint.save(undefined)).rejects.toThrow(/must be a JSON value/);
    await checkpoint.save(1);
    await checkpoint.clear();
    expect(await checkpoint.load()).toBeUndefined();
  });
});
