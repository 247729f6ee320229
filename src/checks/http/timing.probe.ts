import { z } from 'zod';
import { dispatcherFor } from '../../net/http.js';
import type { Probe, ProbeContext } from '../types.js';
import { followChain, type ChainOptions } from './chain.js';
import { deadline } from './client.js';
import type { TimingEvidence } from './evidence.js';
import { DEFAULT_MAX_BODY_BYTES } from './fetch-input.js';
import { summarise } from './stats.js';

export const TimingInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'HEAD']).default('GET'),
  samples: z.number().int().min(1).max(50).default(5),
  warmup: z.number().int().min(0).max(5).default(1),
  follow: z.boolean().default(true),
  headers: z.record(z.string(), z.string()).default({}),
});
export type TimingInput = z.infer<typeof TimingInput>;

/**
 * N requests one after another over one connection pool. Warm-up requests (connection, TLS
 * handshake, cold caches) are sent first and not recorded, so the samples measure the server's
 * answer rather than the handshake; every sample reads its whole body. All within the time limit.
 */
async function run(input: TimingInput, ctx: ProbeContext): Promise<TimingEvidence> {
  const signal = deadline(ctx.signal, ctx.net.timeoutMs);
  const dispatcher = dispatcherFor(ctx.net, signal);
  const opts: ChainOptions = { method: input.method, follow: input.follow, maxRedirects: 10, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, headers: input.headers, readBody: input.method === 'GET' };
  const samples: TimingEvidence['samples'] = [];
  try {
    for (let i = 0; i < input.warmup + input.samples; i++) {
      const chain = await followChain(dispatcher, input.url, opts, signal);
      if (chain.error) throw chain.error;
      if (i < input.warmup) continue;
      samples.push({ status: chain.hops[chain.hops.length - 1]!.status, ttfbMs: chain.ttfbMs, totalMs: chain.totalMs });
    }
  } finally {
    await dispatcher.destroy();
  }
  ctx.log.debug('http/timing', { url: input.url, samples: samples.length });
  return {
    request: { url: input.url, method: input.method },
    warmup: input.warmup,
    samples,
    stats: { ttfb: summarise(samples.map((s) => s.ttfbMs)), total: summarise(samples.map((s) => s.totalMs)) },
  };
}

export const timingProbe: Probe<TimingInput, TimingEvidence> = {
  id: 'http/timing',
  description: 'Requests a URL several times in a row (after a warm-up) and records each response time with p50, p95 and max.',
  input: TimingInput,
  run,
};
