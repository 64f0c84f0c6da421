import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosProxyConfig, type AxiosResponse, isAxiosError } from 'axios';
import type { ClientConfig } from './config.js';
import { errorFromResponse, InvalidResponseError, type RequestSummary, TransportError } from './errors.js';
import { anyObject, type ResponseShape } from './response-shape.js';
import { sseEvents } from './sse.js';

/** A query value: repeated for arrays, as grpc-gateway reads them. `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** A query in grpc-gateway's dotted form, e.g. `{ 'listOptions.labelSelector': 'app=etl' }`. */
export type Query = Readonly<Record<string, QueryValue>>;

/**
 * Receives one line per request and answer when verbose output is on. Never sees the token.
 * @example
 * ```ts
 * import { createClient, type RequestLogger } from '@sluice/client';
 *
 * const log: RequestLogger = (line) => process.stderr.write(`${line}\n`);
 * const client = createClient({ server: 'https://argo.example.org:2746', log });
 * ```
 */
export type RequestLogger = (line: string) => void;

/** The largest answer read (a list of many workflows stays well below it). */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

const sensitiveHeaders = new Set(['authorization', 'cookie', 'proxy-authorization', 'set-cookie']);

/** One HTTP exchange with the Argo Server, JSON in and out, with typed errors. */
export class Transport {
  readonly #http: AxiosInstance;
  readonly #agents: (http.Agent | https.Agent)[];
  readonly #log: RequestLogger | undefined;
  readonly #secrets: string[];

  constructor(
    readonly config: ClientConfig,
    log?: RequestLogger,
  ) {
    this.#log = log;
    this.#secrets = [config.token, ...Object.values(config.headers)].filter(
      (s): s is string => s !== undefined && s.length >= 8,
    );
    const httpsAgent = new https.Agent({
      keepAlive: true,
      rejectUnauthorized: !config.insecureSkipVerify,
      ...config.tls,
    });
    const httpAgent = new http.Agent({ keepAlive: true });
    this.#agents = [httpsAgent, httpAgent];
    const headers: Record<string, string> = { Accept: 'application/json', ...config.headers };
    if (config.token !== undefined) headers.Authorization = config.token;
    this.#http = axios.create({
      baseURL: config.baseUrl,
      headers,
      httpAgent,
      httpsAgent,
      proxy: proxyConfig(config.proxy),
      maxRedirects: 0,
      validateStatus: () => true,
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true },
    });
  }

  /** Sends one JSON request; resolves with the parsed body of a 2xx answer, rejects with a typed error otherwise. */
  async json<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; shape?: ResponseShape } = {},
  ): Promise<T> {
    const summary = summarize(method, path, options.query);
    const started = Date.now();
    this.#logRequest(summary, options.body);
    let response: AxiosResponse<string>;
    try {
      response = await this.#http.request<string>({
        method,
        url: summary.path,
        data: options.body === undefined ? undefined : JSON.stringify(options.body),
        headers: options.body === undefined ? {} : { 'Content-Type': 'application/json' },
        responseType: 'text',
        timeout: this.config.timeoutMs,
        // axios' timeout restarts with every byte: this bounds the whole exchange, for a server that trickles.
        signal: AbortSignal.timeout(this.config.timeoutMs),
        maxContentLength: MAX_RESPONSE_BYTES,
      });
    } catch (error) {
      throw this.#transportError(error, summary);
    }
    this.#log?.(`← ${response.status} ${summary.method} ${summary.path} (${Date.now() - started} ms)`);
    const body = parseBody(response.data);
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response.status, body, summary);
    const problem = typeof body === 'string' ? 'the body is not JSON (truncated?)' : (options.shape ?? anyObject)(body);
    if (problem !== undefined) throw new InvalidResponseError(problem, summary);
    return body as T;
  }

  /**
   * Opens a Server-Sent Events stream (`Accept: text/event-stream`) and yields each event's parsed JSON.
   * A non-2xx answer rejects with a typed error; a broken connection rejects with a {@link TransportError}.
   */
  async *events(path: string, query: Query, signal?: AbortSignal): AsyncGenerator<unknown> {
    const summary = summarize('GET', path, query);
    this.#logRequest(summary, undefined);
    let response: AxiosResponse<Readable>;
    // The timeout covers waiting for the answer's headers only: a stream may then stay quiet for as long as it likes.
    const connect = new AbortController();
    const timer = setTimeout(() => connect.abort(), this.config.timeoutMs);
    try {
      response = await this.#http.request<Readable>({
        method: 'GET',
        url: summary.path,
        headers: { Accept: 'text/event-stream' },
        responseType: 'stream',
        timeout: 0,
        signal: signal === undefined ? connect.signal : AbortSignal.any([signal, connect.signal]),
      });
    } catch (error) {
      if (connect.signal.aborted && !signal?.aborted) {
        throw new TransportError('ETIMEDOUT', `no answer within ${this.config.timeoutMs} ms`, summary);
      }
      throw this.#transportError(error, summary);
    } finally {
      clearTimeout(timer);
    }
    this.#log?.(`← ${response.status} ${summary.method} ${summary.path} (stream)`);
    const stream = response.data;
    if (response.status < 200 || response.status >= 300) {
      const text = await readAll(stream);
      throw errorFromResponse(response.status, parseBody(text), summary);
    }
    const onAbort = () => stream.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const data of sseEvents(stream)) {
        yield parseBody(data);
      }
    } catch (error) {
      if (signal?.aborted) return;
      throw this.#transportError(error, summary);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stream.destroy();
    }
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    for (const agent of this.#agents) agent.destroy();
  }

  #logRequest(summary: RequestSummary, body: unknown): void {
    if (this.#log === undefined) return;
    const headers = Object.entries({
      ...this.#http.defaults.headers.common,
      ...(this.config.token === undefined ? {} : { Authorization: this.config.token }),
      ...this.config.headers,
    })
      .filter(([, v]) => typeof v === 'string')
      .map(([name, value]) => `${name}: ${sensitiveHeaders.has(name.toLowerCase()) ? '<redacted>' : String(value)}`);
    this.#log(`→ ${summary.method} ${this.config.baseUrl}${summary.path}`);
    for (const line of headers) this.#log(`  ${this.redact(line)}`);
    if (body !== undefined) this.#log(`  body: ${this.redact(truncate(JSON.stringify(body), 2000))}`);
  }

  /** Replaces any secret (the token, header values) in a text with `<redacted>`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join('<redacted>');
    return out;
  }

  #transportError(error: unknown, summary: RequestSummary): Error {
    if (error instanceof TransportError) return error;
    if (isAxiosError(error) || error instanceof Error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'ERR_UNKNOWN';
      return new TransportError(code, this.redact(describeTransport(code, error.message, this.config)), summary);
    }
    return new TransportError('ERR_UNKNOWN', String(error), summary);
  }
}

function describeTransport(code: string, message: string, config: ClientConfig): string {
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return (
      `TLS certificate of ${config.baseUrl} not trusted (${code}: ${message}); pass --certificate-authority <file>, ` +
      'or -k / ARGO_INSECURE_SKIP_VERIFY=true to skip verification'
    );
  }
  if (code === 'EPROTO' || /wrong version number|packet length too long/i.test(message)) {
    return `TLS handshake with ${config.baseUrl} failed (${message}); if the server speaks plain HTTP, set ARGO_SECURE=false or pass --secure=false`;
  }
  if (config.proxy !== undefined && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET)$/.test(code)) {
    const proxy = `${config.proxy.protocol}//${config.proxy.host}`;
    return `the proxy ${proxy} (from --proxy or HTTP(S)_PROXY) failed (${code}) before ${config.baseUrl} was reached; check the proxy, or bypass it with NO_PROXY`;
  }
  if (code === 'ECONNREFUSED') return `connection refused by ${config.baseUrl} (is the Argo Server running there?)`;
  if (code === 'ERR_CANCELED' || code === 'ABORT_ERR')
    return `no complete answer from ${config.baseUrl} within ${config.timeoutMs} ms`;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return `no answer from ${config.baseUrl}: ${message}`;
  return `${code}: ${message}`;
}

function proxyConfig(url: URL | undefined): AxiosProxyConfig | false {
  if (url === undefined) return false;
  return {
    protocol: url.protocol.replace(/:$/, ''),
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    ...(url.username === ''
      ? {}
      : { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } }),
  };
}

/** Builds the request summary, path plus query, that errors and logs show. */
export function summarize(method: string, path: string, query: Query | undefined): RequestSummary {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(name, v);
    else params.append(name, String(value));
  }
  const search = params.toString();
  return { method, path: search === '' ? path : `${path}?${search}` };
}

/** Parses a JSON body, tolerantly: every field is kept, and a non-JSON body comes back as its text. */
export function parseBody(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
