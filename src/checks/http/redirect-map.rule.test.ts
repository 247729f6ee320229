import { describe, expect, it } from 'vitest';
import type { RedirectMapEvidence, RedirectMapRow } from './evidence.js';
import { redirectMapRule } from './redirect-map.rule.js';
import { compare, type RuleCase } from './test-helpers.js';

const S = 'https://www.example.com';
type Hop = [url: string, status: number, location?: string];

function row(line: number, old: string, target: string, hops: Hop[], extra: Partial<RedirectMapRow> = {}): RedirectMapRow {
  const last = hops[hops.length - 1]!;
  return {
    line,
    old,
    new: target,
    hops: hops.map(([url, status, location]) => ({ url, status, ...(location ? { location } : {}) })),
    finalUrl: last[0],
    finalStatus: last[1],
    canonical: null,
    ...extra,
  };
}

const map = (...rows: RedirectMapRow[]): RedirectMapEvidence => ({ file: 'redirects.csv', rows, totalRows: rows.length, truncated: false });
const one = (hops: Hop[], target = `${S}/new`, extra: Partial<RedirectMapRow> = {}) => map(row(2, `${S}/old`, target, hops, extra));

const valid: RuleCase<RedirectMapEvidence>[] = [
  { name: 'one 301 to the target', evidence: one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 200]]), status: 'pass', codes: [] },
  { name: 'one 308, host case and default port normalised', evidence: one([[`${S}/old`, 308, 'https://WWW.example.com:443/new'], ['https://www.example.com/new', 200]], 'HTTPS://www.EXAMPLE.com/new'), status: 'pass', codes: [] },
  { name: 'trailing slash ignored by default', evidence: one([[`${S}/old`, 301, `${S}/new/`], [`${S}/new/`, 200]]), status: 'pass', codes: [] },
  { name: 'query kept', evidence: one([[`${S}/old?id=7`, 301, `${S}/new?id=7`], [`${S}/new?id=7`, 200]], `${S}/new?id=7`), status: 'pass', codes: [] },
  { name: 'canonical names the final URL', evidence: one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 200]], `${S}/new`, { canonical: `${S}/new` }), status: 'pass', codes: [] },
  { name: 'old equals new and answers 200', evidence: map(row(2, `${S}/same`, `${S}/same/`, [[`${S}/same`, 200]])), status: 'pass', codes: [] },
];

const invalid: RuleCase<RedirectMapEvidence>[] = [
  { name: '302', evidence: one([[`${S}/old`, 302, `${S}/new`], [`${S}/new`, 200]]), status: 'warn', codes: ['temporary-redirect'] },
  { name: 'two hops', evidence: one([[`${S}/old`, 301, `${S}/mid`], [`${S}/mid`, 301, `${S}/new`], [`${S}/new`, 200]]), status: 'warn', codes: ['two-hops'] },
  { name: 'three hops', evidence: one([[`${S}/old`, 301, `${S}/a`], [`${S}/a`, 301, `${S}/b`], [`${S}/b`, 301, `${S}/new`], [`${S}/new`, 200]]), status: 'fail', codes: ['redirect-chain'] },
  { name: 'wrong target', evidence: one([[`${S}/old`, 301, `${S}/other`], [`${S}/other`, 200]]), status: 'fail', codes: ['wrong-target'] },
  { name: 'trailing slash strict', evidence: one([[`${S}/old`, 301, `${S}/new/`], [`${S}/new/`, 200]]), options: { trailingSlash: 'strict' }, status: 'fail', codes: ['wrong-target'] },
  { name: 'query dropped', evidence: one([[`${S}/old?id=7`, 301, `${S}/new`], [`${S}/new`, 200]], `${S}/new?id=7`), status: 'fail', codes: ['wrong-target'] },
  { name: 'blanket redirect to the home page', evidence: one([[`${S}/old`, 301, `${S}/`], [`${S}/`, 200]]), status: 'fail', codes: ['redirected-to-home'] },
  { name: 'target 404', evidence: one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 404]]), status: 'fail', codes: ['target-gone'] },
  { name: 'target 410', evidence: one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 410]]), status: 'fail', codes: ['target-gone'] },
  { name: 'target 500', evidence: one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 500]]), status: 'fail', codes: ['target-status'] },
  { name: 'not redirected', evidence: one([[`${S}/old`, 200]]), status: 'fail', codes: ['not-redirected', 'wrong-target'] },
  { name: 'https to http', evidence: one([[`${S}/old`, 301, 'http://www.example.com/new'], ['http://www.example.com/new', 200]], 'http://www.example.com/new'), status: 'fail', codes: ['https-downgrade'] },
  { name: 'loop', evidence: one([[`${S}/old`, 301, `${S}/old`]], `${S}/new`, { finalUrl: null, finalStatus: null, error: { code: 'HTTP_REDIRECT_LOOP', message: 'redirect loop' } }), status: 'fail', codes: ['redirect-loop'] },
  { name: 'row could not be checked', evidence: one([[`${S}/old`, 301]], `${S}/new`, { hops: [], finalUrl: null, finalStatus: null, error: { code: 'TIMEOUT', message: 'no answer' } }), status: 'fail', codes: ['row-error'] },
  { name: 'canonical names another URL', evidence: one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 200]], `${S}/new`, { canonical: `${S}/` }), status: 'warn', codes: ['canonical-mismatch'] },
  { name: 'canonical ignored when asked', evidence: one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 200]], `${S}/new`, { canonical: `${S}/` }), options: { checkCanonical: false }, status: 'pass', codes: [] },
  { name: 'empty map', evidence: map(), status: 'warn', codes: ['empty-map'] },
  { name: 'truncated map', evidence: { ...one([[`${S}/old`, 301, `${S}/new`], [`${S}/new`, 200]]), totalRows: 5, truncated: true }, status: 'warn', codes: ['map-truncated'] },
];

describe('http/redirect-map', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(redirectMapRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the CSV line in every finding and lists at most 50 of them', () => {
    const rows = Array.from({ length: 60 }, (_, i) => row(i + 2, `${S}/o${i}`, `${S}/n${i}`, [[`${S}/o${i}`, 404]]));
    const v = redirectMapRule.judge(map(...rows), redirectMapRule.options.parse({}), { now: new Date(0), goLive: new Date(0) });
    expect(v.findings[0]).toMatchObject({ subject: 'redirects.csv:2' });
    expect(v.findings[0]!.message).toMatch(/^line 2 /);
    expect(v.findings.length).toBe(51);
    expect(v.findings.at(-1)).toMatchObject({ code: 'more-findings', severity: 'fail' });
  });

  it('passes the base URL and row limit to the probe', () => {
    expect(redirectMapRule.probeInput({ file: 'm.csv' }, redirectMapRule.options.parse({ base: S }))).toEqual({ file: 'm.csv', base: S, maxRows: 1000, maxRedirects: 10 });
  });
});
