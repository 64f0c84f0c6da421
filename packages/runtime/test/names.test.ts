import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCamelCase, toKebabCase } from '../src/index.js';
import { invalidKeyReason } from '../src/names.js';

describe('parameter names', () => {
  it('maps camelCase keys to kebab-case and back', () => {
    expect(toKebabCase('rawPath')).toBe('raw-path');
    expect(toCamelCase('raw-path')).toBe('rawPath');
    expect(toKebabCase('v2Path')).toBe('v2-path');
  });

  it('every key invalidKeyReason accepts survives the round trip through kebab-case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,12}$/), (key) => {
        if (invalidKeyReason(key) === undefined) expect(toCamelCase(toKebabCase(key))).toBe(key);
      }),
    );
  });

  it('rejects keys that do not map back, saying what to write instead', () => {
    expect(invalidKeyReason('apiURL')).toMatch(/write e.g. "apiUrl"/);
    expect(invalidKeyReason('raw_path')).toMatch(/must be camelCase/);
    expect(invalidKeyReason('RawPath')).toMatch(/must be camelCase/);
    expect(invalidKeyReason('rawPath')).toBeUndefined();
  });
});
