import { request, type Dispatcher } from 'undici';
import { redactUrl } from '../../lib/redact.js';
import { dispatcherFor } from '../../net/http.js';
import { deadline, probeErrorFrom, USER_AGENT } from '../http/client.js';
import { ProbeError, type ProbeContext } from '../types.js';

/**
 * How the cdp probes talk to the API: GET only, redirects never followed (credentials must not
 * travel to another host), a bounded JSON body, and every text that leaves the probe (messages,
 * errors, details) scrubbed of the client key and API token.
 */

export interface CdpSession {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  /** Sent as is; never recorded. */
  authorization?: string;
  secrets: string[];
  /** The largest answer read, in bytes (default 1 MiB). */
  maxBody?: number;
}

/** A request body and its content type (a JSON document, a form). */
export interface Body {
  contentType: string;
  text: string;
}

export interface Answer {
  status: number;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  /** The start of the body, scrubbed. */
  text: string;
  /** The answer's own words (`message` or `error`, else the text), cut and scrubbed. */
  detail?: string;
}

const MAX_BODY = 1024 * 1024;

/** Every known secret replaced by "***". */
export function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets.filter((x) => x.length >= 4)) out = out.split(s).join('***');
  return out;
}

/** A URL as evidence shows it: origin and path, never the query (it may carry the client key). */
export const shown = (url: URL): string => `${url.origin}${url.pathname}`;

/** What a request is called in messages. */
export const described = (url: URL, method = 'GET'): string => `${method} ${shown(url)}`;

/** A ProbeError with the secrets scrubbed out and no cause attached (causes can carry request details). */
export function cleanError(err: unknown, what: string, s: Pick<CdpSession, 'signal' | 'secrets'>): ProbeError {
  const e = probeErrorFrom(err, what, s.signal);
  return new ProbeError(e.code, scrub(e.message, s.secrets), { ...(e.hint ? { hint: scrub(e.hint, s.secrets) } : {}), transient: e.transient });
}

async function readJson(body: Dispatcher.ResponseData['body'], what: string, max: number): Promise<{ json: unknown; raw: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      body.destroy();
      throw new ProbeError('HTTP_TOO_LARGE', `${what}: the answer is over ${max} bytes`, { hint: 'the base URL should be the CDP API itself; a page or a proxy answered instead' });
    }
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return { json: JSON.parse(raw) as unknown, raw };
  } catch {
    return { json: undefined, raw };
  }
}

export const get = (s: CdpSession, url: URL): Promise<Answer> => exchange(s, url);

/** A POST with a body; the same reading, limits and scrubbing as `get`. */
export const post = (s: CdpSession, url: URL, body: Body): Promise<Answer> => exchange(s, url, body);

async function exchange(s: CdpSession, url: URL, body?: Body): Promise<Answer> {
  const method = body ? 'POST' : 'GET';
  const what = described(url, method);
  try {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'application/json', ...(body ? { 'content-type': body.contentType } : {}), ...(s.authorization ? { authorization: s.authorization } : {}) };
    const res = await request(url, { dispatcher: s.dispatcher, method, headers, signal: s.signal, ...(body ? { body: body.text } : {}) });
    const { json, raw } = await readJson(res.body, what, s.maxBody ?? MAX_BODY);
    // Scrubbed before cutting, so no part of a secret survives at the cut.
    const text = scrub(raw, s.secrets).slice(0, 300);
    const detail = scrub(detailOf(json, raw), s.secrets).replace(/\s+/g, ' ').trim().slice(0, 200);
    return { status: res.statusCode, json, text, ...(detail ? { detail } : {}) };
  } catch (err) {
    throw cleanError(err, what, s);
  }
}

/** The answer's own words for people: `message` or `error` of a JSON body, else its text. */
function detailOf(json: unknown, raw: string): string {
  const j = json as Record<string, unknown> | undefined;
  const said = j && typeof j === 'object' ? [j.message, j.developerMessage, j.error].find((v) => typeof v === 'string') : undefined;
  return typeof said === 'string' ? said : raw.slice(0, 4096);
}

const STATUS_HINT: Record<string, string> = {
  '404': 'the base URL does not serve this CDP endpoint: use the tenant\'s regional API host (https://api-engage-<eu|us|ap|jpe>.sitecorecloud.io) without a path',
  '429': 'the API is limiting requests; run the check again in a minute',
  '5': 'the CDP API failed on its side; check the Sitecore status page and run the check again',
};

/** An answer no rule can judge: the check could not verify. 429 and 5xx are worth a retry. */
export function statusError(url: URL, a: Answer, method = 'GET'): ProbeError {
  const hint = STATUS_HINT[String(a.status)] ?? STATUS_HINT[String(a.status)[0]!] ?? 'check that the base URL is the CDP API and that nothing in between (a proxy, a firewall) answers instead';
  return new ProbeError('HTTP_STATUS', `${described(url, method)} answered ${a.status}${a.detail ? `: ${a.detail}` : ''}`, { hint, transient: a.status === 429 || a.status >= 500 });
}

/** 2xx with a JSON body, or a ProbeError; 401/403 are the caller's to handle. */
export function jsonOf(url: URL, a: Answer, method = 'GET'): unknown {
  if (a.status < 200 || a.status >= 300) throw statusError(url, a, method);
  if (a.json === undefined) throw new ProbeError('HTTP_PROTOCOL', `${described(url, method)} answered ${a.status} without JSON: ${a.text.slice(0, 120)}`, { hint: 'the base URL should be the CDP API; a page or a proxy answered instead' });
  return a.json;
}

export const refusedStatus = (status: number): boolean => status === 401 || status === 403;

/** A URL from the API (a log link) safe to record: signed parameters masked, secrets scrubbed, length capped. */
export const safeLink = (text: string, secrets: string[]): string => scrub(redactUrl(text), secrets).slice(0, 500);

/**
 * Runs `fn` with a session whose requests end within the run's time limit, then closes the
 * connections. Errors leave scrubbed.
 */
export async function withSession<T>(ctx: ProbeContext, secrets: string[], authorization: string | undefined, fn: (s: CdpSession) => Promise<T>): Promise<T> {
  const signal = deadline(ctx.signal, ctx.net.timeoutMs);
  const dispatcher = dispatcherFor(ctx.net, signal);
  const s: CdpSession = { dispatcher, signal, secrets, ...(authorization ? { authorization } : {}) };
  try {
    return await fn(s);
  } catch (err) {
    throw cleanError(err, 'cdp', s);
  } finally {
    await dispatcher.destroy();
  }
}
