// A small, pure reader of SPF records (RFC 7208 §4.6, §5, §6): enough to walk includes and
// redirects and to count the terms that cost DNS lookups. Full validation (macros, CIDR, syntax
// permerrors) is mailauth's evaluation; this reader only needs to be right about structure.

export type SpfQualifier = '+' | '-' | '~' | '?';

export type SpfTerm =
  /** `value` is what follows "name:" (or "/cidr"); `rest` is everything after the name, as written. */
  | { kind: 'mechanism'; qualifier: SpfQualifier; name: string; value: string; rest: string }
  | { kind: 'modifier'; name: string; value: string };

/** Mechanisms that cost one of the ten DNS lookups (RFC 7208 §4.6.4); `redirect` costs one too. */
const LOOKUP_MECHANISMS = new Set(['include', 'a', 'mx', 'ptr', 'exists']);
const MODIFIER = /^([a-z][a-z0-9_.-]*)=(.*)$/i;
const MECHANISM = /^([+\-~?]?)([a-z][a-z0-9_.-]*)(.*)$/i;

export function isSpfRecord(text: string): boolean {
  return /^v=spf1(\s|$)/i.test(text.trim());
}

export function parseSpf(record: string): SpfTerm[] {
  const [, ...parts] = record.trim().split(/\s+/);
  return parts.map((part): SpfTerm => {
    const modifier = MODIFIER.exec(part);
    if (modifier) return { kind: 'modifier', name: modifier[1]!.toLowerCase(), value: modifier[2]! };
    const m = MECHANISM.exec(part);
    if (!m) return { kind: 'mechanism', qualifier: '+', name: part.toLowerCase(), value: '', rest: '' };
    const rest = m[3]!;
    return { kind: 'mechanism', qualifier: (m[1] || '+') as SpfQualifier, name: m[2]!.toLowerCase(), value: rest.startsWith(':') ? rest.slice(1) : rest, rest };
  });
}

/** What a record means for the walk and the rules. */
export interface SpfSummary {
  /** DNS-querying terms that evaluation can reach (terms after `all` never run). */
  lookups: number;
  /** include: targets, in order, before any `all`. */
  includes: string[];
  /** The redirect= target when it takes effect (a record with `all` ignores it). */
  redirect: string | null;
  /** A redirect= that `all` makes ineffective. */
  ignoredRedirect: string | null;
  /** The qualifier of `all`, if the record has one. */
  all: SpfQualifier | null;
  usesPtr: boolean;
}

export function summariseSpf(record: string): SpfSummary {
  const terms = parseSpf(record);
  const allIndex = terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
  const reachable = allIndex < 0 ? terms : terms.slice(0, allIndex + 1);
  const mechanisms = reachable.filter((t) => t.kind === 'mechanism');
  const redirectTerm = terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
  const all = allIndex < 0 ? null : (terms[allIndex] as { qualifier: SpfQualifier }).qualifier;
  const redirect = redirectTerm && all === null ? redirectTerm.value.replace(/\.$/, '') : null;
  return {
    lookups: mechanisms.filter((t) => LOOKUP_MECHANISMS.has(t.name)).length + (redirect ? 1 : 0),
    includes: mechanisms.filter((t) => t.name === 'include').map((t) => t.value.replace(/\.$/, '')),
    redirect,
    ignoredRedirect: redirectTerm && all !== null ? redirectTerm.value : null,
    all,
    usesPtr: mechanisms.some((t) => t.name === 'ptr'),
  };
}
