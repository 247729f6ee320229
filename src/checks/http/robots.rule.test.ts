import { describe, expect, it } from 'vitest';
import type { FetchEvidence } from './evidence.js';
import { parseRobots } from './robots-txt.js';
import { robotsRule } from './robots.rule.js';
import { compare, fetched, hop, type RuleCase } from './test-helpers.js';

const R = 'https://www.example.com/robots.txt';
const txt = (body: string, status = 200, contentType = 'text/plain') => fetched([hop(R, status)], { contentType, robots: parseRobots(body) });
const STAGING = 'User-agent: *\nDisallow: /\n';

const valid: RuleCase<FetchEvidence>[] = [
  { name: 'allow everything', evidence: txt('User-agent: *\nDisallow:\n'), status: 'pass', codes: [] },
  { name: 'only private paths blocked', evidence: txt('User-agent: *\nDisallow: /admin\nDisallow: /cart\nSitemap: https://www.example.com/sitemap.xml\n'), status: 'pass', codes: [] },
  { name: 'Allow: / beats Disallow: / on a tie', evidence: txt('User-agent: *\nDisallow: /\nAllow: /\n'), status: 'pass', codes: [] },
  { name: '$ anchors: only /private blocked', evidence: txt('User-agent: *\nDisallow: /private$\n'), options: { paths: ['/', '/private/x'] }, status: 'pass', codes: [] },
  { name: 'blocked for one bot, * allowed', evidence: txt('User-agent: BadBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n'), status: 'pass', codes: [] },
  { name: 'staging blocks all', evidence: txt(STAGING), options: { expect: 'disallow' }, status: 'pass', codes: [] },
  { name: 'staging wildcard', evidence: txt('User-agent: *\nDisallow: /*\n'), options: { expect: 'disallow' }, status: 'pass', codes: [] },
];

const invalid: RuleCase<FetchEvidence>[] = [
  { name: 'Disallow: / carried over from staging', evidence: txt(STAGING), status: 'fail', codes: ['crawling-blocked'] },
  { name: 'group with several agents', evidence: txt('User-agent: googlebot\nUser-agent: *\nDisallow: /\n'), status: 'fail', codes: ['crawling-blocked'] },
  { name: 'Googlebot has its own blocking group', evidence: txt('User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nDisallow:\n'), options: { userAgent: 'Googlebot' }, status: 'fail', codes: ['crawling-blocked'] },
  { name: 'a listed path is blocked', evidence: txt('User-agent: *\nDisallow: /products\n'), options: { paths: ['/', '/products/shoes'] }, status: 'fail', codes: ['crawling-blocked'] },
  { name: 'missing robots.txt', evidence: txt('', 404, 'text/html'), status: 'warn', codes: ['robots-missing'] },
  { name: 'robots.txt server error', evidence: txt('', 503), status: 'fail', codes: ['robots-server-error'] },
  { name: 'SPA answers robots.txt with HTML', evidence: txt('<!doctype html><html>app</html>', 200, 'text/html; charset=utf-8'), status: 'warn', codes: ['robots-not-text'] },
  { name: 'staging crawlable', evidence: txt('User-agent: *\nDisallow: /admin\n'), options: { expect: 'disallow' }, status: 'fail', codes: ['staging-crawlable'] },
  { name: 'staging without robots.txt', evidence: txt('', 404), options: { expect: 'disallow' }, status: 'fail', codes: ['staging-crawlable'] },
  { name: 'staging robots.txt server error', evidence: txt('', 500), options: { expect: 'disallow' }, status: 'warn', codes: ['robots-server-error'] },
];

describe('http/robots', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(robotsRule, c);
    expect(got, summary).toEqual(want);
  });

  it('reads /robots.txt at the origin of the target', () => {
    expect(robotsRule.probeInput({ url: 'https://www.example.com/shop/x?y=1' }, robotsRule.options.parse({}))).toMatchObject({ url: R, robots: true });
  });

  it('parses groups, comments, sitemaps and stray lines', () => {
    expect(parseRobots('\uFEFFDisallow: /early\nUser-agent: A # c\nuser-agent: b\nDisallow: /x\nCrawl-delay: 5\nSitemap: https://x/s.xml\nNoindex: /y\n')).toEqual({
      groups: [{ agents: ['a', 'b'], rules: [{ type: 'disallow', path: '/x' }] }],
      sitemaps: ['https://x/s.xml'],
      unknownLines: ['Noindex: /y'],
      truncated: false,
    });
  });
});
