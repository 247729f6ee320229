// The evidence the dns probes gather, as plain JSON, and the pure helpers the rules read it with.
// No I/O here: the rules import this file.
import type { ProbeErrorCode } from '../types.js';

/** The record types the dns rules ask for. */
export const RR_TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'NS', 'SOA', 'CAA', 'SRV', 'PTR'] as const;
export type RrType = (typeof RR_TYPES)[number];

/**
 * One resource record in presentation form: names lower case without the trailing dot, TXT
 * character-strings joined, MX "10 mail.example.com", CAA `0 issue "letsencrypt.org"`,
 * SOA "mname rname serial refresh retry expire minimum", SRV "priority weight port target".
 */
export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  value: string;
}

/** One DNS answer: the response code, the AA bit and the answer section (a CNAME chain included). */
export interface DnsAnswer {
  name: string;
  type: string;
  /** NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ... */
  rcode: string;
  /** Authoritative Answer bit. */
  aa: boolean;
  records: DnsRecord[];
  /** For NXDOMAIN and NODATA: how long resolvers cache the absence (min of the SOA TTL and its minimum). */
  negativeTtl?: number;
  /** The server that answered ("127.0.0.1:53"). */
  server?: string;
}

/** Why a server could not be asked. */
export interface ErrorInfo {
  code: ProbeErrorCode;
  message: string;
}

/** Lower case, no trailing dot: the form every name in the evidence has. */
export function normName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** The answer for name and type, if it was asked. */
export function answerFor(answers: DnsAnswer[], name: string, type: string): DnsAnswer | undefined {
  const n = normName(name);
  return answers.find((a) => a.name === n && a.type === type);
}

/** Records of `type` at the end of the answer's CNAME chain (what a client finally uses). */
export function finalRecords(answer: DnsAnswer | undefined, type: string): DnsRecord[] {
  return answer ? answer.records.filter((r) => r.type === type) : [];
}

/** Records of `type` owned by `name` itself (not reached through a CNAME). */
export function ownRecords(answer: DnsAnswer | undefined, name: string, type: string): DnsRecord[] {
  const n = normName(name);
  return answer ? answer.records.filter((r) => r.type === type && r.name === n) : [];
}

/** The CNAME target of `name` in any of the answers, if the name is an alias. */
export function cnameOf(answers: (DnsAnswer | undefined)[], name: string): DnsRecord | undefined {
  const n = normName(name);
  for (const a of answers) {
    const hit = a?.records.find((r) => r.type === 'CNAME' && r.name === n);
    if (hit) return hit;
  }
  return undefined;
}

/** "NODATA" for an empty NOERROR answer, else the rcode. */
export function emptyReason(answer: DnsAnswer): string {
  return answer.rcode === 'NOERROR' ? 'NODATA' : answer.rcode;
}

/** "A 192.0.2.1 (TTL 300 s)" lines for people. */
export function describeRecords(records: DnsRecord[], limit = 10): string {
  const shown = records.slice(0, limit).map((r) => `${r.name} ${r.type} ${r.value} (TTL ${r.ttl} s)`);
  if (records.length > limit) shown.push(`and ${records.length - limit} more`);
  return shown.join('; ');
}

/** Canonical text of an IP address: IPv4 as is, IPv6 lower case and compressed (RFC 5952). */
export function canonicalIp(ip: string): string {
  const s = ip.trim().toLowerCase();
  if (!s.includes(':')) return s;
  const groups = expandIpv6(s);
  if (!groups) return s;
  // Compress the longest run (length >= 2) of zero groups.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function expandIpv6(s: string): number[] | undefined {
  let text = s;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const all = [...head, ...Array<string>(Math.max(0, fill)).fill('0'), ...tail];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16));
}

/** The parts of an SOA value. */
export function parseSoa(value: string): { mname: string; rname: string; serial: number; minimum: number } | undefined {
  const p = value.split(/\s+/);
  if (p.length < 7) return undefined;
  return { mname: p[0]!, rname: p[1]!, serial: Number(p[2]), minimum: Number(p[6]) };
}

/** The parts of a CAA value `0 issue "letsencrypt.org; accounturi=..."`. */
export function parseCaa(value: string): { flags: number; tag: string; value: string } | undefined {
  const m = /^\s*(?:(\d+)\s+)?([a-z0-9]+)\s+(?:"((?:[^"\\]|\\.)*)"|(\S*))\s*$/i.exec(value);
  if (!m) return undefined;
  return { flags: Number(m[1] ?? 0), tag: m[2]!.toLowerCase(), value: (m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1') };
}

/** Equal as sets. */
export function sameSet(a: Iterable<string>, b: Iterable<string>): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/** A name relative to `origin`: "@" is the origin, "www" is www.<origin>, a name ending in the origin is kept. */
export function absoluteName(name: string, origin: string): string {
  const n = normName(name);
  const o = normName(origin);
  if (n === '@' || n === '') return o;
  if (n === o || n.endsWith(`.${o}`)) return n;
  return `${n}.${o}`;
}

/** "a.b.c" -> "b.c"; "c" -> "" (the root). */
export function parentName(name: string): string {
  const n = normName(name);
  const i = n.indexOf('.');
  return i < 0 ? '' : n.slice(i + 1);
}

/** Whether `name` is `zone` or below it. */
export function isInZone(name: string, zone: string): boolean {
  const n = normName(name);
  const z = normName(zone);
  return z === '' || n === z || n.endsWith(`.${z}`);
}
