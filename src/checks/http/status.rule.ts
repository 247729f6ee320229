import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { FetchEvidence } from './evidence.js';
import { describeHop, URL_TARGET_HELP, urlFetchParts } from './rule-kit.js';

const Status = z.number().int().min(100).max(599);

export const StatusOptions = z.strictObject({
  status: z.union([Status, z.array(Status).min(1)]).default(200).describe('The status code the final response must have, or a list of allowed codes (e.g. [200, 204]).'),
  follow: z.boolean().default(true).describe('Follow redirects and judge the final response; false judges the first response (e.g. to require a 301 itself).'),
});
export type StatusOptions = z.infer<typeof StatusOptions>;

const HINTS: Record<string, string> = {
  '3': 'the URL redirects: check the redirect target, or set follow: true to judge where it ends',
  '4': 'the page is missing or protected: check the route, the deployment and any access rules (basic auth, IP allow-lists) left from staging',
  '5': 'the server fails: check the application logs, its dependencies (database, search, caches) and the upstream behind the proxy',
};

const meta: RuleMeta = {
  id: 'http/status',
  probe: 'http/fetch',
  title: 'URL answers with the expected status',
  failureTitle: 'URL answers with an unexpected status',
  description:
    'Requests the URL, follows redirects (unless `follow: false`) and compares the final status code with the expected one (200 by default, or a list). ' +
    'On launch day the home page, the key landing pages and the API must answer 200 from production, not a 404 from a missing route, a 503 from a ' +
    'maintenance page left on, or a 401 from a staging lock.',
  docs: 'docs/rules/http/status.md',
  targetHelp: URL_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/' }, { target: 'https://api.example.com/v1/health', with: { status: [200, 204] } }],
};

export const statusRule: Rule<UrlTarget, StatusOptions, FetchEvidence> = {
  meta,
  ...urlFetchParts,
  options: StatusOptions,
  judge(e, options) {
    const allowed = Array.isArray(options.status) ? options.status : [options.status];
    const got = e.final.status;
    const chain = e.hops.length > 1 ? ` after ${e.hops.length - 1} redirect(s) (${e.hops.map(describeHop).join(', ')})` : '';
    const findings = allowed.includes(got)
      ? []
      : [fail('unexpected-status', `${e.final.url} answered ${got}${chain}, expected ${allowed.join(' or ')}`, HINTS[String(got)[0]!] ?? 'check the server and the URL', e.final.url)];
    return verdictFrom(meta, findings, `${got} from ${e.final.url}`);
  },
};
