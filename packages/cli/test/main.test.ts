import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

describe('workflow', () => {
  it('prints its version', async () => {
    const io = capture();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^workflow \d+\.\d+\.\d+/);
  });

  it('prints help with exit code 2 when called with nothing', async () => {
    const io = capture();
    expect(await main([], io)).toBe(2);
    expect(io.out()).toContain('Usage: workflow <command>');
  });

  it('names the commands when given an unknown one', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err()).toContain('unknown command "frobnicate"');
  });
});
