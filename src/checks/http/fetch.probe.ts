import { dispatcherFor } from '../../net/http.js';
import type { Probe, ProbeContext } from '../types.js';
import { followChain } from './chain.js';
import { deadline } from './client.js';
import type { FetchEvidence } from './evidence.js';
import { FetchInput } from './fetch-input.js';
import { finalResponse } from './final-response.js';

export { fetchInput, FetchInput } from './fetch-input.js';

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
