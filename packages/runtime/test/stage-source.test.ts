import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { bundleSourceRuns, bundleSourcesComment, sourceIndexAt, sourceRunStarts } from '../src/bundle-sources.js';
import { defineStage } from '../src/index.js';
import { stageSource } from '../src/stage-source.js';

it('records the file that calls defineStage, not a file named after the stage', () => {
  const stage = defineStage({ name: 'named-otherwise', run: () => undefined });
  expect(stage.source?.file).toBe(path.resolve(import.meta.dirname, 'stage-source.test.ts'));
  expect(stage.source?.projectDir).toBe(path.resolve(import.meta.dirname, '..'));
  expect(stage.source?.path).toBe('test/stage-source.test.ts');
});

it('takes an explicit module (import.meta.url) over the call stack', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'sluice-source-'));
  mkdirSync(path.join(project, 'stages'));
  writeFileSync(path.join(project, 'package.json'), '{}');
  const file = path.join(project, 'stages', 'dedupe.ts');
  writeFileSync(file, '');
  const stage = defineStage({ name: 'dedupe-events', module: pathToFileURL(file).href, run: () => undefined });
  expect(stage.source).toEqual({ file, projectDir: project, path: 'stages/dedupe.ts' });
});

it('is undefined for a module that is not a file on disk', () => {
  expect(stageSource('file:///nowhere/at/all.ts')).toBeUndefined();
  expect(stageSource('virtual:stage')).toBeUndefined();
});

/** Base64 VLQ of one value, as source maps write it. */
function vlq(value: number): string {
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += digits[digit];
  } while (rest > 0);
  return out;
}

it('finds the source of a generated position as SourceMap.findEntry does (bundle frames are mapped without it)', () => {
  // Lines of segments as esbuild writes them: [column delta, source delta, line delta, column delta]. (Node reads
  // one-field segments, which esbuild does not write, inconsistently: "A" maps to a source, "A;" does not.)
  const segment = fc.tuple(
    fc.nat(40),
    fc.integer({ min: -3, max: 3 }),
    fc.integer({ min: -5, max: 5 }),
    fc.integer({ min: -9, max: 9 }),
  );
  fc.assert(
    fc.property(
      fc.array(fc.array(segment, { maxLength: 5 }), { minLength: 1, maxLength: 12 }),
      fc.nat(14),
      fc.nat(200),
      (lines, line, column) => {
        // Keep every source index within the 4 sources and every original line and column non-negative.
        let source = 0;
        let originalLine = 0;
        let originalColumn = 0;
        const mappings = lines
          .map((segments) =>
            segments
              .map((s) => {
                const ds = Math.min(Math.max(source + s[1], 0), 3) - source;
                const dl = Math.max(originalLine + s[2], 0) - originalLine;
                const dc = Math.max(originalColumn + s[3], 0) - originalColumn;
                source += ds;
                originalLine += dl;
                originalColumn += dc;
                return [s[0], ds, dl, dc].map(vlq).join('');
              })
              .join(','),
          )
          .join(';');
        const sources = ['a.ts', 'b.ts', 'c.ts', 'd.ts'];
        const expected = (
          new SourceMap({
            version: 3,
            file: 'out.mjs',
            sources,
            sourcesContent: [],
            names: [],
            mappings,
            sourceRoot: '',
          }).findEntry(line, column) as { originalSource?: string }
        ).originalSource;
        const index = sourceIndexAt(sourceRunStarts(mappings) ?? [], line, column);
        expect(index === undefined ? undefined : sources[index]).toBe(expected);
        // The comment line a bundler writes holds the same runs as the inline map they were decoded from.
        const map = Buffer.from(JSON.stringify({ version: 3, sources, names: [], mappings })).toString('base64');
        const inline = `//# sourceMappingURL=data:application/json;base64,${map}\n`;
        const decoded = bundleSourceRuns(`const x = 1;\n${inline}`);
        const commented = bundleSourceRuns(`const x = 1;\n${bundleSourcesComment({ sources, mappings })}\n${inline}`);
        expect(commented).toEqual(decoded);
      },
    ),
    { numRuns: 500 },
  );
});

it("reads a bundle's sources from its comment line, not from its source map, when it has one", () => {
  const map = Buffer.from(JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA' })).toString(
    'base64',
  );
  const text = `f();\n${bundleSourcesComment({ sources: ['b.ts'], sourceRoot: '../', mappings: 'AAAA' })}\n//# sourceMappingURL=data:application/json;base64,${map}\n`;
  expect(bundleSourceRuns(text)).toEqual({ sources: ['../b.ts'], starts: [0, 0, 0] });
  expect(bundleSourceRuns(text.slice(text.indexOf('//# sourceMappingURL')))).toEqual({
    sources: ['a.ts'],
    starts: [0, 0, 0],
  });
  expect(bundleSourceRuns(text.slice(text.indexOf('//# sourceMappingURL')), { inlineMap: false })).toBeUndefined();
  expect(bundleSourceRuns('f();\n')).toBeUndefined();
});
