import { z } from 'zod';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { FetchEvidence } from './evidence.js';
import { fetchInput } from './fetch-input.js';
import { describeHop, downgrade, statusClass } from './rule-kit.js';
import { hostMatches, sameHostName } from './url-norm.js';

export const HttpsRedirectOptions = z.strictObject({
  canonicalHost: z.string().min(1).optional().describe('A host the first redirect may also go to, e.g. www.example.com when the target is example.com (a port, if given, must match too).'),
});
export type HttpsRedirectOptions = z.infer<typeof HttpsRedirectOptions>;

const meta: RuleMeta = {
  id: 'http/https-redirect',
  probe: 'http/fetch',
  title: 'http:// redirects to https://',
  failureTitle: 'http:// does not redirect to https://',
  description:
    'Requests http://<host>/ and follows the redirects. The first response must redirect (301 or 308; 302, 303 and 307 warn because they are temporary) ' +
    'to https:// on the same host or the canonical host, the chain must end on https://, and no hop may go from https:// back to http://. ' +
    'Visitors who type the bare domain, old links and printed material all arrive on http://; without the redirect they see an insecure page or nothing, ' +
    'and HSTS can only be set once they reach https://.',
  docs: 'docs/rules/http/https-redirect.md',
  targetHelp: 'a host name or URL; https:// URLs without a port are checked from http:// on the same host and path',
  examples: [{ target: 'example.com', with: { canonicalHost: 'www.example.com' } }, { target: 'http://shop.example.com/' }],
};

/** The http:// URL to start from: https:// URLs on the default port map to http://; explicit ports stay. */
export function httpStart(url: string): string {
  const u = new URL(url);
  if (u.protocol === 'https:' && !u.port) u.protocol = 'http:';
  return u.href;
}

function firstHop(e: FetchEvidence, options: HttpsRedirectOptions): Finding[] {
  const first = e.hops[0]!;
  const start = new URL(first.url);
  if (!first.location) {
    return [fail('no-https-redirect', `${first.url} answered ${first.status} without redirecting`, 'redirect every http:// request to https:// on the same host with a 301 or 308 (web server, load balancer or CDN setting)', first.url)];
  }
  const out: Finding[] = [];
  if (statusClass(first.status) !== 'permanent') out.push(warn('temporary-redirect', `the first redirect is a ${first.status} (temporary): ${describeHop(first)}`, 'use 301 or 308 so browsers and search engines remember the https:// address', first.url));
  const to = new URL(first.location);
  const allowedHost = sameHostName(to.hostname, start.hostname) || (options.canonicalHost !== undefined && hostMatches(first.location, options.canonicalHost));
  if (to.protocol === 'http:') out.push(warn('first-hop-not-https', `the first redirect goes to another http:// URL: ${describeHop(first)}`, 'redirect straight to https:// on the same host, then to the final host', first.url));
  else if (!allowedHost) out.push(fail('redirect-off-host', `the first redirect leaves the host: ${describeHop(first)}`, 'redirect to https:// on the same host first (HSTS can only be set there), or set canonicalHost if this is the canonical host', first.url));
  return out;
}

export const httpsRedirectRule: Rule<UrlTarget, HttpsRedirectOptions, FetchEvidence> = {
  meta,
  target: UrlTarget,
  targetFromString: (text) => {
    const t = urlTargetFromString(text) as { url: string };
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim()) ? t : { url: httpStart(t.url) };
  },
  options: HttpsRedirectOptions,
  probeInput: (target) => fetchInput(httpStart(target.url)),
  judge(e, options) {
    const findings = firstHop(e, options);
    if (!e.final.url.startsWith('https:')) findings.push(fail('not-https', `the chain ends on ${e.final.url}, not https://`, 'make the last redirect point to the https:// address', e.final.url));
    const down = downgrade(e.hops);
    if (down) findings.push(fail('https-downgrade', `a redirect goes from https:// back to http://: ${describeHop(down)}`, 'never redirect from https:// to http://: fix the rule that builds the Location (often a proxy that does not pass X-Forwarded-Proto)', down.url));
    return verdictFrom(meta, findings, e.hops.map(describeHop).join(', '));
  },
};
