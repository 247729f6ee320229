/** The documents `golive load --json` prints, as zod schemas (schema/load*.output.schema.json are generated from them). */
import { z } from 'zod';

const ms = (what: string) => z.number().describe(`${what}, in milliseconds`);

const latency = z.object({ mean: ms('Mean'), p50: ms('Median'), p95: ms('95th percentile'), p99: ms('99th percentile'), max: ms('Slowest') })
  .describe('Latency of answered requests, measured from each request\'s intended start (HDR histogram, µs precision)');

const stats = z.object({
  requests: z.number().describe('Requests sent in the measured window (warm-up excluded)'),
  answered: z.number().describe('Requests with a complete response within the timeout, whatever its status'),
  latency: latency.nullable().describe('Null when nothing was answered'),
  errorRate: z.number().describe('Failed requests of every kind (unexpected status, timeout, connection error) over requests'),
  errors: z.record(z.string(), z.number()).describe('Failures by kind: status-5xx, status-unexpected, timeout, or a connection error such as connection-refused'),
  timeoutRate: z.number().describe('Requests not answered within the timeout, counted from their intended start, over requests'),
  statuses: z.record(z.string(), z.number()).describe('Responses by status code'),
  achievedRate: z.number().describe('Requests sent per second in the measured window'),
  late: z.object({ thresholdMs: z.number(), count: z.number(), worstMs: z.number() }).describe('Requests that left more than thresholdMs after they were due'),
  queued: z.object({ count: z.number(), worstMs: z.number() }).describe('Requests that found every connection busy, and the longest wait'),
  generatorBound: z.boolean().describe('The generator fell behind its schedule: the figures describe it as much as the server'),
});

const settings = z.object({
  url: z.string().describe('The URL, with secrets in it redacted'), method: z.string(),
  headerNames: z.array(z.string()).describe('Header names sent (values are never printed)'), bodyBytes: z.number(),
  warmupMs: z.number(), connections: z.number(), timeoutMs: z.number(), expectStatus: z.string(),
});

export const LOAD_JSON_DOCUMENTS = {
  load: z.object({
    schema: z.literal('golive.load/1'),
    ok: z.boolean().describe('Every given budget held and the run was not stopped early'),
    budgets: z.object({ p99UnderMs: z.number().optional(), meanUnderMs: z.number().optional(), maxErrorRate: z.number().optional() }),
    broken: z.array(z.string()).describe('One sentence per broken budget'),
    settings: settings.extend({ rate: z.number(), durationMs: z.number() }),
    stats,
    elapsedMs: z.number(), interrupted: z.boolean().describe('Stopped early: the numbers cover what finished'),
    abandoned: z.number().describe('Requests in flight when the run was stopped early'),
  }),
  'load-peak': z.object({
    schema: z.literal('golive.load-peak/1'),
    ok: z.boolean().describe('Some rate kept the budget and the search was not stopped early'),
    settings: settings.extend({ startRate: z.number(), step: z.string(), maxRate: z.number(), stepDurationMs: z.number(), p99UnderMs: z.number(), maxErrorRate: z.number() }),
    steps: z.array(z.object({ rate: z.number(), stats, pass: z.boolean(), broken: z.array(z.string()) })),
    peakRate: z.number().nullable().describe('The highest rate that kept the budget; null when none did'),
    stoppedBecause: z.enum(['budget', 'max-rate', 'generator', 'interrupted', 'max-steps']),
    elapsedMs: z.number(), interrupted: z.boolean(),
  }),
} as const;
