import { z } from 'zod';
import type { Finding, Rule, RuleContext, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { RR_TYPES, emptyReason, normName } from './evidence.js';
import type { AuthoritativeEvidence, AuthoritativeInput } from './authoritative.probe.js';
import { domainTarget, errorVerdict, ipv6Option, portOption } from './rule-kit.js';

export const TtlBeforeCutoverOptions = z.strictObject({
  types: z.array(z.enum(RR_TYPES)).min(1).max(10).default(['A', 'AAAA']).describe('The record types at the name that change at cutover (a CNAME at the name answers for A and AAAA).'),
  maxTtl: z.number().int().min(0).default(300).describe('Highest TTL in seconds allowed once the window has begun.'),
  daysBefore: z.number().min(0).max(60).default(2).describe('The window starts this many days before go-live: from then on the TTL must be low.'),
  port: portOption,
  ipv6: ipv6Option,
});
export type TtlBeforeCutoverOptions = z.infer<typeof TtlBeforeCutoverOptions>;

const meta: RuleMeta = {
  id: 'dns/ttl-before-cutover',
  probe: 'dns/authoritative',
  title: 'TTL low enough before the DNS cutover',
  failureTitle: 'TTL too high for the DNS cutover',
  description:
    'Resolvers keep a record for its TTL, so a switch of A/AAAA/CNAME records at go-live reaches everybody only after the old TTL has run out: with a TTL of a day, some visitors see the old site for a day and a rollback is just as slow. Lower the TTL (to 300 s or less) a few days before go-live, so that the low TTL itself has reached every cache by the switch. The TTL is read from the authoritative servers (a resolver\'s TTL counts down). Before the window opens the rule passes and names the deadline; inside the window a higher TTL fails; after go-live raising it again is fine. A name that does not exist yet counts with its negative-caching TTL (SOA minimum).',
  docs: 'docs/rules/dns/ttl-before-cutover.md',
  targetHelp: 'DNS name that changes at cutover, e.g. shop.example.com',
  examples: [{ target: 'shop.example.com' }, { target: 'example.com', with: { maxTtl: 60, daysBefore: 3, types: ['A', 'AAAA', 'MX'] } }],
};

const DAY = 86_400_000;
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The highest TTL any authoritative server gives for the name: of the records, or of the absence when none exists. */
function observedTtl(ev: AuthoritativeEvidence, types: string[]): { ttl: number; negative: boolean; detail: string } | undefined {
  const answers = ev.servers.flatMap((s) => s.answers.filter((a) => a.name === ev.name && types.includes(a.type)).map((a) => ({ s, a })));
  if (answers.length === 0) return undefined;
  const positive = answers.flatMap(({ a }) => a.records);
  if (positive.length > 0) {
    const top = positive.reduce((m, r) => (r.ttl > m.ttl ? r : m));
    return { ttl: top.ttl, negative: false, detail: `${top.name} ${top.type} ${top.value} has TTL ${top.ttl} s` };
  }
  const neg = answers.filter(({ a }) => a.negativeTtl !== undefined);
  const ttl = Math.max(0, ...neg.map(({ a }) => a.negativeTtl!));
  return { ttl, negative: true, detail: `${ev.name} does not exist yet (${emptyReason(answers[0]!.a)}); resolvers cache that for ${ttl} s (SOA minimum)` };
}

function judge(ev: AuthoritativeEvidence, options: TtlBeforeCutoverOptions, ctx: RuleContext): Verdict {
  const seen = observedTtl(ev, options.types);
  if (!seen) return errorVerdict('DNS_NO_DATA', `no authoritative server of ${ev.zone} answered for ${ev.name}`, `check the nameservers of ${ev.zone} (dns/delegation)`, ev.name);
  const deadline = new Date(ctx.goLive.getTime() - options.daysBefore * DAY);
  const high = seen.ttl > options.maxTtl;
  const code = seen.negative ? 'negative-ttl-too-high' : 'ttl-too-high';
  const findings: Finding[] = [info('authoritative-ttl', `${seen.detail} (authoritative, ${ev.zone})`, ev.name)];
  if (ctx.now >= ctx.goLive) {
    findings.push(info('after-go-live', `go-live (${when(ctx.goLive)}) has passed: the TTL may be raised again`, ev.name));
  } else if (ctx.now < deadline) {
    findings.push(info('ttl-deadline', high ? `lower the TTL to ${options.maxTtl} s or less by ${when(deadline)} (now ${seen.ttl} s)` : `TTL is ${seen.ttl} s; keep it at ${options.maxTtl} s or less from ${when(deadline)} until go-live`, ev.name));
  } else if (high) {
    const fix = seen.negative ? `lower the SOA minimum (negative TTL) of ${ev.zone}, or create ${ev.name} now with a low TTL` : `lower the TTL of ${ev.name} to ${options.maxTtl} s now`;
    findings.push(fail(code, `${seen.detail}, above ${options.maxTtl} s with go-live at ${when(ctx.goLive)}: resolvers may keep the old answer that long after the switch`, `${fix}; if less than ${seen.ttl} s remain before the switch, move the switch or accept a slow cutover`, ev.name));
  }
  return verdictFrom(meta, findings, high ? `TTL ${seen.ttl} s, to be lowered by ${when(deadline)}` : `TTL ${seen.ttl} s ≤ ${options.maxTtl} s`);
}

export const rule: Rule<DomainTarget, TtlBeforeCutoverOptions, AuthoritativeEvidence> = {
  meta,
  ...domainTarget,
  options: TtlBeforeCutoverOptions,
  probeInput: (target, options): AuthoritativeInput => {
    const name = normName(target.domain);
    return { name, findZone: true, queries: [...new Set(options.types)].map((type) => ({ name, type })), port: options.port, ipv6: options.ipv6 };
  },
  judge,
};
