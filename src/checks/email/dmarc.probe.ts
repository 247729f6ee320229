import { z } from 'zod';
import { HostName } from '../targets.js';
import type { Probe, ProbeContext } from '../types.js';
import { dnsProbeError, dnsSession, type DnsSession } from './dns-session.js';
import { getDmarcRecord, organisationalDomain, sameOrganisation } from './mailauth.js';
import { parseTagList } from './tag-list.js';

export const DmarcProbeInput = z.strictObject({ domain: HostName });
export type DmarcProbeInput = z.infer<typeof DmarcProbeInput>;

/** A rua/ruf report address and, when it lies outside the domain's organisation, its authorisation. */
export interface DmarcDestination {
  tag: 'rua' | 'ruf';
  uri: string;
  /** The mailbox's domain (null for URIs that are not mailto:). */
  domain: string | null;
  /** In another organisational domain than the policy's: RFC 7489 §7.1 then needs an authorisation record. */
  external: boolean;
  /** <policy domain>._report._dmarc.<destination> and the v=DMARC1 records found there. */
  authorisation: { name: string; records: string[] } | null;
}

export interface DmarcEvidence {
  domain: string;
  orgDomain: string;
  /** v=DMARC1 records at _dmarc.<domain>. */
  records: string[];
  /** v=DMARC1 records at _dmarc.<orgDomain>, read only when the domain has none of its own. */
  orgRecords: string[];
  /** The record receivers apply (mailauth's discovery, RFC 7489 §6.6.3), with its tags. */
  policy: { source: 'domain' | 'organisational'; name: string; record: string; tags: Record<string, string>; duplicateTags: string[] } | null;
  destinations: DmarcDestination[];
}

const MAX_DESTINATIONS = 10;
const isDmarc = (text: string) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text.trim());

function parseDestinations(tags: Record<string, string>, policyDomain: string): Omit<DmarcDestination, 'authorisation'>[] {
  const uris = (['rua', 'ruf'] as const).flatMap((tag) => (tags[tag] ?? '').split(',').filter(Boolean).map((uri) => ({ tag, uri })));
  return uris.slice(0, MAX_DESTINATIONS).map(({ tag, uri }) => {
    const mailbox = /^mailto:([^!]+)/i.exec(uri)?.[1];
    const at = mailbox?.lastIndexOf('@') ?? -1;
    const domain = mailbox && at > 0 ? mailbox.slice(at + 1).toLowerCase().replace(/\.$/, '') : null;
    return { tag, uri, domain, external: domain !== null && !sameOrganisation(policyDomain, domain) };
  });
}

async function authorise(d: Omit<DmarcDestination, 'authorisation'>, policyDomain: string, dns: DnsSession): Promise<DmarcDestination> {
  if (!d.external || !d.domain) return { ...d, authorisation: null };
  const name = `${policyDomain}._report._dmarc.${d.domain}`;
  const answer = await dns.txt(name);
  return { ...d, authorisation: { name, records: answer.records.filter(isDmarc) } };
}

async function run(input: DmarcProbeInput, ctx: ProbeContext): Promise<DmarcEvidence> {
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const orgDomain = organisationalDomain(domain);
  const dns = dnsSession(ctx);
  try {
    const records = (await dns.txt(`_dmarc.${domain}`)).records.filter(isDmarc);
    const orgRecords = records.length === 0 && orgDomain !== domain ? (await dns.txt(`_dmarc.${orgDomain}`)).records.filter(isDmarc) : [];
    const found = await getDmarcRecord(domain, dns.resolve);
    if (!found) return { domain, orgDomain, records, orgRecords, policy: null, destinations: [] };
    const policyDomain = found.isOrgRecord ? orgDomain : domain;
    const { tags, duplicates } = parseTagList(found.rr);
    const destinations = await Promise.all(parseDestinations(tags, policyDomain).map((d) => authorise(d, policyDomain, dns)));
    const policy = { source: found.isOrgRecord ? ('organisational' as const) : ('domain' as const), name: `_dmarc.${policyDomain}`, record: found.rr, tags, duplicateTags: duplicates };
    return { domain, orgDomain, records, orgRecords, policy, destinations };
  } catch (err) {
    throw dnsProbeError(err, `DMARC of ${domain}`, ctx.signal);
  }
}

export const dmarcProbe: Probe<DmarcProbeInput, DmarcEvidence> = {
  id: 'email/dmarc',
  description: 'Reads the DMARC record in force for the domain (falling back to the organisational domain) and the authorisation records of external report addresses.',
  input: DmarcProbeInput,
  run,
};
