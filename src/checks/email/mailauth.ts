// A typed door to the parts of mailauth 4.13.3 this pack uses. mailauth is CommonJS and its
// deep modules (lib/spf, lib/dmarc/get-dmarc-record, lib/tools) ship no usable types for ESM,
// so they are loaded with createRequire and described here, narrowly.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A resolver shaped like dns.promises.resolve: rejects with `code` ENOTFOUND/ENODATA/ETIMEOUT/... */
export type DnsResolve = (name: string, rrtype: string) => Promise<unknown>;

export type SpfResultName = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export interface MailauthSpfOutcome {
  domain: string;
  rr?: string;
  status: { result: SpfResultName; comment?: string };
  lookups?: { limit: number; count: number; void: number; subqueries: Record<string, number> };
}

interface SpfModule {
  spf(opts: { sender: string; ip: string; helo: string; mta: string; resolver: DnsResolve; maxResolveCount?: number; maxVoidCount?: number }): Promise<MailauthSpfOutcome>;
}

/** Tags of a DMARC record as mailauth parses them (`pct`, `ri` as numbers), plus the record and where it came from. */
export type MailauthDmarcRecord = Record<string, string | number | boolean> & { rr: string; isOrgRecord: boolean };

type GetDmarcRecord = (domain: string, resolver: DnsResolve) => Promise<MailauthDmarcRecord | false>;

interface ToolsModule {
  getAlignment(fromDomain: string, domainList: { domain: string }[], strict: boolean): { domain: string } | false;
}

const spfModule = require('mailauth/lib/spf') as SpfModule;
const getDmarcRecordFn = require('mailauth/lib/dmarc/get-dmarc-record') as GetDmarcRecord;
const tools = require('mailauth/lib/tools') as ToolsModule;

/** RFC 7208 check_host() for `domain` as if `ip` sent mail from postmaster@domain (HELO = domain). */
export function evaluateSpf(domain: string, ip: string, resolver: DnsResolve): Promise<MailauthSpfOutcome> {
  return spfModule.spf({ sender: `postmaster@${domain}`, ip, helo: domain, mta: 'golive', resolver, maxResolveCount: 10, maxVoidCount: 2 });
}

/** The DMARC record in force for `domain` (falls back to the organisational domain), or false. */
export function getDmarcRecord(domain: string, resolver: DnsResolve): Promise<MailauthDmarcRecord | false> {
  return getDmarcRecordFn(domain, resolver);
}

/** Whether two names share an organisational domain (public suffix list, via mailauth's tldts). */
export function sameOrganisation(a: string, b: string): boolean {
  return tools.getAlignment(a, [{ domain: b }], false) !== false;
}

/** The organisational domain of `domain`: its shortest suffix in the same organisation. */
export function organisationalDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = labels.length - 1; i >= 0; i--) {
    const candidate = labels.slice(i).join('.');
    if (sameOrganisation(candidate, domain)) return candidate;
  }
  return labels.join('.');
}
