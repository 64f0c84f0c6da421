/**
 * Splits a Server-Sent Events byte stream into the data of each event: `data:` lines are joined with `\n`, a blank
 * line ends an event (an unterminated last event is dropped), comment lines (`:`) and other fields (`event:`, `id:`, `retry:`) are skipped. Handles `\n`,
 * `\r\n` and `\r` line ends and events split across chunks at any byte, multi-byte characters included.
 * @example
 * ```ts
 * import { sseEvents } from '@sluice/client';
 *
 * const response = await fetch('https://argo.example.org:2746/api/v1/workflow-events/etl');
 * if (response.body !== null) for await (const data of sseEvents(response.body)) console.log(JSON.parse(data));
 * ```
 */
export async function* sseEvents(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let pendingCr = false;
  const lines = function* (text: string): Generator<string> {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\n' && pendingCr) {
        pendingCr = false;
        start = i + 1;
        continue;
      }
      pendingCr = false;
      if (ch === '\n' || ch === '\r') {
        yield buffer + text.slice(start, i);
        buffer = '';
        start = i + 1;
        pendingCr = ch === '\r';
      }
    }
    buffer += text.slice(start);
  };
  const take = (line: string): string | undefined => {
    if (line === '') {
      if (data.length === 0) return undefined;
      const event = data.join('\n');
      data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    return undefined;
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (const line of lines(text)) {
      const event = take(line);
      if (event !== undefined) yield event;
    }
  }
  // An event not closed by a blank line when the stream ends is incomplete and dropped, as the SSE spec says.
  for (const line of lines(decoder.decode())) {
    const event = take(line);
    if (event !== undefined) yield event;
  }
}
