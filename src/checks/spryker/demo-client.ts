import { request, type Dispatcher } from 'undici';
import { normaliseHeaders, probeErrorFrom, USER_AGENT } from '../http/client.js';
import type { HeaderMap } from '../http/evidence.js';
import { ProbeError } from '../types.js';
import type { RecordedError } from './demo-evidence.js';

/** How the demo-data probes talk HTTP: one request, never following redirects, a bounded body. */

/** The test shop's mark on every answer (src/demo/spryker): reported so nobody takes it for Spryker. */
export const DEMO_SHOP_HEADER = 'x-golive-demo';

export interface Answer {
  status: number;
  headers: HeaderMap;
  /** The body as text, at most `limit` bytes (the rest is not read). */
  body: string;
  demoShop: boolean;
}

export interface Call {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Bytes of body to keep (default 64 KiB). */
  limit?: number;
}

export async function call(dispatcher: Dispatcher, url: string, c: Call, signal: AbortSignal): Promise<Answer> {
  const what = `${c.method} ${url}`;
  try {
    const res = await request(url, {
      dispatcher,
      method: c.method,
      headers: { 'user-agent': USER_AGENT, ...c.headers },
      ...(c.body === undefined ? {} : { body: c.body }),
      signal,
    });
    const headers = normaliseHeaders(res.headers);
    const body = await readUpTo(res.body, c.limit ?? 64 * 1024);
    return { status: res.statusCode, headers, body, demoShop: headers[DEMO_SHOP_HEADER] !== undefined };
  } catch (err) {
    throw probeErrorFrom(err, what, signal);
  }
}

/** The start of a body; a longer one is cut and its connection dropped (we only look for a few facts). */
async function readUpTo(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

export function recorded(err: unknown): RecordedError {
  return err instanceof ProbeError ? { code: err.code, message: err.message.slice(0, 300) } : { code: 'NETWORK', message: String(err).slice(0, 300) };
}

/** JSON, or undefined when the body is not JSON (an error page, a cut body). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The string at root.a.b.0.c, or undefined. */
export function textAt(root: unknown, ...path: (string | number)[]): string | undefined {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return typeof node === 'string' ? node : typeof node === 'number' ? String(node) : undefined;
}
