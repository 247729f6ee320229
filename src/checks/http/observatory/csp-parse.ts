/**
 * Content-Security-Policy parsing as the MDN HTTP Observatory 1.4.8 does it (src/analyzer/cspParser.js),
 * re-expressed: policies are merged so that a source counts only when every policy allows it, a
 * repeated directive makes the policy invalid (report-uri/report-to excepted), and an empty source
 * list means 'none'. Its quirks are kept on purpose, so grades match. Pure.
 */

export type Csp = Map<string, Set<string>>;

export class CspSyntaxError extends Error {
  override name = 'CspSyntaxError';
}

interface Source {
  source: string;
  index: number;
  keep: boolean;
}

/** "img-src".length - 1: shorter policies cannot hold a directive with a value. */
const SHORTEST_POLICY = 6;
const META_DISALLOWED = ['frame-ancestors', 'report-uri', 'sandbox'];
const ALLOWED_DUPLICATES = new Set(['report-uri', 'report-to']);
const collate = new Intl.Collator('en').compare;

/** Does source path A cover path B (used to intersect sources across policies)? Throws on bad %-escapes, like the original. */
function pathPartMatch(a: string, b: string): boolean {
  if (a.length === 0) return true;
  if (a === '/' && b.length === 0) return true;
  const exact = !a.endsWith('/');
  const partsA = a.split('/');
  const partsB = b.split('/');
  if (partsA.length > partsB.length) return false;
  if (exact && partsA.length !== partsB.length) return false;
  if (!exact) partsA.pop();
  return partsA.every((piece, i) => decodeURIComponent(piece) === decodeURIComponent(partsB[i]!));
}

/** Marks sources superseded within a policy, and revives sources that another policy also allows. */
function mergeSources(combined: Source[]): void {
  combined.sort((x, y) => collate(x.source, y.source));
  for (let i = 1; i < combined.length; i++) {
    const source = combined[i]!;
    const prev = combined[i - 1]!;
    if (source.index === prev.index && source.source.startsWith(prev.source)) source.keep = false;
    if (source.index !== prev.index && pathPartMatch(prev.source, source.source)) source.keep = true;
  }
}

interface Pass {
  csp: Map<string, Source[]>;
  duplicates: Set<string>;
  policies: number;
}

function parseDirective(p: Pass, policyIndex: number, seen: Set<string>, entry: string[]): void {
  const [rawDirective, ...values] = entry;
  if (!rawDirective) return;
  const directive = rawDirective.toLowerCase();
  if (seen.has(directive)) {
    if (!ALLOWED_DUPLICATES.has(directive)) throw new CspSyntaxError(`duplicate directive ${directive} in policy ${policyIndex}`);
    p.duplicates.add(directive);
  } else seen.add(directive);
  const keep = policyIndex === 0;
  const own: Source[] = values.map((v) => ({ source: v.trim().toLocaleLowerCase(), index: policyIndex, keep }));
  if (own.length === 0 && directive.endsWith('-src')) own.push({ source: "'none'", index: policyIndex, keep });
  const combined = policyIndex === 0 ? own : [...(p.csp.get(directive) ?? []), ...own];
  mergeSources(combined);
  p.csp.set(directive, combined.filter((s) => s.keep));
  // After the first policy everything must be re-earned by a later policy (see mergeSources).
  if (policyIndex === 0 && p.policies > 1) for (const s of p.csp.get(directive) ?? []) s.keep = false;
}

/** The merged policy; `duplicates` names repeated report-uri/report-to directives. Throws CspSyntaxError. */
export function parseCsp(list: string[]): { csp: Csp; duplicates: Set<string> } {
  const clean = list.map((s) => s.replace(/[\r\n]/g, '').trim());
  const p: Pass = { csp: new Map(), duplicates: new Set(), policies: clean.length };
  for (const s of clean) if (!s || s.length < SHORTEST_POLICY) throw new CspSyntaxError(`invalid policy: "${s}"`);
  for (const [policyIndex, policy] of clean.entries()) {
    const seen = new Set<string>();
    for (const entry of policy.split(';').map((e) => e.trim().split(/\s+/))) parseDirective(p, policyIndex, seen, entry);
  }
  const csp: Csp = new Map([...p.csp.entries()].map(([d, sources]) => [d, sources.length ? new Set(sources.map((s) => s.source)) : new Set(["'none'"])]));
  return { csp, duplicates: p.duplicates };
}

/** A policy from meta tags, without the directives that only headers may carry. */
export function parseCspMeta(list: string[]): Csp {
  const { csp } = parseCsp(list);
  for (const d of META_DISALLOWED) csp.delete(d);
  return csp;
}

/** Header values as policies: a comma separates policies (CSP3), so a joined repeated header splits back. */
export function cspPolicies(header: string | undefined): string[] {
  return header === undefined ? [] : header.split(',');
}
