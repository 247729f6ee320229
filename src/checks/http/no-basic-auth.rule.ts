import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { FetchEvidence, HttpHop } from './evidence.js';
import { URL_TARGET_HELP, urlFetchParts } from './rule-kit.js';

export const NoBasicAuthOptions = z.strictObject({});
export type NoBasicAuthOptions = z.infer<typeof NoBasicAuthOptions>;

const meta: RuleMeta = {
  id: 'http/no-basic-auth',
  probe: 'http/fetch',
  title: 'No login prompt in front of the site',
  failureTitle: 'The site asks for a login (a staging lock left on)',
  description:
    'Requests the production URL (redirects followed) and fails when any response is a 401 with `WWW-Authenticate: Basic`: the password prompt that ' +
    'protects staging and is easily carried over to production by a copied web server or CDN configuration. Other 401 challenges warn. On launch day ' +
    'every visitor would see a browser login dialog instead of the site.',
  docs: 'docs/rules/http/no-basic-auth.md',
  targetHelp: URL_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/' }],
};

function challenge(hop: HttpHop): string {
  const v = hop.headers['www-authenticate'];
  return Array.isArray(v) ? v.join(', ') : v ?? '';
}

function hopFinding(hop: HttpHop): Finding | null {
  if (hop.status !== 401) return null;
  const text = challenge(hop);
  if (/(^|[\s,])basic\b/i.test(text)) {
    const realm = /realm="?([^",]*)"?/i.exec(text)?.[1];
    return fail('basic-auth', `${hop.url} asks for a password (HTTP Basic${realm ? `, realm "${realm}"` : ''})`, 'remove the basic-auth lock from the production web server, ingress or CDN configuration (it usually comes from the staging config)', hop.url);
  }
  return warn('auth-required', `${hop.url} answers 401${text ? ` (${text.slice(0, 80)})` : ''}`, 'public pages should not require authentication; check the access rules of the production deployment', hop.url);
}

export const noBasicAuthRule: Rule<UrlTarget, NoBasicAuthOptions, FetchEvidence> = {
  meta,
  ...urlFetchParts,
  options: NoBasicAuthOptions,
  judge(e) {
    const findings = e.hops.map(hopFinding).filter((f): f is Finding => f !== null);
    return verdictFrom(meta, findings, `${e.final.status} from ${e.final.url}`);
  },
};
