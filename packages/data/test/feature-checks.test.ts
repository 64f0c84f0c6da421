import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FatalError } from '@sluice/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFeatures, type FeatureCheck, type FeatureReport, replacePartition } from '../src/index.js';
import { useScratch } from './helpers.js';

const scratch = useScratch();
const DATE = '2026-06-17';
const REF_DATE = '2026-06-16';
const ds = () => ({ root: join(scratch.dir(), 'lake'), name: 'features' });

/** 1000 clean rows: spend 0..99 (mean 49.5), 3 countries, ages 18..67, no nulls. */
const CLEAN = `SELECT range AS id, (range % 100)::DOUBLE AS spend, ['DE', 'FR', 'US'][1 + range % 3] AS country,
  (18 + range % 50)::BIGINT AS age FROM range(1000)`;

const CHECKS: Record<FeatureCheck['kind'], { check: FeatureCheck; breach: string; name: string }> = {
  rowCount: {
    check: { kind: 'rowCount', min: 900, max: 1100 },
    breach: `SELECT * FROM (${CLEAN}) LIMIT 500`,
    name: 'rowCount = 500, expected between 900 and 1100',
  },
  nullRate: {
    check: { kind: 'nullRate', column: 'spend', max: 0.05 },
    breach: `SELECT id, CASE WHEN id % 10 = 0 THEN NULL ELSE spend END AS spend, country, age FROM (${CLEAN})`,
    name: 'nullRate(spend) = 0.1, expected <= 0.05',
  },
  range: {
    check: { kind: 'range', column: 'age', min: 18, max: 120 },
    breach: `SELECT id, spend, country, CASE WHEN id = 7 THEN 200 ELSE age END AS age FROM (${CLEAN})`,
    name: 'range(age) = 200, expected values between 18 and 120',
  },
  distinctCount: {
    check: { kind: 'distinctCount', column: 'country', min: 2, max: 3 },
    breach: `SELECT id, spend, CASE WHEN id % 2 = 0 THEN 'NL' ELSE country END AS country, age FROM (${CLEAN})`,
    name: 'distinctCount(country) = 4, expected between 2 and 3',
  },
  meanDrift: {
    check: { kind: 'meanDrift', column: 'spend', tolerance: 0.1 },
    breach: `SELECT id, spend * 1.5 AS spend, country, age FROM (${CLEAN})`,
    name: 'meanDrift(spend) = 74.25, expected within 10% of 49.5',
  },
  quantileDrift: {
    check: { kind: 'quantileDrift', column: 'spend', quantiles: [0.5, 0.95], tolerance: 0.2 },
    // Only the tail moves: the median and (nearly) the mean stay put, the 95th percentile triples.
    breach: `SELECT id, CASE WHEN spend >= 90 THEN spend * 3 ELSE spend END AS spend, country, age FROM (${CLEAN})`,
    name: 'quantileDrift(spend, q=0.95) = 282.15',
  },
};

async function readReport(path: string): Promise<FeatureReport> {
  return JSON.parse(await readFile(path, 'utf8')) as FeatureReport;
}

describe('checkFeatures', () => {
  beforeAll(async () => {
    const db = scratch.db();
    await replacePartition(db.connection, ds(), REF_DATE, { query: CLEAN });
    await replacePartition(db.connection, ds(), DATE, { query: CLEAN });
  });

  it('passes every check kind on clean data and writes a report saying so', async () => {
    const reportPath = join(scratch.dir(), 'reports', 'clean.json');
    const report = await checkFeatures(scratch.db().connection, {
      dataset: ds(),
      date: DATE,
      reference: { dataset: ds(), date: REF_DATE },
      checks: Object.values(CHECKS).map((c) => c.check),
      reportPath,
    });
    expect(report.passed).toBe(true);
    expect(report.rows).toBe(1000);
    expect(report.checks.map((c) => [c.check, c.passed])).toEqual([
      ['rowCount', true],
      ['nullRate(spend)', true],
      ['range(age)', true],
      ['distinctCount(country)', true],
      ['meanDrift(spend)', true],
      ['quantileDrift(spend, q=0.5)', true],
      ['quantileDrift(spend, q=0.95)', true],
    ]);
    expect(await readReport(reportPath)).toEqual(report);
  });

  for (const [kind, { check, breach, name }] of Object.entries(CHECKS)) {
    it(`trips ${kind} on a crafted breach, naming it in the FatalError and the report`, async () => {
      const db = scratch.db();
      const breached = { root: join(scratch.dir(), 'lake'), name: `breach_${kind}` };
      await replacePartition(db.connection, breached, DATE, { query: breach });
      const reportPath = join(scratch.dir(), 'reports', `${kind}.json`);
      const attempt = checkFeatures(db.connection, {
        dataset: breached,
        date: DATE,
        reference: { dataset: ds(), date: REF_DATE },
        checks: [check],
        reportPath,
      });
      await expect(attempt).rejects.toThrow(FatalError);
      await expect(attempt).rejects.toThrow(name);
      const report = await readReport(reportPath);
      expect(report.passed).toBe(false);
      expect(report.checks.filter((c) => !c.passed).map((c) => c.kind)).toEqual([kind]);
    });
  }

  it('lists every breached check in one error', async () => {
    const db = scratch.db();
    const all = { root: join(scratch.dir(), 'lake'), name: 'breach_all' };
    await replacePartition(db.connection, all, DATE, {
      query: `SELECT id, CASE WHEN id % 10 = 0 THEN NULL ELSE spend * 3 END AS spend, 'C' || (id % 9) AS country, age + 200 AS age FROM (${CLEAN}) LIMIT 400`,
    });
    const attempt = checkFeatures(db.connection, {
      dataset: all,
      date: DATE,
      reference: { dataset: ds(), date: REF_DATE },
      checks: Object.values(CHECKS).map((c) => c.check),
      reportPath: join(scratch.dir(), 'reports', 'all.json'),
    });
    await expect(attempt).rejects.toThrow(
      /7 of 7 breached: rowCount .*; nullRate\(spend\) .*; range\(age\) .*; distinctCount\(country\) .*; meanDrift\(spend\) .*; quantileDrift\(spend, q=0.5\) .*; quantileDrift\(spend, q=0.95\)/,
    );
  });

  it('rejects a check on a missing column and drift checks without a reference, naming them', async () => {
    const db = scratch.db();
    const base = { dataset: ds(), date: DATE, reportPath: join(scratch.dir(), 'reports', 'x.json') };
    await expect(
      checkFeatures(db.connection, { ...base, checks: [{ kind: 'nullRate', column: 'nope', max: 0 }] }),
    ).rejects.toThrow(/nullRate check names column nope, which features date=2026-06-17 does not have/);
    await expect(
      checkFeatures(db.connection, { ...base, checks: [{ kind: 'meanDrift', column: 'spend', tolerance: 0.1 }] }),
    ).rejects.toThrow(/#1 \(meanDrift\): drift checks need a reference partition/);
    await expect(checkFeatures(db.connection, { ...base, checks: [{ kind: 'rowCount' }] })).rejects.toThrow(
      /give min, max or both/,
    );
  });
});
