// Helpers for the dns rule tests: evidence builders and a table runner.
import { expect, it } from 'vitest';
import type { AnyRule, RuleContext } from '../types.js';
import type { DnsAnswer, DnsRecord } from './evidence.js';

/** One record; the value in presentation form (see DnsRecord). */
export const rec = (name: string, type: string, value: string, ttl = 300): DnsRecord => ({ name, type, ttl, value });

/** An answer with records, or an empty one with an rcode ("NXDOMAIN") or NODATA (default). */
export function ans(name: string, type: string, records: DnsRecord[] = [], extra: Partial<DnsAnswer> = {}): DnsAnswer {
  return { name, type, rcode: 'NOERROR', aa: false, records, ...extra };
}

export const nx = (name: string, type: string, negativeTtl?: number): DnsAnswer => ans(name, type, [], { rcode: 'NXDOMAIN', ...(negativeTtl === undefined ? {} : { negativeTtl }) });

export const ruleCtx = (now = '2030-01-10T12:00:00Z', goLive = '2030-01-20T09:00:00Z'): RuleContext => ({ now: new Date(now), goLive: new Date(goLive) });

export interface RuleCase<E> {
  name: string;
  evidence: E;
  options?: Record<string, unknown>;
  ctx?: RuleContext;
  status: 'pass' | 'warn' | 'fail' | 'error';
  /** Finding codes that must be present (every one). */
  codes?: string[];
  /** Finding codes that must be absent. */
  absent?: string[];
  /** The verdict's error code, for status error. */
  code?: string;
}

/** One test per case: options parsed by the rule's schema, verdict status and finding codes asserted. */
export function runCases<E>(rule: AnyRule, cases: RuleCase<E>[]): void {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options: unknown = rule.options.parse(c.options ?? {});
    const verdict = rule.judge(c.evidence, options, c.ctx ?? ruleCtx());
    const codes = verdict.findings.map((f) => f.code);
    expect({ status: verdict.status, codes }).toMatchObject({ status: c.status });
    for (const code of c.codes ?? []) expect(codes).toContain(code);
    for (const code of c.absent ?? []) expect(codes).not.toContain(code);
    if (c.code) expect(verdict.code).toBe(c.code);
    for (const f of verdict.findings) if (f.severity !== 'info') expect(f.hint, `${f.code} needs a hint`).toBeTruthy();
    expect(verdict.summary.length).toBeGreaterThan(0);
  });
}
