import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArgoServerError,
  backoffDelay,
  defaultRetryPolicy,
  InvalidArgumentError,
  isTransient,
  TransportError,
  UnavailableError,
} from '../src/index.js';

const request = { method: 'GET', path: '/x' };

describe('retries', () => {
  it('backs off within [0, min(max, base·2^n)) for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const policy = { ...defaultRetryPolicy, random: () => r };
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
        const d = backoffDelay(attempt, policy);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }),
    );
  });

  it('retries 502/503/504, resets and timeouts, never 4xx', () => {
    expect(isTransient(new UnavailableError(503, 14, 'x', request))).toBe(true);
    expect(isTransient(new ArgoServerError(504, 4, 'x', request))).toBe(true);
    expect(isTransient(new TransportError('ECONNRESET', 'x', request))).toBe(true);
    expect(isTransient(new TransportError('ETIMEDOUT', 'x', request))).toBe(true);
    expect(isTransient(new InvalidArgumentError(400, 3, 'x', request))).toBe(false);
    expect(isTransient(new ArgoServerError(500, 13, 'x', request))).toBe(false);
    expect(isTransient(new TransportError('DEPTH_ZERO_SELF_SIGNED_CERT', 'x', request))).toBe(false);
  });
});
