import { z } from 'zod';
import { dispatcherFor } from '../../net/http.js';
import type { Probe, ProbeContext } from '../types.js';
import { followChain } from './chain.js';
import { deadline } from './client.js';
import type { FetchEvidence } from './evidence.js';
import { finalResponse } from './final-response.js';

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export const FetchInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'HEAD']).default('GET'),
  follow: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(30).default(10),
  maxBodyBytes: z.number().int().min(0).max(64 * 1024 * 1024).default(DEFAULT_MAX_BODY_BYTES),
  headers: z.record(z.string(), z.string()).default({}),
  /** Parse the final body as robots.txt into evidence.final.robots. */
  robots: z.boolean().default(false),
});
export type FetchInput = z.infer<typeof FetchInput>;

/**
 * The complete input for a URL, every default spelled out, so that rules asking for the same URL
 * produce byte-identical inputs and share one probe run.
 */
export function fetchInput(url: string, overrides: Partial<FetchInput> = {}): FetchInput {
  return { url, method: 'GET', follow: true, maxRedirects: 10, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, headers: {}, robots: false, ...overrides };
}

async function run(input: FetchInput, ctx: ProbeContext): Promise<FetchEvidence> {
  const signal = deadline(ctx.signal, ctx.net.timeoutMs);
  const dispatcher = dispatcherFor(ctx.net, signal);
  try {
    const chain = await followChain(dispatcher, input.url, { ...input, readBody: input.method === 'GET' }, signal);
    if (chain.error) throw chain.error;
    const last = chain.hops[chain.hops.length - 1]!;
    ctx.log.debug('http/fetch', { url: input.url, hops: chain.hops.length, status: last.status });
    return {
      request: { url: input.url, method: input.method },
      hops: chain.hops,
      final: finalResponse(last, chain.body, { robots: input.robots }),
      timings: { ttfbMs: chain.ttfbMs, totalMs: chain.totalMs },
    };
  } finally {
    await dispatcher.destroy();
  }
}

export const fetchProbe: Probe<FetchInput, FetchEvidence> = {
  id: 'http/fetch',
  description: 'Requests a URL, following redirects by hand, and records every hop, the final response and timings.',
  input: FetchInput,
  run,
};
