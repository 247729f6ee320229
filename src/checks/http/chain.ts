import type { Dispatcher } from 'undici';
import { ProbeError } from '../types.js';
import { discard, headerText, probeErrorFrom, readBody, send, type Sent } from './client.js';
import type { HttpHop } from './evidence.js';

/**
 * Follows a chain of redirects by hand (undici never follows them): one request per hop, relative
 * Location headers resolved against the hop's URL, loops and over-long chains stopped. It never
 * throws: the hops seen so far come back with the error, so a redirect map can report a broken
 * row and go on.
 */

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface ChainOptions {
  method: 'GET' | 'HEAD';
  follow: boolean;
  maxRedirects: number;
  maxBodyBytes: number;
  headers: Record<string, string>;
  /** Read the final body (GET only); otherwise it is discarded. */
  readBody: boolean;
}

export interface ChainResult {
  hops: HttpHop[];
  /** The final body (decompressed), when read. */
  body: Buffer | null;
  ttfbMs: number;
  totalMs: number;
  error?: ProbeError;
}

/** The Location of a redirect response resolved against its URL, or undefined. */
function locationOf(sent: Sent, url: string): string | undefined {
  const raw = headerText(sent.headers, 'location');
  if (!REDIRECT_STATUSES.has(sent.status) || !raw) return undefined;
  try {
    return new URL(raw, url).href;
  } catch {
    return undefined;
  }
}

function loopError(hops: HttpHop[], next: string): ProbeError {
  const path = [...hops.map((h) => h.url), next].slice(-6).join(' -> ');
  return new ProbeError('HTTP_REDIRECT_LOOP', `redirect loop: ${path}`, {
    hint: 'a redirect leads back to a URL already visited; check the redirect rules (often http/https or www/apex rules that undo each other, or a rule that needs a cookie)',
  });
}

function tooManyError(hops: HttpHop[], max: number): ProbeError {
  return new ProbeError('HTTP_REDIRECT_LOOP', `more than ${max} redirects starting at ${hops[0]?.url ?? '?'}`, {
    hint: 'shorten the chain to one redirect: browsers give up after about 20 and crawlers after about 5',
  });
}

async function step(dispatcher: Dispatcher, url: string, method: ChainOptions['method'], opts: ChainOptions, signal: AbortSignal): Promise<{ hop: HttpHop; sent: Sent }> {
  const sent = await send(dispatcher, url, { method, headers: opts.headers, signal });
  const location = locationOf(sent, url);
  const hop: HttpHop = { url, status: sent.status, headers: sent.headers, ...(location ? { location } : {}), timeMs: sent.timeMs };
  return { hop, sent };
}

export async function followChain(dispatcher: Dispatcher, start: string, opts: ChainOptions, signal: AbortSignal): Promise<ChainResult> {
  const t0 = performance.now();
  const hops: HttpHop[] = [];
  const seen = new Set<string>();
  let url = start;
  let method = opts.method;
  let ttfbMs = 0;
  try {
    for (;;) {
      seen.add(url);
      const { hop, sent } = await step(dispatcher, url, method, opts, signal);
      hops.push(hop);
      ttfbMs = Math.round(performance.now() - t0);
      if (!hop.location || !opts.follow) {
        const body = opts.readBody && method === 'GET' ? await readBody(sent, opts.maxBodyBytes, `reading ${url}`, signal) : (await discard(sent.body), null);
        return { hops, body, ttfbMs, totalMs: Math.round(performance.now() - t0) };
      }
      await discard(sent.body);
      if (seen.has(hop.location)) throw loopError(hops, hop.location);
      if (hops.length > opts.maxRedirects) throw tooManyError(hops, opts.maxRedirects);
      // 303 turns any method into GET; HEAD stays HEAD.
      if (hop.status === 303 && method !== 'HEAD') method = 'GET';
      url = hop.location;
    }
  } catch (err) {
    const error = probeErrorFrom(err, `requesting ${url}`, signal);
    return { hops, body: null, ttfbMs, totalMs: Math.round(performance.now() - t0), error };
  }
}
