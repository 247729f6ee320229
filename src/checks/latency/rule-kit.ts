/**
 * Pure helpers the latency rules share: option fields with units, the probe input, and how one
 * run is judged against its budgets. No I/O: rules import it.
 */
import { z } from 'zod';
import { percent } from '../../load/budgets.js';
import type { LoadStats } from '../../load/types.js';
import { formatDuration, parseDuration, parseShare } from '../../load/units.js';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, Verdict } from '../types.js';
import { fail, warn } from '../verdict.js';
import type { LoadInput } from './inputs.js';
import { MAX_RUN_MS, MAX_TIMEOUT_MS, MAX_WARMUP_MS } from './inputs.js';

const WITH_UNIT = /^\d+(?:\.\d+)?(?:ms|s|m|h)$/;

/** A duration with its unit ("300ms", "2s", "1m"), at most `maxMs`; zero only where `zero` allows it. */
export const duration = (fallback: string, maxMs: number, what: string, zero = false) =>
  z.string().regex(WITH_UNIT, { message: 'expected a duration with a unit, such as 300ms, 2s or 1m' })
    .refine((t) => (parseDuration(t)! > 0 || zero) && parseDuration(t)! <= maxMs, { message: `must be ${zero ? 'at least 0' : 'more than 0'} and at most ${formatDuration(maxMs)}` })
    .default(fallback).describe(what);

export const budget = (what: string) =>
  z.string().regex(WITH_UNIT, { message: 'expected a duration with a unit, such as 300ms or 1.5s' }).describe(what);

export const share = (fallback: number, what: string) =>
  z.union([z.number().min(0).max(1), z.string().regex(/^\d+(?:\.\d+)?%$/).refine((t) => parseShare(t) !== undefined, { message: 'at most 100%' })]).default(fallback).describe(what);

export const rate = (what: string) => z.number().positive().max(10_000).describe(what);

/** How each request looks and is sent: the same for every latency rule. */
export const requestFields = (method: string) => ({
  method: z.string().regex(/^[A-Za-z]+$/).default(method).describe('HTTP method of every request.'),
  body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional().describe('Request body: JSON text, or a mapping sent as JSON (content-type application/json unless `headers` say otherwise). `{{uuid}}` (a new UUID) and `{{n}}` (the request\'s number) in it are filled per request, e.g. browserId: "{{uuid}}", so no cache answers a repeat.'),
  headers: z.record(z.string(), z.string()).default({}).describe('Request headers that are not secret.'),
  secretHeaders: z.record(z.string(), z.string()).default({}).describe('Secret headers: header name -> the environment variable holding its whole value, e.g. {authorization: EDGE_AUTHORIZATION}; the check is skipped while a variable is unset, and values never reach the evidence.'),
  connections: z.number().int().min(1).max(1000).default(50).describe('Most connections open at once (one request each); only as many open as the load needs.'),
  timeout: duration('2s', MAX_TIMEOUT_MS, 'Per request, from its intended start: a slower answer counts as a timeout (an error).'),
  expectStatus: z.string().default('2xx').describe('Statuses that count as success: 2xx, 200,204 or 200-299.'),
  duration: duration('30s', MAX_RUN_MS, 'Measured time of each run, at most 5m.'),
  warmup: duration('2s', MAX_WARMUP_MS, 'Sent at the same rate before each run and not counted (connections, caches); 0s for none.', true),
});

type RequestOptions = z.infer<z.ZodObject<ReturnType<typeof requestFields>>>;

export const ms = (text: string) => parseDuration(text)!;
export const shareOf = (v: number | string) => (typeof v === 'number' ? v : parseShare(v)!);

export const urlParts = { target: UrlTarget, targetFromString: urlTargetFromString };

export function loadInput(target: UrlTarget, o: RequestOptions, rates: number[]): LoadInput {
  return {
    url: target.url, method: o.method.toUpperCase(), headers: o.headers, secretHeaders: o.secretHeaders, rates,
    durationMs: Math.round(ms(o.duration)), warmupMs: Math.round(ms(o.warmup)), connections: o.connections, timeoutMs: Math.round(ms(o.timeout)), expectStatus: o.expectStatus,
    ...(o.body === undefined ? {} : { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }),
  };
}

export interface RunBudgets {
  meanUnderMs?: number;
  p99UnderMs: number;
  maxErrorRate: number;
}

const kinds = (errors: Record<string, number>) => Object.entries(errors).map(([k, n]) => `${k}: ${n}`).join(', ');
const fmt = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`;

/** "mean 23.4 ms, p99 48.2 ms, errors 0% at 10 req/s". */
export function describeRun(rate: number, s: LoadStats): string {
  const l = s.latency;
  return `${l ? `mean ${fmt(l.mean)}, p99 ${fmt(l.p99)}` : 'no answer'}, errors ${percent(s.errorRate)} at ${rate} req/s`;
}

/** Findings of one run against its budgets; `prefix` ('peak-') tells the peak run's codes apart. */
export function judgeRun(rate: number, s: LoadStats, b: RunBudgets, prefix: string, hints: { slow: string; errors: string }, subject: string): Finding[] {
  const at = `at ${rate} req/s`;
  const out: Finding[] = [];
  const l = s.latency;
  if (!l) out.push(fail(`${prefix}no-answers`, `no request was answered within the timeout ${at} (${kinds(s.errors)})`, hints.errors, subject));
  if (l && b.meanUnderMs !== undefined && l.mean >= b.meanUnderMs) out.push(fail(`${prefix}mean-over-budget`, `mean ${fmt(l.mean)} ${at} is not under ${formatDuration(b.meanUnderMs)}`, hints.slow, subject));
  if (l && l.p99 >= b.p99UnderMs) out.push(fail(`${prefix}p99-over-budget`, `p99 ${fmt(l.p99)} ${at} is not under ${formatDuration(b.p99UnderMs)}`, hints.slow, subject));
  if (l && s.errorRate > b.maxErrorRate) out.push(fail(`${prefix}error-rate-over-budget`, `${percent(s.errorRate)} of requests failed ${at} (${kinds(s.errors)}), above ${percent(b.maxErrorRate)}`, hints.errors, subject));
  if (s.generatorBound) out.push(warn(`${prefix}generator-behind`, `golive could not send on schedule ${at} (achieved ${s.achievedRate} req/s, ${s.late.count} late starts): the latencies include its own delay`, 'run the check from a less busy machine, or lower the rate; then compare', subject));
  return out;
}

/** The verdict when a secret header's variable is not set. */
export function notConfigured(missing: string[]): Verdict {
  const names = missing.join(' and ');
  const message = `${names} ${missing.length === 1 ? 'is' : 'are'} not set, so no request was sent`;
  return { status: 'skipped', summary: `Not checked: ${message}`, findings: [{ severity: 'info', code: 'secrets-not-set', message, hint: `export ${missing.map((m) => `${m}=…`).join(' ')} with the header's whole value (from your secrets store) and run the check again` }] };
}
