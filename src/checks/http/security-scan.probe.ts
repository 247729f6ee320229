import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { dispatcherFor } from '../../net/http.js';
import type { Probe, ProbeContext } from '../types.js';
import { followChain, type ChainResult } from './chain.js';
import { deadline, discard, probeErrorFrom, send } from './client.js';
import type { HeaderMap, SecurityScanEvidence } from './evidence.js';
import { DEFAULT_MAX_BODY_BYTES } from './fetch-input.js';
import { finalResponse } from './final-response.js';

/** The Origin sent with the CORS preflight: a name that can never be a real site. */
export const CORS_ORIGIN = 'https://golive-cors-check.invalid';

export const SecurityScanInput = z.strictObject({
  url: z.url({ protocol: /^https$/ }),
  /** Where the http:// redirection test starts; default http://<host>/. */
  httpUrl: z.url({ protocol: /^http$/ }).optional(),
  maxBodyBytes: z.number().int().min(0).max(64 * 1024 * 1024).default(DEFAULT_MAX_BODY_BYTES),
});
export type SecurityScanInput = z.infer<typeof SecurityScanInput>;

export function defaultHttpUrl(httpsUrl: string): string {
  return `http://${new URL(httpsUrl).host.replace(/:\d+$/, '')}/`;
}

function onlyCors(headers: HeaderMap): HeaderMap {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.startsWith('access-control-') || k === 'vary'));
}

async function preflight(dispatcher: Dispatcher, url: string, signal: AbortSignal): Promise<SecurityScanEvidence['cors']> {
  try {
    const sent = await send(dispatcher, url, { method: 'OPTIONS', headers: { origin: CORS_ORIGIN, 'access-control-request-method': 'GET' }, signal });
    await discard(sent.body);
    return { origin: CORS_ORIGIN, status: sent.status, headers: onlyCors(sent.headers) };
  } catch (err) {
    const e = probeErrorFrom(err, `CORS preflight to ${url}`, signal);
    return { origin: CORS_ORIGIN, error: { code: e.code, message: e.message } };
  }
}

function httpPart(url: string, chain: ChainResult): SecurityScanEvidence['http'] {
  return {
    url,
    hops: chain.hops.map((h) => ({ url: h.url, status: h.status })),
    ...(chain.error ? { error: { code: chain.error.code, message: chain.error.message } } : {}),
  };
}

/**
 * What the MDN HTTP Observatory reads, in one run: the https:// page with redirects followed and
 * its body (for meta policies), the http:// redirect chain, and a CORS preflight. The http:// side
 * may fail (nothing on port 80 is a valid answer); the https:// side may not.
 */
async function run(input: SecurityScanInput, ctx: ProbeContext): Promise<SecurityScanEvidence> {
  const signal = deadline(ctx.signal, ctx.net.timeoutMs);
  const dispatcher = dispatcherFor(ctx.net, signal);
  const httpUrl = input.httpUrl ?? defaultHttpUrl(input.url);
  const common = { method: 'GET' as const, follow: true, maxRedirects: 10, maxBodyBytes: input.maxBodyBytes, headers: {} };
  try {
    const httpChain = followChain(dispatcher, httpUrl, { ...common, readBody: false }, signal);
    const https = await followChain(dispatcher, input.url, { ...common, readBody: true }, signal);
    if (https.error) throw https.error;
    const last = https.hops[https.hops.length - 1]!;
    const cors = await preflight(dispatcher, last.url, signal);
    const http = httpPart(httpUrl, await httpChain);
    return { url: input.url, https: { hops: https.hops, final: finalResponse(last, https.body) }, http, cors };
  } finally {
    await dispatcher.destroy();
  }
}

export const securityScanProbe: Probe<SecurityScanInput, SecurityScanEvidence> = {
  id: 'http/security-scan',
  description: 'Fetches the https:// page (redirects followed), the http:// redirect chain and a CORS preflight: the responses the MDN HTTP Observatory grades.',
  input: SecurityScanInput,
  run,
};
