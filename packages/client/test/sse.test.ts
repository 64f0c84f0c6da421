import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sseEvents } from '../src/index.js';

async function collect(chunks: (string | Uint8Array)[]): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const event of sseEvents(source())) out.push(event);
  return out;
}

describe('sseEvents', () => {
  it('joins data lines, skips comments and other fields, accepts CRLF and CR', async () => {
    expect(await collect([': ping\n\nevent: x\nid: 1\ndata: a\ndata:b\n\r\ndata: c\r\rdata: {"d":1}\n\n'])).toEqual([
      'a\nb',
      'c',
      '{"d":1}',
    ]);
  });

  it('drops an event the stream cut off before its blank line', async () => {
    expect(await collect(['data: one\n\ndata: {"trunc'])).toEqual(['one']);
  });

  it('yields the same events however the bytes are split', async () => {
    const payload = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '{', '"', ' ', ':') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(payload, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        async (events, cuts, eol) => {
          const bytes = Buffer.from(events.map((e) => `data: ${e}${eol}${eol}`).join(''), 'utf8');
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let last = 0;
          for (const p of [...points, bytes.length]) {
            chunks.push(bytes.subarray(last, p));
            last = p;
          }
          expect(await collect(chunks)).toEqual(events);
        },
      ),
      { numRuns: 200 },
    );
  });
});
