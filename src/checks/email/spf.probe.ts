import { z } from 'zod';
import { HostName } from '../targets.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { dnsProbeError, dnsSession } from './dns-session.js';
import { evaluateSpf, type SpfResultName } from './mailauth.js';
import { countLookups, walkSpf, type SpfNode } from './spf-walk.js';

/**
 * A documentation address (TEST-NET-3, RFC 5737) that no real policy lists, so evaluation runs
 * every mechanism up to `all` – the worst case for the lookup limits. The RFC 7208 test suite
 * uses TEST-NET-1 and -2, never this one.
 */
export const SPF_TEST_IP = '203.0.113.1';

export const SpfProbeInput = z.strictObject({ domain: HostName });
export type SpfProbeInput = z.infer<typeof SpfProbeInput>;

export interface SpfEvidence {
  domain: string;
  /** v=spf1 TXT records at the domain (exactly one is right). */
  records: string[];
  /** RFC 7208 check_host() result (mailauth) for SPF_TEST_IP sending as postmaster@domain. */
  result: SpfResultName;
  /** mailauth's reason for permerror and other non-matching results, if it gave one. */
  reason: string | null;
  testIp: string;
  lookups: {
    /** DNS-querying terms across every record reached by include/redirect (our walk). */
    counted: number;
    /** Lookups mailauth made in its evaluation (stops at the limit + 1). */
    evaluated: number;
    /** Lookups that found nothing in mailauth's evaluation. */
    void: number;
  };
  /** The records reached through include: and redirect=, root first. */
  tree: SpfNode[];
  /** The walk stopped at its node limit. */
  truncated: boolean;
}

const REASON = /lookup of \S+?: (.*)$/s;

async function run(input: SpfProbeInput, ctx: ProbeContext): Promise<SpfEvidence> {
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const dns = dnsSession(ctx);
  try {
    const outcome = await evaluateSpf(domain, SPF_TEST_IP, dns.resolve);
    const { nodes, truncated } = await walkSpf(domain, dns);
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const result = outcome.status.result;
    // A permanent error decides the verdict whatever else failed to resolve; anything short of
    // that is only trustworthy when every lookup answered.
    const unanswered = nodes.find((n) => n.problem === 'dns-error');
    if (result === 'temperror' || (result !== 'permerror' && unanswered)) {
      throw dns.firstError() ?? new ProbeError('DNS_ERROR', `SPF evaluation of ${domain} failed: ${outcome.status.comment ?? 'temperror'}`, { hint: 'a DNS lookup in the SPF tree failed; retry, or check the zones it includes', transient: true });
    }
    const reason = REASON.exec(outcome.status.comment ?? '')?.[1] ?? null;
    return {
      domain,
      records: nodes[0]?.records ?? [],
      result,
      reason: result === 'permerror' || result === 'none' ? reason : null,
      testIp: SPF_TEST_IP,
      lookups: { counted: countLookups(nodes), evaluated: outcome.lookups?.count ?? 0, void: outcome.lookups?.void ?? 0 },
      tree: nodes,
      truncated,
    };
  } catch (err) {
    throw dnsProbeError(err, `SPF of ${domain}`, ctx.signal);
  }
}

export const spfProbe: Probe<SpfProbeInput, SpfEvidence> = {
  id: 'email/spf',
  description: 'Reads the domain\'s SPF record and every record it includes or redirects to, and evaluates it (RFC 7208) for an address that matches nothing.',
  input: SpfProbeInput,
  run,
};
