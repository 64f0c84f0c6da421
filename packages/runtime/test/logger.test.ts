import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, Redactor } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('the JSON logger', () => {
  it('writes one JSON object per line with level, msg, base fields and time', () => {
    const { lines, write } = capture();
    createLogger({ stage: 'extract' }, new Redactor(), write).info('read rows', { rows: 3, stage: 'spoofed' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ level: 'info', msg: 'read rows', stage: 'extract', rows: 3 });
    expect(typeof entry.time).toBe('string');
  });

  it('redacts fields with sensitive names whatever they hold', () => {
    const { lines, write } = capture();
    createLogger({}, new Redactor(), write).warn('auth', { apiKey: 'k', password: 'p', Authorization: 'Bearer x' });
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      apiKey: REDACTED,
      password: REDACTED,
      Authorization: REDACTED,
    });
  });

  it('never lets a registered secret through, in messages, fields or error stacks', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{4,24}$/).filter((s) => !REDACTED.includes(s)),
        fc.string(),
        (secret, noise) => {
          const { lines, write } = capture();
          const redactor = new Redactor();
          redactor.add(`${secret}\n`);
          const log = createLogger({ stage: 's' }, redactor, write);
          log.error(`${noise}${secret}${noise}`, { detail: { nested: [secret] }, err: new Error(`bad ${secret}`) });
          expect(lines.join('')).not.toContain(secret);
        },
      ),
    );
  });
});
