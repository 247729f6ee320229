import { z } from 'zod';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { FetchEvidence } from './evidence.js';
import { fetchInput } from './fetch-input.js';
import { isHtml } from './html.js';
import { isAllowed, rulesFor } from './robots-txt.js';

export const RobotsOptions = z.strictObject({
  expect: z.enum(['allow', 'disallow']).default('allow').describe('allow: production, the paths must be crawlable; disallow: staging or preview, they must be blocked.'),
  userAgent: z.string().min(1).default('*').describe('The crawler to judge for, e.g. Googlebot; its own group applies, else the "*" group.'),
  paths: z.array(z.string().regex(/^\//, 'must start with /')).min(1).default(['/']).describe('Paths that must be crawlable (allow) or blocked (disallow).'),
});
export type RobotsOptions = z.infer<typeof RobotsOptions>;

const meta: RuleMeta = {
  id: 'http/robots',
  probe: 'http/fetch',
  title: 'robots.txt lets crawlers in as intended',
  failureTitle: 'robots.txt blocks or admits crawlers against intent',
  description:
    'Fetches /robots.txt on the site and reads it as crawlers do (RFC 9309: the group for the user agent, else "*"; the longest matching rule wins). ' +
    'In production (`expect: allow`) the given paths must be crawlable: a `Disallow: /` copied over from staging removes the whole site from search ' +
    'results within days. A missing robots.txt warns; a 5xx fails because crawlers then stop crawling. For staging (`expect: disallow`) the paths must ' +
    'be blocked, so that the preview never competes with the live site.',
  docs: 'docs/rules/http/robots.md',
  targetHelp: 'the site URL or host; /robots.txt at its origin is read',
  examples: [{ target: 'https://www.example.com/' }, { target: 'https://staging.example.com/', with: { expect: 'disallow' } }],
};

export function robotsUrl(url: string): string {
  return new URL('/robots.txt', url).href;
}

function byStatus(e: FetchEvidence, options: RobotsOptions): Finding[] | null {
  const { status, url } = e.final;
  const allow = options.expect === 'allow';
  if (status >= 500) {
    const hint = 'make /robots.txt answer 200 (or 404 when there are no rules): crawlers treat a server error as "do not crawl anything"';
    return [allow ? fail('robots-server-error', `${url} answers ${status}`, hint, url) : warn('robots-server-error', `${url} answers ${status}; crawlers stay out for now, but not reliably`, 'serve a robots.txt with "User-agent: *" and "Disallow: /"', url)];
  }
  if (status >= 400) {
    return [
      allow
        ? warn('robots-missing', `${url} answers ${status}: crawlers may crawl everything`, 'publish a robots.txt (it can be as short as "User-agent: *" and "Allow: /") with a Sitemap line', url)
        : fail('staging-crawlable', `${url} answers ${status}, so crawlers may crawl everything`, 'serve a robots.txt with "User-agent: *" and "Disallow: /" on this environment (and protect it with a login)', url),
    ];
  }
  return status >= 300 ? [fail('robots-unreadable', `${url} ends in a ${status} redirect`, 'serve robots.txt directly with status 200', url)] : null;
}

function byRules(e: FetchEvidence, options: RobotsOptions): Finding[] {
  const facts = e.final.robots ?? { groups: [], sitemaps: [], unknownLines: [], truncated: false };
  const { matched, rules } = rulesFor(facts, options.userAgent);
  const group = matched === null ? 'no group applies' : `User-agent: ${matched}`;
  const out: Finding[] = [];
  if (isHtml(e.final.contentType)) out.push(warn('robots-not-text', `${e.final.url} is served as ${e.final.contentType}, probably an HTML page rather than robots.txt`, 'serve a plain-text robots.txt (a catch-all route of a single-page app often answers instead)', e.final.url));
  for (const path of options.paths) {
    const { allowed, rule } = isAllowed(rules, path);
    const why = rule ? `"${rule.type === 'allow' ? 'Allow' : 'Disallow'}: ${rule.path}" (${group})` : `no rule matches (${group})`;
    if (options.expect === 'allow' && !allowed) out.push(fail('crawling-blocked', `${path} is blocked for ${options.userAgent} by ${why}`, 'remove the Disallow rule left over from staging; production must be crawlable', e.final.url));
    if (options.expect === 'disallow' && allowed) out.push(fail('staging-crawlable', `${path} is crawlable for ${options.userAgent}: ${why}`, 'add "User-agent: *" and "Disallow: /" on this environment', e.final.url));
  }
  if (facts.unknownLines.length > 0) out.push(info('robots-unknown-lines', `lines crawlers ignore: ${facts.unknownLines.join(' | ')}`, e.final.url));
  return out;
}

export const robotsRule: Rule<UrlTarget, RobotsOptions, FetchEvidence> = {
  meta,
  target: UrlTarget,
  targetFromString: urlTargetFromString,
  options: RobotsOptions,
  probeInput: (target) => fetchInput(robotsUrl(target.url), { robots: true }),
  judge(e, options) {
    const findings = byStatus(e, options) ?? byRules(e, options);
    return verdictFrom(meta, findings, `${options.paths.join(', ')} ${options.expect === 'allow' ? 'crawlable' : 'blocked'} for ${options.userAgent}`);
  },
};
