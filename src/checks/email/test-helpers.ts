// Shared by the email pack's tests (kept free of vitest and test/support so it compiles with src).
import type { ProbeContext, Rule, RuleContext, Verdict, VerdictStatus } from '../types.js';

/** A probe context that asks only `resolvers` (the test's DNS server), with a short time limit. */
export function probeContext(resolvers: string[], timeoutMs = 1500, signal: AbortSignal = new AbortController().signal): ProbeContext {
  return { signal, net: { resolvers, resolve: {}, ca: [], timeoutMs }, log: { debug: () => undefined }, now: new Date('2026-11-02T09:00:00Z'), cwd: '.', allowLogin: false };
}

export const RULE_CONTEXT: RuleContext = { now: new Date('2026-11-02T09:00:00Z'), goLive: new Date('2026-11-30T08:00:00Z') };

/** One row of a table-driven rule test. */
export interface RuleCase<E> {
  name: string;
  evidence: E;
  with?: Record<string, unknown>;
  status: VerdictStatus;
  /** Codes of the fail/warn findings, in order (info findings are left out). */
  codes: string[];
}

export interface JudgedCase {
  verdict: Verdict;
  status: VerdictStatus;
  codes: string[];
  /** Non-pass findings that lack a hint (must be empty). */
  hintless: string[];
}

/** Judge a case the way the runner does: options through the rule's schema, then judge. */
export function judgeCase<T, O, E>(rule: Rule<T, O, E>, c: RuleCase<E>): JudgedCase {
  const options = rule.options.parse(c.with ?? {});
  const verdict = rule.judge(c.evidence, options, RULE_CONTEXT);
  const decisive = verdict.findings.filter((f) => f.severity !== 'info');
  return {
    verdict,
    status: verdict.status,
    codes: decisive.map((f) => f.code),
    hintless: decisive.filter((f) => !f.hint).map((f) => f.code),
  };
}

/** Time a promise that must reject; resolves with the error and the milliseconds it took. */
export async function timedRejection(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
  throw new Error('expected the promise to reject');
}
