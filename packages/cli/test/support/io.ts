import { PassThrough } from 'node:stream';
import type { CommandIO } from '../../src/index.js';

/** A CommandIO that records what a command writes. */
export function capture(
  env: NodeJS.ProcessEnv = {},
  cwd = process.cwd(),
): CommandIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  return {
    stdout,
    stderr,
    env,
    cwd,
    out: () => Buffer.concat(chunks.out).toString('utf8'),
    err: () => Buffer.concat(chunks.err).toString('utf8'),
  };
}
