import { z } from 'zod';
import { HostName } from '../targets.js';
import type { Probe, ProbeContext } from '../types.js';
import { dnsProbeError, dnsSession, type DnsSession } from './dns-session.js';
import { Selector } from './schemas.js';
import { isDkimRecord, publicKeyFacts, shortenKey } from './dkim-key.js';
import { parseTagList } from './tag-list.js';

export const DkimProbeInput = z.strictObject({ domain: HostName, selectors: z.array(Selector).min(1).max(20) });
export type DkimProbeInput = z.infer<typeof DkimProbeInput>;

export interface DkimSelectorEvidence {
  selector: string;
  /** <selector>._domainkey.<domain> */
  name: string;
  /** CNAMEs followed from `name`, in order (a provider-hosted key is a CNAME). */
  cnames: string[];
  /** What the last name in the chain holds. */
  status: 'found' | 'nxdomain' | 'nodata';
  /** TXT records there that are DKIM keys (the key shortened). */
  records: string[];
  /** Tags of the first key record (p= shortened). */
  tags: Record<string, string> | null;
  /** Tags given twice in that record (RFC 6376 §3.2 makes the record invalid). */
  duplicateTags: string[];
  /** The public key as node:crypto reads it. */
  key: { type: string; bits: number } | null;
  keyError: string | null;
  /** An empty p= : the key has been revoked. */
  revoked: boolean;
}

export interface DkimEvidence {
  domain: string;
  selectors: DkimSelectorEvidence[];
}

const MAX_CNAMES = 8;

async function followCnames(name: string, dns: DnsSession): Promise<string[]> {
  const chain: string[] = [];
  let current = name;
  while (chain.length < MAX_CNAMES) {
    const answer = await dns.lookup<string>(current, 'CNAME');
    const target = answer.records[0]?.toLowerCase().replace(/\.$/, '');
    if (!target || target === name || chain.includes(target)) break;
    chain.push(target);
    current = target;
  }
  return chain;
}

async function readSelector(domain: string, selector: string, dns: DnsSession): Promise<DkimSelectorEvidence> {
  const name = `${selector}._domainkey.${domain}`;
  const cnames = await followCnames(name, dns);
  const answer = await dns.txt(cnames.at(-1) ?? name);
  const keys = answer.records.filter(isDkimRecord);
  const base = { selector, name, cnames, status: answer.status === 'ok' ? ('found' as const) : answer.status, records: keys.map(shortenKey), tags: null, duplicateTags: [], key: null, keyError: null, revoked: false };
  const first = keys[0];
  if (first === undefined) return base;
  const { tags, duplicates } = parseTagList(first);
  const p = tags.p ?? '';
  const facts = p === '' ? null : publicKeyFacts(p, tags.k);
  return {
    ...base,
    tags: { ...tags, ...(p ? { p: shortenKey(`p=${p}`).slice(2) } : {}) },
    duplicateTags: duplicates,
    key: facts && 'bits' in facts ? facts : null,
    keyError: facts && 'error' in facts ? facts.error : tags.p === undefined ? 'the record has no p= tag' : null,
    revoked: tags.p === '',
  };
}

async function run(input: DkimProbeInput, ctx: ProbeContext): Promise<DkimEvidence> {
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const dns = dnsSession(ctx);
  try {
    const selectors = await Promise.all(input.selectors.map((s) => readSelector(domain, s.toLowerCase(), dns)));
    return { domain, selectors };
  } catch (err) {
    throw dnsProbeError(err, `DKIM keys of ${domain}`, ctx.signal);
  }
}

export const dkimProbe: Probe<DkimProbeInput, DkimEvidence> = {
  id: 'email/dkim',
  description: 'Reads the DKIM key record of each given selector (following CNAMEs to a provider) and parses the public key.',
  input: DkimProbeInput,
  run,
};
