import { errorFromStream } from './errors.js';

/**
 * Turns the frames of an Argo stream (`{"result": …}` or `{"error": {grpc_code, http_code, message}}`) into the
 * results, throwing the typed error of an error frame. Frames with neither are skipped.
 */
export async function* streamResults<T>(frames: AsyncIterable<unknown>): AsyncGenerator<T> {
  for await (const frame of frames) {
    if (typeof frame !== 'object' || frame === null) continue;
    const record = frame as { result?: unknown; error?: unknown };
    if (record.error !== undefined && record.error !== null) throw errorFromStream(record.error);
    if (record.result !== undefined && record.result !== null) yield record.result as T;
  }
}
