import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { toProbeError } from '../../net/errors.js';
import { ProbeError } from '../types.js';
import type { HeaderMap } from './evidence.js';

/**
 * The one place the http probes talk to undici: send one request (never following redirects),
 * read a body within a byte limit, and turn failures into ProbeErrors.
 */

export const USER_AGENT = 'golive-check (+https://github.com/golive/golive)';
/** Browsers' Accept for a page; some servers answer differently without it. */
export const ACCEPT_HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const MAX_HEADER_VALUE = 2048;
const MAX_HEADERS = 80;

/** Aborts when the caller's signal does or after `ms`: the probe's own time limit for all its hops. */
export function deadline(signal: AbortSignal, ms: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(ms)]);
}

/** A cookie without its value: the name and attributes are what checks need; the value may be a session. */
export function redactCookie(raw: string): string {
  const [pair = '', ...attrs] = raw.split(';');
  const eq = pair.indexOf('=');
  const name = eq < 0 ? pair.trim() : pair.slice(0, eq).trim();
  return [`${name}=<redacted>`, ...attrs.map((a) => a.trim())].join('; ').slice(0, MAX_HEADER_VALUE);
}

/** Lower-case names, repeated headers joined, set-cookie as a redacted array, long values cut. */
export function normaliseHeaders(raw: Record<string, string | string[] | undefined>): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(raw).slice(0, MAX_HEADERS)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const values = Array.isArray(value) ? value : [value];
    if (key === 'set-cookie') out[key] = values.map(redactCookie);
    else out[key] = values.join(', ').slice(0, MAX_HEADER_VALUE);
  }
  return out;
}

export function headerText(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

export interface Sent {
  status: number;
  headers: HeaderMap;
  rawHeaders: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
  timeMs: number;
}

export interface SendOptions {
  method: 'GET' | 'HEAD' | 'OPTIONS';
  headers: Record<string, string>;
  signal: AbortSignal;
}

export async function send(dispatcher: Dispatcher, url: string, opts: SendOptions): Promise<Sent> {
  const started = performance.now();
  const res = await request(url, {
    dispatcher,
    method: opts.method,
    // Lower-cased so that a user's "User-Agent" replaces ours instead of being sent beside it.
    headers: { 'user-agent': USER_AGENT, accept: ACCEPT_HTML, ...Object.fromEntries(Object.entries(opts.headers).map(([k, v]) => [k.toLowerCase(), v])) },
    signal: opts.signal,
  });
  return { status: res.statusCode, headers: normaliseHeaders(res.headers), rawHeaders: res.headers, body: res.body, timeMs: Math.round(performance.now() - started) };
}

/** Drops a body we do not need (a redirect's), reading a little so the connection can be reused. */
export async function discard(body: Sent['body']): Promise<void> {
  try {
    await body.dump({ limit: 64 * 1024 });
  } catch {
    body.destroy();
  }
}

/** Counts bytes as they arrive so a short body can be told from a reset. */
interface ReadState {
  received: number;
}

/**
 * The whole body, at most `limit` bytes after decompression. A larger body is destroyed at once
 * (HTTP_TOO_LARGE); a body that ends before its Content-Length is HTTP_PROTOCOL, not a reset.
 */
export async function readBody(sent: Sent, limit: number, what: string, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(headerText(sent.headers, 'content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    sent.body.destroy();
    throw tooLarge(what, limit, declared);
  }
  const state: ReadState = { received: 0 };
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of sent.body as AsyncIterable<Buffer>) {
      state.received += chunk.length;
      if (state.received > limit) {
        sent.body.destroy();
        throw tooLarge(what, limit);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw bodyError(err, what, signal, declared, state.received);
  }
  return decode(Buffer.concat(chunks), headerText(sent.headers, 'content-encoding'), limit, what);
}

function tooLarge(what: string, limit: number, declared?: number): ProbeError {
  const size = declared === undefined ? `more than ${limit}` : String(declared);
  return new ProbeError('HTTP_TOO_LARGE', `${what}: the body is ${size} bytes, over the limit of ${limit}`, {
    hint: 'raise maxBodyBytes if the page is meant to be this large, or check that the URL is the page and not a download',
  });
}

function bodyError(err: unknown, what: string, signal: AbortSignal, declared: number, received: number): ProbeError {
  if (err instanceof ProbeError || signal.aborted) return probeErrorFrom(err, what, signal);
  if (Number.isFinite(declared) && received < declared) {
    return new ProbeError('HTTP_PROTOCOL', `${what}: the body ended after ${received} of ${declared} bytes (Content-Length)`, {
      cause: err,
      hint: 'the server or a proxy cut the response short or declared a wrong Content-Length',
    });
  }
  return probeErrorFrom(err, what, signal);
}

const DECODERS: Record<string, (b: Buffer, max: number) => Buffer> = {
  gzip: (b, max) => gunzipSync(b, { maxOutputLength: max }),
  'x-gzip': (b, max) => gunzipSync(b, { maxOutputLength: max }),
  deflate: (b, max) => inflateSync(b, { maxOutputLength: max }),
  br: (b, max) => brotliDecompressSync(b, { maxOutputLength: max }),
};

function decode(body: Buffer, encoding: string | undefined, limit: number, what: string): Buffer {
  const decoder = encoding ? DECODERS[encoding.trim().toLowerCase()] : undefined;
  if (!decoder || body.length === 0) return body;
  try {
    return decoder(body, limit);
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(what, limit);
    throw new ProbeError('HTTP_PROTOCOL', `${what}: the ${encoding} body cannot be decoded`, { cause: err, hint: 'the Content-Encoding does not match the body' });
  }
}

/** toProbeError plus what it does not know: undici's HTTPParserError carries no code. */
export function probeErrorFrom(err: unknown, what: string, signal: AbortSignal): ProbeError {
  if (!signal.aborted && err instanceof Error && err.name === 'HTTPParserError') {
    return new ProbeError('HTTP_PROTOCOL', `${what}: ${err.message}`, { cause: err, hint: 'the server sent an invalid HTTP response (for example a broken chunked body); check the application and any proxy in front of it' });
  }
  return toProbeError(err, what, signal);
}
