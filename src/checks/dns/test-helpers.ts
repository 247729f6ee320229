// Helpers for the dns rule tests: evidence builders and a table runner.
import { expect, it } from 'vitest';
import { ProbeError, type AnyRule, type ProbeContext, type RuleContext } from '../types.js';
import type { DnsAnswer, DnsRecord } from './evidence.js';
import type { AuthoritativeEvidence, ServerEvidence } from './authoritative.probe.js';

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

export interface ServerSpec {
  ns: string;
  address: string;
  serial?: number;
  /** The NS set the server answers for the zone (default: the referral's). */
  nsSet?: string[];
  aa?: boolean;
  rcode?: string;
  extra?: DnsAnswer[];
  /** The server did not answer at all. */
  dead?: boolean;
}

/** dns/authoritative evidence for `zone` under `parent`: one referral, the given servers. */
export function authEvidence(zone: string, spec: { referralNs: string[]; glue?: Record<string, string>; servers: ServerSpec[]; parent?: string; referralRcode?: string; name?: string }): AuthoritativeEvidence {
  const parent = spec.parent ?? zone.slice(zone.indexOf('.') + 1);
  const glue = Object.entries(spec.glue ?? {}).map(([name, address]) => ({ name, address }));
  const servers: ServerEvidence[] = spec.servers.map((s) => {
    if (s.dead) return { ns: s.ns, address: s.address, answers: [], error: { code: 'DNS_TIMEOUT', message: 'no answer' } };
    const extra = { rcode: s.rcode ?? 'NOERROR', aa: s.aa ?? true };
    const soa = ans(zone, 'SOA', extra.rcode === 'NOERROR' ? [rec(zone, 'SOA', `${spec.referralNs[0] ?? 'ns1'} hostmaster.${zone} ${s.serial ?? 1} 3600 600 86400 300`, 3600)] : [], extra);
    const ns = ans(zone, 'NS', extra.rcode === 'NOERROR' ? (s.nsSet ?? spec.referralNs).map((n) => rec(zone, 'NS', n, 3600)) : [], extra);
    return { ns: s.ns, address: s.address, answers: [soa, ns, ...(s.extra ?? [])] };
  });
  return {
    name: spec.name ?? zone,
    zone,
    port: 53,
    parent: { zone: parent, servers: [{ name: `a.nic.${parent}`, addresses: ['192.0.2.1'] }] },
    referrals: [{ server: `a.nic.${parent}`, address: '192.0.2.1', rcode: spec.referralRcode ?? 'NOERROR', aa: false, ns: [...spec.referralNs].sort(), glue }],
    recursiveNs: { ns: [...spec.referralNs].sort() },
    nameservers: [...new Set(spec.servers.map((s) => s.ns))].map((name) => ({ name, addresses: spec.servers.filter((s) => s.ns === name).map((s) => s.address), source: 'resolver' as const })),
    servers,
  };
}

/** A probe context like the runner's: the signal times out after timeoutMs. */
export function probeCtx(resolvers: string[], timeoutMs = 1000): ProbeContext {
  return { signal: AbortSignal.timeout(timeoutMs), net: { resolvers, resolve: {}, ca: [], timeoutMs }, log: { debug: () => undefined }, now: new Date(), cwd: '.', allowLogin: false };
}

/** The probe rejects with a ProbeError of one of `codes` within `withinMs`. */
export async function expectProbeError(run: () => Promise<unknown>, codes: string[], withinMs: number): Promise<ProbeError> {
  const t0 = performance.now();
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  const took = performance.now() - t0;
  expect(err).toBeInstanceOf(ProbeError);
  expect(codes).toContain((err as ProbeError).code);
  expect(took).toBeLessThan(withinMs);
  return err as ProbeError;
}
