import type { AnyRule, NetOptions, ProbeContext, RuleContext, Verdict } from '../types.js';
import type { FetchEvidence, FinalResponse, HeaderMap, HttpHop } from './evidence.js';

/** Shared by the http rule and probe tests (free of vitest and test/support, so it compiles with src). */

export const ruleCtx: RuleContext = { now: new Date('2026-11-20T10:00:00Z'), goLive: new Date('2026-12-01T08:00:00Z') };

export function net(overrides: Partial<NetOptions> = {}): NetOptions {
  return { resolvers: [], resolve: {}, ca: [], timeoutMs: 2000, ...overrides };
}

export function probeCtx(overrides: Partial<NetOptions> = {}, signal: AbortSignal = new AbortController().signal, cwd = '.'): ProbeContext {
  return { signal, net: net(overrides), log: { debug: () => undefined }, now: new Date(), cwd, allowLogin: false };
}

export function hop(url: string, status: number, extra: { location?: string; headers?: HeaderMap } = {}): HttpHop {
  return { url, status, headers: extra.headers ?? {}, ...(extra.location ? { location: extra.location } : {}), timeMs: 5 };
}

/** A redirect hop from `url` to `location`. */
export const redirectHop = (url: string, location: string, status = 301): HttpHop => hop(url, status, { location, headers: { location } });

export function final(url: string, status = 200, extra: Partial<FinalResponse> = {}): FinalResponse {
  return { url, status, headers: {}, contentType: 'text/html', bodyBytes: 0, body: '', bodyTruncated: false, canonicals: [], ...extra };
}

/** Fetch evidence from a list of hops; the last hop becomes the final response (merged with `last`). */
export function fetched(hops: HttpHop[], last: Partial<FinalResponse> = {}): FetchEvidence {
  const end = hops[hops.length - 1]!;
  return {
    request: { url: hops[0]!.url, method: 'GET' },
    hops,
    final: final(end.url, end.status, { headers: end.headers, ...last }),
    timings: { ttfbMs: 10, totalMs: 12 },
  };
}

export interface RuleCase<E> {
  name: string;
  evidence: E;
  options?: Record<string, unknown>;
  status: Verdict['status'];
  /** Codes of the fail/warn findings, in any order. */
  codes: string[];
}

export interface Judged {
  verdict: Verdict;
  status: Verdict['status'];
  /** Codes of the fail/warn findings, sorted. */
  codes: string[];
  /** Fail/warn findings without a hint (must be empty). */
  hintless: string[];
}

/** Judges a case the way the runner does: options through the rule's schema, then judge. */
export function judgeCase<E>(rule: AnyRule, c: RuleCase<E>): Judged {
  const options: unknown = rule.options.parse(c.options ?? {});
  const verdict = rule.judge(c.evidence, options, ruleCtx);
  const loud = verdict.findings.filter((f) => f.severity !== 'info');
  return { verdict, status: verdict.status, codes: loud.map((f) => f.code).sort(), hintless: loud.filter((f) => !f.hint).map((f) => f.code) };
}

/** What a case should look like and what it does, side by side for one toEqual. */
export function compare<E>(rule: AnyRule, c: RuleCase<E>): { got: Omit<Judged, 'verdict'>; want: Omit<Judged, 'verdict'>; summary: string } {
  const j = judgeCase(rule, c);
  return { got: { status: j.status, codes: j.codes, hintless: j.hintless }, want: { status: c.status, codes: [...c.codes].sort(), hintless: [] }, summary: j.verdict.summary };
}

/** The probe error's code and how long the probe took, for fault tests. */
export async function failure(run: () => Promise<unknown>): Promise<{ code: string | undefined; ms: number; error: unknown }> {
  const t0 = performance.now();
  try {
    await run();
  } catch (error) {
    return { code: (error as { code?: string }).code, ms: performance.now() - t0, error };
  }
  return { code: undefined, ms: performance.now() - t0, error: undefined };
}
