import { runOpenLoop } from '../../load/generator.js';
import { openPool } from '../../load/pool.js';
import { reportedSettings } from '../../load/run.js';
import { parseExpectStatus } from '../../load/status.js';
import type { LoadRequest, StatusRange } from '../../load/types.js';
import { redactEvidence } from '../../lib/redact.js';
import { toProbeError } from '../../net/errors.js';
import { PROBE_ERROR_CODES, ProbeError, type Probe, type ProbeContext, type ProbeErrorCode } from '../types.js';
import type { LoadEvidence, LoadRun } from './evidence.js';
import { LoadInput, loadTimeLimitMs } from './inputs.js';

/** The request with its secret headers filled in from the environment, or the variables that are missing. */
function requestOf(input: LoadInput, env: NodeJS.ProcessEnv): { request: LoadRequest; secrets: string[] } | { missing: string[] } {
  const missing = [...new Set(Object.values(input.secretHeaders).filter((name) => (env[name] ?? '').trim() === ''))];
  if (missing.length > 0) return { missing };
  const headers: Record<string, string> = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const secrets: string[] = [];
  for (const [name, variable] of Object.entries(input.secretHeaders)) {
    const value = env[variable]!.trim();
    headers[name.toLowerCase()] = value;
    secrets.push(value);
  }
  if (input.body !== undefined) headers['content-type'] ??= 'application/json';
  headers['user-agent'] ??= 'golive-load';
  return { request: { url: input.url, method: input.method, headers, ...(input.body !== undefined ? { body: input.body } : {}) }, secrets };
}

function expectOf(text: string): StatusRange[] {
  try {
    return parseExpectStatus(text);
  } catch (err) {
    throw new ProbeError('INVALID_TARGET', `expectStatus ${text}: ${(err as Error).message}`, { hint: 'e.g. 2xx, 200,204 or 200-299' });
  }
}

/**
 * No request was answered and every failure was the same connection error (nothing listens, the
 * name does not resolve, the certificate is refused): the endpoint was never reached, so nothing
 * was measured. Timeouts and error statuses are measurements, and stay evidence.
 */
function unreachable(runs: LoadRun[]): ProbeErrorCode | undefined {
  if (runs.some((r) => r.stats.answered > 0)) return undefined;
  const kinds = new Set(runs.flatMap((r) => Object.keys(r.stats.errors)));
  if (kinds.size !== 1) return undefined;
  const code = [...kinds][0]!.toUpperCase().replaceAll('-', '_');
  return code !== 'TIMEOUT' && (PROBE_ERROR_CODES as readonly string[]).includes(code) ? (code as ProbeErrorCode) : undefined;
}

/**
 * Why a run stopped early. Never transient: the runner retries transient errors, and a retry would
 * send the whole load again.
 */
function stopped(runSignal: AbortSignal, limitMs: number): ProbeError {
  if (runSignal.aborted) return toProbeError(new Error('load run stopped before it finished'), 'latency/load', runSignal);
  return new ProbeError('TIMEOUT', `latency/load: the runs did not finish within their own time limit of ${limitMs} ms`, { hint: 'the machine running golive was too busy to keep the schedule; run the check from a less busy machine' });
}

/**
 * Open-loop load on one URL at each asked rate, one run after the other over one connection pool
 * (average load first, then peak, so a peak run starts warm). The probe ends by itself within
 * its runs, the last requests' timeout and a margin, whatever the server does.
 */
async function run(input: LoadInput, ctx: ProbeContext): Promise<LoadEvidence> {
  // Credentials come from the process environment, as every opt-in probe reads them.
  const prepared = requestOf(input, process.env);
  if ('missing' in prepared) return { configured: false, missing: prepared.missing };
  const expect = expectOf(input.expectStatus);
  const limitMs = loadTimeLimitMs(input);
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(limitMs)]);
  const plan = { request: prepared.request, durationMs: input.durationMs, warmupMs: input.warmupMs, timeoutMs: input.timeoutMs, connections: input.connections, lateThresholdMs: 1, expect };
  const pool = openPool(input.url, ctx.net, input.connections, input.timeoutMs, signal);
  const runs: LoadRun[] = [];
  try {
    for (const rate of input.rates) {
      const r = await runOpenLoop(pool, { ...plan, rate }, signal);
      if (r.interrupted) throw stopped(ctx.signal, limitMs);
      runs.push({ rate, stats: r.stats, elapsedMs: r.elapsedMs });
      ctx.log.debug('latency/load', { rate, requests: r.stats.requests, p99: r.stats.latency?.p99 });
    }
  } finally {
    await pool.destroy().catch(() => undefined);
  }
  const code = unreachable(runs);
  if (code) throw new ProbeError(code, `latency/load: no request to ${new URL(input.url).host} got an answer (${code.toLowerCase().replaceAll('_', '-')})`, { hint: 'check the URL, the service, and --resolve or --ca-file if the endpoint is not public yet' });
  const { rate: _rate, ...settings } = reportedSettings({ ...plan, rate: input.rates[0]! });
  return redactEvidence<LoadEvidence>({ configured: true, settings, runs }, prepared.secrets);
}

export const loadProbe: Probe<LoadInput, LoadEvidence> = {
  id: 'latency/load',
  description: 'Sends requests to a URL at a constant rate (open loop) for a set time, at one or two rates in turn, and records latency percentiles, errors, timeouts and late starts per rate.',
  input: LoadInput,
  // The run's own length (rates x (warm-up + duration)) plus the request timeout and a margin.
  timeoutMs: loadTimeLimitMs,
  run,
};
