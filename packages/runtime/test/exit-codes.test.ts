import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStage } from '../src/index.js';
import basicStage from './fixtures/basic-stage.js';
import { makeRunDirs, params, runFixture, stageEnv } from './helpers/run-fixture.js';

const date = '2026-06-17';

async function runBasic(mode: string, extra: Record<string, string | number> = {}) {
  const dirs = makeRunDirs();
  const result = await runFixture('basic-stage.ts', params({ mode, 'execution-date': date, ...extra }), stageEnv(dirs));
  return { dirs, result };
}

const errorLine = (logs: Record<string, unknown>[]) => logs.find((line) => line.level === 'error');

describe.concurrent('exit codes and outputs of a real stage process', () => {
  it('exits 0 and writes every output atomically, kebab-named, strings raw and the rest as JSON', async () => {
    const { dirs, result } = await runBasic('ok', { 'row-count': 7 });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dirs.outputs).sort()).toEqual(['row-count', 'summary', 'table-name']);
    expect(readFileSync(join(dirs.outputs, 'row-count'), 'utf8')).toBe('7');
    expect(readFileSync(join(dirs.outputs, 'table-name'), 'utf8')).toBe('features_2026_06_17');
    expect(JSON.parse(readFileSync(join(dirs.outputs, 'summary'), 'utf8'))).toEqual({ ok: true });
    expect(readFileSync(dirs.metricsFile, 'utf8')).toMatch(/^job_success\{.*stage="basic-stage".*\} 1$/m);
    expect(result.logs.every((line) => typeof line.time === 'string' && line.stage === 'basic-stage')).toBe(true);
  });

  it.each([
    ['retriable', 1, 'RetriableError', /source API answered 503/],
    ['fatal', 2, 'FatalError', /dropped column customer_id/],
    ['unexpected', 1, 'TypeError', /unexpected exception: cannot read properties/],
    ['bad-output', 2, 'FatalError', /invalid outputs: outputs\.rowCount: .*int/],
    ['schema', 2, 'ZodError', /expected string, received number/],
  ])('mode %s exits %i, logs a %s, and leaves no output files', async (mode, code, errorName, message) => {
    const { dirs, result } = await runBasic(mode);
    expect(result.code, result.stderr).toBe(code);
    const error = errorLine(result.logs);
    expect(error?.error).toBe(errorName);
    expect(String(error?.msg)).toMatch(message);
    if (mode === 'unexpected') expect(String(error?.stack)).toMatch(/basic-stage\.ts:\d+/);
    expect(existsSync(dirs.outputs) ? readdirSync(dirs.outputs) : []).toEqual([]);
    expect(readFileSync(dirs.metricsFile, 'utf8')).toMatch(/^job_success\{.*\} 0$/m);
  });

  it('removes a previous attempt’s output files before a failing attempt', async () => {
    const dirs = makeRunDirs();
    const env = stageEnv(dirs);
    expect((await runFixture('basic-stage.ts', params({ mode: 'ok', 'execution-date': date }), env)).code).toBe(0);
    expect(readdirSync(dirs.outputs)).toHaveLength(3);
    expect((await runFixture('basic-stage.ts', params({ mode: 'fatal', 'execution-date': date }), env)).code).toBe(2);
    expect(readdirSync(dirs.outputs)).toEqual([]);
  });

  it('invalid parameters exit 2 naming the parameter (the other cases run in-process in params.test.ts)', async () => {
    const dirs = makeRunDirs();
    const args = params({ mode: 'ok', 'execution-date': date, 'row-count': 'many' });
    const result = await runFixture('basic-stage.ts', args, stageEnv(dirs));
    expect(result.code, result.stderr).toBe(2);
    expect(String(errorLine(result.logs)?.msg)).toMatch(/--param row-count: Invalid input: expected number/);
    expect(existsSync(dirs.outputs) ? readdirSync(dirs.outputs) : []).toEqual([]);
  });

  it.each([
    [['--param', 'mode=ok'], /--param execution-date is missing/],
    [params({ mode: 'ok', 'execution-date': '2026-02-30' }), /execution-date="2026-02-30" is invalid: expected a date/],
    [
      params({ mode: 'ok', 'execution-date': date, colour: 'red' }),
      /unknown --param colour: valid parameters are execution-date, mode, row-count, dry-run/,
    ],
    [params({ mode: 'sideways', 'execution-date': date }), /--param mode: Invalid option/],
    [
      params({ mode: 'ok', 'execution-date': date, 'dry-run': 'yes' }),
      /--param dry-run: Invalid input: expected boolean/,
    ],
    [['--param', 'mode'], /--param "mode" is malformed: expected NAME=VALUE/],
    [['extra'], /unexpected argument "extra"/],
  ])('runStage resolves 2 for the invalid parameters %j, naming the parameter', async (argv, message) => {
    const lines: string[] = [];
    const code = await runStage(basicStage, {
      argv,
      env: stageEnv(makeRunDirs()),
      handleSignals: false,
      writeLog: (line) => void lines.push(line),
    });
    expect(code).toBe(2);
    expect(lines.map((line) => JSON.parse(line).msg).join('\n')).toMatch(message);
  });

  it('exits 2 naming the variable when the environment is malformed', async () => {
    const dirs = makeRunDirs();
    const env = stageEnv(dirs, { SLUICE_PARTITION_INDEX: '4', SLUICE_PARTITION_COUNT: '4' });
    const result = await runFixture('basic-stage.ts', params({ mode: 'ok', 'execution-date': date }), env);
    expect(result.code).toBe(2);
    expect(String(errorLine(result.logs)?.msg)).toMatch(
      /partition index 4 is out of range for SLUICE_PARTITION_COUNT=4/,
    );
  });

  it('reads a secret from its mounted file, never from env, and redacts it from every log line', async () => {
    const dirs = makeRunDirs();
    mkdirSync(join(dirs.secrets, 'db'), { recursive: true });
    writeFileSync(join(dirs.secrets, 'db', 'password'), 'p@ss"w0rd-42');
    const result = await runFixture(
      'basic-stage.ts',
      params({ mode: 'secret', 'execution-date': date }),
      stageEnv(dirs, { DB_PASSWORD: 'env-value-never-read' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('login failed for password [REDACTED]');
    expect(result.stderr).toContain('postgres://app:[REDACTED]@db/app');
    expect(result.stderr + result.stdout).not.toContain('w0rd-42');
  });

  it('fails fatally, naming the file, when a secret is not mounted', async () => {
    const { result } = await runBasic('secret');
    expect(result.code).toBe(2);
    expect(String(errorLine(result.logs)?.msg)).toMatch(/secret "db" key "password" is not mounted at .*db\/password/);
  });
});
