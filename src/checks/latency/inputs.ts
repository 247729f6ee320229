import { z } from 'zod';

/** The latency probe's input. Pure (zod only): the rules build it, the probe parses it. */

export const MAX_RUN_MS = 300_000;
export const MAX_WARMUP_MS = 30_000;
export const MAX_TIMEOUT_MS = 60_000;
export const MAX_RATES = 2;

export const LoadInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  method: z.string().regex(/^[A-Z]+$/).default('GET'),
  /** JSON text (or any text with a content-type header). */
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  /** Header name -> the environment variable holding its whole value, read when the probe runs. */
  secretHeaders: z.record(z.string(), z.string()).default({}),
  /** Requests per second of each run, one run after the other. */
  rates: z.array(z.number().positive().max(10_000)).min(1).max(MAX_RATES),
  durationMs: z.number().int().min(100).max(MAX_RUN_MS),
  warmupMs: z.number().int().min(0).max(MAX_WARMUP_MS).default(1000),
  connections: z.number().int().min(1).max(1000).default(50),
  timeoutMs: z.number().int().min(1).max(MAX_TIMEOUT_MS).default(2000),
  expectStatus: z.string().default('2xx'),
});
export type LoadInput = z.infer<typeof LoadInput>;

/** The probe's own time limit for an input: every run, the last requests' timeout, and a margin. */
export function loadTimeLimitMs(input: Pick<LoadInput, 'rates' | 'durationMs' | 'warmupMs' | 'timeoutMs'>): number {
  // Every run drains for up to one request timeout before the next starts.
  return input.rates.length * (input.warmupMs + input.durationMs + input.timeoutMs + 50) + 2000;
}

