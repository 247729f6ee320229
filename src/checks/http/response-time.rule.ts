import { z } from 'zod';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { TimingEvidence } from './evidence.js';
import { URL_TARGET_HELP } from './rule-kit.js';

export const ResponseTimeOptions = z.strictObject({
  maxMs: z.number().positive().default(1000).describe('Fail when the chosen statistic is above this many milliseconds.'),
  warnMs: z.number().positive().optional().describe('Warn when it is above this many milliseconds (and not above maxMs).'),
  statistic: z.enum(['p50', 'p95', 'max']).default('p95').describe('Which statistic of the samples to judge: the median, the 95th percentile (nearest rank) or the slowest.'),
  metric: z.enum(['total', 'ttfb']).default('total').describe('total: until the whole body has arrived; ttfb: until the response headers (time to first byte).'),
  samples: z.number().int().min(1).max(50).default(5).describe('Requests to time, one after another, after one unrecorded warm-up request.'),
});
export type ResponseTimeOptions = z.infer<typeof ResponseTimeOptions>;

const meta: RuleMeta = {
  id: 'http/response-time',
  probe: 'http/timing',
  title: 'Responds fast enough',
  failureTitle: 'Responds too slowly',
  description:
    'Sends one warm-up request and then `samples` requests in a row to the URL (redirects followed, bodies read) and compares the p95 (or median, ' +
    'or max) response time with `maxMs`. A page that is slow with one visitor will not survive launch traffic; a slow response on the production ' +
    'host also exposes missing caches, a CDN that is not in front yet, or an application still talking to a far-away database. This is a smoke test ' +
    'from where golive runs, not a load test.',
  docs: 'docs/rules/http/response-time.md',
  targetHelp: URL_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { maxMs: 800, statistic: 'p95' } }],
};

export const responseTimeRule: Rule<UrlTarget, ResponseTimeOptions, TimingEvidence> = {
  meta,
  target: UrlTarget,
  targetFromString: urlTargetFromString,
  options: ResponseTimeOptions,
  probeInput: (target, options) => ({ url: target.url, method: 'GET', samples: options.samples, warmup: 1, follow: true, headers: {} }),
  judge(e, options) {
    const value = e.stats[options.metric][options.statistic];
    const what = `${options.statistic} ${options.metric === 'ttfb' ? 'time to first byte' : 'response time'} ${value} ms over ${e.samples.length} samples`;
    const findings: Finding[] = [];
    const hint = 'profile the page on the server (slow queries, missing caches), check that the CDN caches it, and compare with staging';
    if (value > options.maxMs) findings.push(fail('too-slow', `${what}, above ${options.maxMs} ms`, hint, e.request.url));
    else if (options.warnMs !== undefined && value > options.warnMs) findings.push(warn('slow', `${what}, above ${options.warnMs} ms`, hint, e.request.url));
    const bad = e.samples.filter((s) => s.status >= 400);
    if (bad.length > 0) findings.push(warn('error-samples', `${bad.length} of ${e.samples.length} samples answered ${[...new Set(bad.map((s) => s.status))].join(', ')}`, 'an error page is often fast: fix the errors before trusting the timing (see http/status)', e.request.url));
    return verdictFrom(meta, findings, what);
  },
};
