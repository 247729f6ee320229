// dns-packet records -> presentation text (see DnsRecord). A table per type, so a new type is one line.
import type * as packet from 'dns-packet';
import { canonicalIp, normName, type DnsRecord } from './evidence.js';

const MAX_VALUE = 2048;

type Data = unknown;
const str = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
const field = (d: Data, k: string): unknown => (d && typeof d === 'object' ? (d as Record<string, unknown>)[k] : undefined);
const nameOf = (v: unknown) => normName(String(v ?? ''));
const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

const PRESENT: Record<string, (d: Data) => string> = {
  A: (d) => String(d),
  AAAA: (d) => canonicalIp(String(d)),
  CNAME: nameOf,
  DNAME: nameOf,
  NS: nameOf,
  PTR: nameOf,
  // TXT character-strings are joined, as SPF (RFC 7208 §3.3) and DKIM read them.
  TXT: (d) => (Array.isArray(d) ? d.map(str).join('') : str(d)),
  MX: (d) => `${Number(field(d, 'preference') ?? 0)} ${nameOf(field(d, 'exchange'))}`,
  CAA: (d) => `${Number(field(d, 'flags') ?? 0)} ${String(field(d, 'tag'))} ${quote(str(field(d, 'value') ?? ''))}`,
  SOA: (d) => ['mname', 'rname'].map((k) => nameOf(field(d, k))).concat(['serial', 'refresh', 'retry', 'expire', 'minimum'].map((k) => String(field(d, k) ?? 0))).join(' '),
  SRV: (d) => `${Number(field(d, 'priority') ?? 0)} ${Number(field(d, 'weight') ?? 0)} ${Number(field(d, 'port') ?? 0)} ${nameOf(field(d, 'target'))}`,
};

/** Any other type: its data as JSON with buffers in hex (RFC 3597 style for raw data). */
function generic(d: Data): string {
  if (Buffer.isBuffer(d)) return `\\# ${d.length} ${d.toString('hex')}`;
  return JSON.stringify(d, (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('hex') : v));
}

export function toDnsRecord(a: packet.Answer): DnsRecord {
  const data = 'data' in a ? a.data : undefined;
  const present = PRESENT[a.type] ?? generic;
  let value = present(data);
  if (value.length > MAX_VALUE) value = `${value.slice(0, MAX_VALUE)}…`;
  return { name: normName(a.name === '.' ? '' : a.name), type: a.type, ttl: 'ttl' in a ? (a.ttl ?? 0) : 0, value };
}
