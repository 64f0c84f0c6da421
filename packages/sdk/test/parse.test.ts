import { describe, expect, it } from 'vitest';
import { ManifestParseError, parseYamlDocuments } from '../src/index.js';

describe('parseYamlDocuments', () => {
  it('reads every document and drops empty ones', () => {
    expect(parseYamlDocuments('a: 1\n---\n---\nb: [x, y]\n')).toEqual([{ a: 1 }, { b: ['x', 'y'] }]);
  });

  it('keeps dates as strings, as Kubernetes does', () => {
    expect(parseYamlDocuments('date: 2026-06-17\n')).toEqual([{ date: '2026-06-17' }]);
  });

  it('reads a leading-zero integer as YAML 1.1 octal, as Kubernetes does (file modes)', () => {
    expect(parseYamlDocuments('mode: 0755\nother: 0o17\nplain: 755\nzero: 0\nquoted: "0755"\n')).toEqual([
      { mode: 0o755, other: 0o17, plain: 755, zero: 0, quoted: '0755' },
    ]);
  });

  it('supports merge keys', () => {
    expect(parseYamlDocuments('base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n')).toEqual([
      { base: { x: 1 }, derived: { x: 1, y: 2 } },
    ]);
  });

  it('rejects a key given twice in one mapping, naming the key and line, as argo lint (strict) does', () => {
    expect(() => parseYamlDocuments('a: 1\na: 2\n', 'wf.yaml')).toThrowError(
      'wf.yaml:2: key "a" is given twice in one mapping',
    );
  });

  it('accepts a multi-line flow scalar closed at its parent indentation, as Argo examples write it', () => {
    const text = 'container:\n  args: ["\n    echo hi\n  "]\n  image: alpine:3.20\n';
    expect(parseYamlDocuments(text)).toEqual([{ container: { args: [' echo hi '], image: 'alpine:3.20' } }]);
  });

  it('names the source and line of a syntax error', () => {
    expect(() => parseYamlDocuments('a: 1\nb: [unclosed\n', 'wf.yaml')).toThrowError(ManifestParseError);
    expect(() => parseYamlDocuments('a: 1\nb: [unclosed\n', 'wf.yaml')).toThrowError(/^wf\.yaml:\d+: /);
  });
});
