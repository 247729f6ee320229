import { z } from 'zod';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { FetchEvidence, HttpHop } from './evidence.js';
import { fetchInput } from './fetch-input.js';
import { describeHop, downgrade, redirects, statusClass } from './rule-kit.js';
import { hostMatches, pathAndQuery } from './url-norm.js';

export const CanonicalHostOptions = z.strictObject({
  canonicalHost: z.string().min(1).describe('The host every other host must redirect to, e.g. www.example.com (a port, if given, must match too).'),
  testPath: z
    .string()
    .regex(/^\//, 'must start with /')
    .default('/golive-canonical-check?from=golive')
    .describe('Path and query requested when the target URL has none, to prove both are kept by the redirect.'),
  requireHsts: z.boolean().default(true).describe('Warn when the final https:// response sends no Strict-Transport-Security header.'),
});
export type CanonicalHostOptions = z.infer<typeof CanonicalHostOptions>;

const meta: RuleMeta = {
  id: 'http/canonical-host',
  probe: 'http/fetch',
  title: 'Non-canonical host redirects in one permanent hop',
  failureTitle: 'Non-canonical host does not redirect cleanly to the canonical host',
  description:
    'Requests a path and query on the non-canonical host (the target, e.g. the apex example.com) and expects exactly one 301 or 308 redirect to ' +
    'https:// on the canonical host (e.g. www.example.com) with the path and query kept, and HSTS on the final response. Two hosts serving the same ' +
    'pages split links and rankings; a chain of redirects or a redirect that drops the path sends every deep link to the home page.',
  docs: 'docs/rules/http/canonical-host.md',
  targetHelp: 'the non-canonical host or URL (a bare host means https://<host>/); without a path the testPath option is requested',
  examples: [{ target: 'example.com', with: { canonicalHost: 'www.example.com' } }, { target: 'http://example.com/shop?page=2', with: { canonicalHost: 'www.example.com' } }],
};

/** The URL to request: the target's own path and query, or the test path when it has none. */
export function canonicalProbeUrl(url: string, testPath: string): string {
  const u = new URL(url);
  return u.pathname === '/' && !u.search ? new URL(testPath, u.origin).href : u.href;
}

function firstHopFindings(first: HttpHop, options: CanonicalHostOptions): Finding[] {
  if (!first.location) return [fail('no-redirect', `${first.url} answered ${first.status} without redirecting to ${options.canonicalHost}`, `redirect every request on this host to https://${options.canonicalHost} with a 301, keeping path and query`, first.url)];
  const out: Finding[] = [];
  const to = new URL(first.location);
  if (statusClass(first.status) !== 'permanent') out.push(warn('temporary-redirect', `the redirect is a ${first.status} (temporary): ${describeHop(first)}`, 'use 301 or 308 so search engines move the ranking to the canonical host', first.url));
  if (!hostMatches(first.location, options.canonicalHost)) out.push(fail('wrong-host', `the redirect goes to ${to.host}, not ${options.canonicalHost}: ${describeHop(first)}`, `point the redirect at https://${options.canonicalHost}`, first.url));
  if (to.protocol !== 'https:') out.push(fail('not-https', `the redirect goes to ${to.protocol}// rather than https://: ${describeHop(first)}`, `redirect straight to https://${options.canonicalHost} so one hop does both moves`, first.url));
  if (to.pathname !== new URL(first.url).pathname) out.push(fail('path-not-kept', `the path changes: ${describeHop(first)}`, 'keep the request path in the redirect ($request_uri in nginx, %{REQUEST_URI} in Apache, a path-preserving rule at the CDN)', first.url));
  else if (pathAndQuery(first.location) !== pathAndQuery(first.url)) out.push(fail('query-not-kept', `the query string changes: ${describeHop(first)}`, 'keep the query string in the redirect (campaign parameters and search pages depend on it)', first.url));
  return out;
}

function chainFindings(e: FetchEvidence, options: CanonicalHostOptions): Finding[] {
  const out: Finding[] = [];
  const n = redirects(e.hops).length;
  // Without a redirect the first hop's finding says it all; the final page is still the wrong host.
  if (n === 0) return out;
  const path = e.hops.map(describeHop).join(', ');
  if (n === 2) out.push(warn('extra-hop', `2 redirects instead of 1: ${path}`, `redirect straight to https://${options.canonicalHost}, in one hop`, e.request.url));
  if (n >= 3) out.push(fail('too-many-hops', `${n} redirects instead of 1: ${path}`, `redirect straight to https://${options.canonicalHost}, in one hop`, e.request.url));
  if (!hostMatches(e.final.url, options.canonicalHost)) out.push(fail('ends-off-canonical', `the chain ends on ${e.final.url}, not on ${options.canonicalHost}`, 'the canonical host itself must answer without redirecting elsewhere', e.final.url));
  const down = downgrade(e.hops);
  if (down) out.push(fail('https-downgrade', `a redirect goes from https:// back to http://: ${describeHop(down)}`, 'never redirect from https:// to http://', down.url));
  if (options.requireHsts && e.final.url.startsWith('https:') && e.final.headers['strict-transport-security'] === undefined) {
    out.push(warn('no-hsts', `${e.final.url} sends no Strict-Transport-Security header`, 'send Strict-Transport-Security: max-age=31536000 on the canonical host', e.final.url));
  }
  return out;
}

export const canonicalHostRule: Rule<UrlTarget, CanonicalHostOptions, FetchEvidence> = {
  meta,
  target: UrlTarget,
  targetFromString: urlTargetFromString,
  options: CanonicalHostOptions,
  probeInput: (target, options) => fetchInput(canonicalProbeUrl(target.url, options.testPath)),
  judge(e, options) {
    const findings = [...firstHopFindings(e.hops[0]!, options), ...chainFindings(e, options)];
    return verdictFrom(meta, findings, e.hops.map(describeHop).join(', '));
  },
};
