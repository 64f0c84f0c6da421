import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/logger.js';
import { withoutCredentials } from '../src/metrics.js';
import { makeRunDirs, params, runFixture, stageEnv } from './helpers/run-fixture.js';

const SECRET = 's3cr3t-P@ss/w0rd+';

/** Every form in which the secret could be read back from bytes a run wrote. */
const forms = (secret: string): string[] => [
  secret,
  Buffer.from(secret).toString('base64').replace(/=+$/, ''),
  Buffer.from(secret).toString('base64url'),
  encodeURIComponent(secret),
  // A Buffer serialised by JSON.stringify: its bytes as a number list.
  JSON.stringify([...Buffer.from(secret)]).slice(1, -1),
];

/** Every file below `dir`, read whole. */
function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesBelow(file));
    else out.push(readFileSync(file, 'latin1'));
  }
  return out;
}

function expectNoSecret(texts: readonly string[]): void {
  for (const text of texts) for (const form of forms(SECRET)) expect(text).not.toContain(form);
}

async function leak(mode: string) {
  const dirs = makeRunDirs();
  mkdirSync(join(dirs.secrets, 'db'), { recursive: true });
  writeFileSync(join(dirs.secrets, 'db', 'password'), `${SECRET}\n`);
  const termination = join(dirs.root, 'termination-log');
  const result = await runFixture(
    'leaky-stage.ts',
    params({ mode, 'execution-date': '2026-01-02' }),
    stageEnv(dirs, { SLUICE_TERMINATION_LOG: termination }),
  );
  return { result, dirs, termination };
}

describe('issue 15 item 1: a secret does not leak when an error escapes run()', () => {
  it('bug: a throw in a timer callback is logged with the secret redacted and writes a termination message', async () => {
    const { result, dirs, termination } = await leak('timer-throw');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pool error: password=[REDACTED]');
    expect(readFileSync(termination, 'utf8')).toBe(
      'unexpected exception outside run(): pool error: password=[REDACTED]',
    );
    expectNoSecret([result.stdout, result.stderr, ...filesBelow(dirs.root).filter((text) => !text.startsWith(SECRET))]);
  });

  it('bug: an unhandled rejection is logged with the secret redacted and writes a termination message', async () => {
    const { result, dirs, termination } = await leak('unhandled-rejection');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pool error: password=[REDACTED]');
    expect(readFileSync(termination, 'utf8')).toContain('password=[REDACTED]');
    expectNoSecret([result.stdout, result.stderr, ...filesBelow(dirs.root).filter((text) => !text.startsWith(SECRET))]);
  });
});

describe('issue 15 item 15: secrets do not leak outside the logger', () => {
  it('bug: metric label values, Buffer fields, base64 and URL-encoded copies of a secret are redacted', async () => {
    const { result, dirs } = await leak('fields');
    expect(result.code).toBe(0);
    const metrics = readFileSync(dirs.metricsFile, 'utf8');
    expect(metrics).toContain('db_logins_total{dsn="postgres://app:[REDACTED]@db/app"');
    const line = result.logs.find((entry) => entry.msg === 'connecting');
    expect(line).toMatchObject({ raw: `[${Buffer.byteLength(SECRET)} bytes]`, encoded: '[REDACTED]' });
    expect(line?.url).toBe('https://db.example/?p=[REDACTED]');
    // Every byte the run wrote but the mounted secret file itself.
    expectNoSecret([result.stdout, result.stderr, ...filesBelow(dirs.root).filter((text) => !text.startsWith(SECRET))]);
  });

  it('bug: credentials inside PUSHGATEWAY_URL never appear in a warning', async () => {
    const dirs = makeRunDirs();
    mkdirSync(join(dirs.secrets, 'db'), { recursive: true });
    writeFileSync(join(dirs.secrets, 'db', 'password'), `${SECRET}\n`);
    const result = await runFixture(
      'leaky-stage.ts',
      params({ mode: 'fields', 'execution-date': '2026-01-02' }),
      stageEnv(dirs, {
        PUSHGATEWAY_URL: 'http://pushuser:gw-Pa55word@127.0.0.1:9',
        SLUICE_METRICS_TIMEOUT_SECONDS: '1',
      }),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('metrics delivery failed');
    expect(result.stderr).not.toContain('gw-Pa55word');
    expect(result.stderr).not.toContain(Buffer.from('pushuser:gw-Pa55word').toString('base64'));
  });

  it('redacts every encoded form, longest first, in plain text as well as in JSON', () => {
    const redactor = new Redactor();
    redactor.add('hunter22');
    redactor.add('hunter22-long');
    const base64 = Buffer.from('hunter22').toString('base64');
    expect(redactor.apply(`a hunter22-long b ${base64} c ${encodeURIComponent('hunter22')}`)).toBe(
      'a [REDACTED] b [REDACTED] c [REDACTED]',
    );
    expect(withoutCredentials('http://u:p@gw:9091/x')).toBe('http://gw:9091/x');
  });
});
