import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { RedirectMapEvidence, RedirectMapRow } from './evidence.js';
import { downgrade, redirects, statusClass } from './rule-kit.js';
import { normaliseUrl, sameUrl, type TrailingSlash } from './url-norm.js';

export const RedirectMapTarget = z.strictObject({ file: z.string().min(1).describe('Path of the CSV redirect map (columns old,new with a header row), relative to the project directory.') });
export type RedirectMapTarget = z.infer<typeof RedirectMapTarget>;

export const RedirectMapOptions = z.strictObject({
  base: z.url({ protocol: /^https?$/ }).optional().describe('Site URL that relative rows (/old-path) are resolved against, e.g. https://www.example.com.'),
  maxRows: z.number().int().min(1).max(20_000).default(1000).describe('Check at most this many rows (the rest are reported as not checked).'),
  trailingSlash: z.enum(['ignore', 'strict']).default('ignore').describe('Whether /page and /page/ count as the same target.'),
  checkCanonical: z.boolean().default(true).describe("Warn when the final page's canonical link names another URL."),
});
export type RedirectMapOptions = z.infer<typeof RedirectMapOptions>;

const MAX_LISTED = 50;

const meta: RuleMeta = {
  id: 'http/redirect-map',
  probe: 'http/redirect-map',
  title: 'Every old URL redirects to its new URL',
  failureTitle: 'Old URLs do not redirect as mapped',
  description:
    'Follows every row of a migration redirect map (CSV: old,new) and checks it the way SEO migration audits do: the first response is a 301 or 308 ' +
    '(302/307 warn), the chain ends on the mapped URL (scheme and host case, default port and, by option, a trailing slash normalised; the query kept) ' +
    'in one hop (two warn, three or more fail), without loops or https->http steps, with status 200 (not 404/410, not a blanket redirect to the home ' +
    'page) and a canonical link that names the final URL. A broken map loses the rankings and links of the old site on the day of the switch.',
  docs: 'docs/rules/http/redirect-map.md',
  targetHelp: 'the path of the CSV file, relative to the project directory',
  examples: [{ target: 'migration/redirects.csv', with: { base: 'https://www.example.com' } }],
};

const short = (url: string) => (url.length > 80 ? `${url.slice(0, 77)}...` : url);

function errorFinding(row: RedirectMapRow, where: string, label: string): Finding {
  const err = row.error!;
  if (err.code === 'HTTP_REDIRECT_LOOP') return fail('redirect-loop', `${label}: ${err.message}`, 'break the loop: a redirect rule sends the URL back where it started or chains endlessly', where);
  return fail('row-error', `${label}: could not be checked (${err.code}): ${err.message}`, 'check that the old host answers from here (DNS, --resolve, firewall), then run again', where);
}

function targetFindings(row: RedirectMapRow, slash: TrailingSlash, where: string, label: string): Finding[] {
  const out: Finding[] = [];
  const final = row.finalUrl!;
  if (!sameUrl(final, row.new, slash)) {
    const home = new URL(final).pathname === '/' && new URL(row.new).pathname !== '/';
    out.push(
      home
        ? fail('redirected-to-home', `${label}: ends on the home page ${short(final)} instead of ${short(row.new)}`, 'map the old URL to its own new page; a blanket redirect to the home page is treated as a soft 404', where)
        : fail('wrong-target', `${label}: ends on ${short(final)}, mapped to ${short(row.new)}`, 'fix the redirect rule (or the map) so the old URL lands on its mapped URL', where),
    );
  }
  const status = row.finalStatus!;
  if (status === 404 || status === 410) out.push(fail('target-gone', `${label}: the target ${short(final)} answers ${status}`, 'publish the target page or map the old URL to a page that exists', where));
  else if (status !== 200) out.push(fail('target-status', `${label}: the target ${short(final)} answers ${status}`, 'the mapped page must answer 200', where));
  return out;
}

function rowFindings(row: RedirectMapRow, options: RedirectMapOptions, file: string): Finding[] {
  const where = `${file}:${row.line}`;
  const label = `line ${row.line} (${short(row.old)})`;
  if (row.error) return [errorFinding(row, where, label)];
  const hops = redirects(row.hops);
  const out: Finding[] = [];
  const first = row.hops[0]!;
  if (hops.length === 0 && !sameUrl(row.old, row.new, options.trailingSlash)) out.push(fail('not-redirected', `${label}: answers ${first.status} without redirecting`, 'add a 301 from the old URL to its new URL', where));
  if (hops.length > 0 && statusClass(first.status) !== 'permanent') out.push(warn('temporary-redirect', `${label}: the first redirect is a ${first.status}, not 301/308`, 'use 301 or 308 so search engines transfer the ranking', where));
  if (hops.length === 2) out.push(warn('two-hops', `${label}: 2 redirects to reach the target`, 'redirect straight to the final URL', where));
  if (hops.length >= 3) out.push(fail('redirect-chain', `${label}: ${hops.length} redirects to reach the target`, 'redirect straight to the final URL; crawlers give up after a few hops', where));
  const down = downgrade(row.hops);
  if (down) out.push(fail('https-downgrade', `${label}: a redirect goes from https:// to http:// (${short(down.url)})`, 'never redirect from https:// back to http://', where));
  out.push(...targetFindings(row, options.trailingSlash, where, label));
  if (options.checkCanonical && row.canonical && !sameUrl(row.canonical, row.finalUrl!, options.trailingSlash)) {
    out.push(warn('canonical-mismatch', `${label}: the final page names ${short(row.canonical)} as canonical, not ${short(normaliseUrl(row.finalUrl!))}`, 'make the canonical link of the new page point to itself', where));
  }
  return out;
}

/** Lists the first findings and sums up the rest in one, so a broken map stays readable. */
function capped(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_LISTED) return findings;
  const rest = findings.slice(MAX_LISTED);
  const worst = rest.some((f) => f.severity === 'fail') ? fail : warn;
  return [...findings.slice(0, MAX_LISTED), worst('more-findings', `${rest.length} more findings not listed`, 'fix the listed rows first, then run again to see the rest')];
}

export const redirectMapRule: Rule<RedirectMapTarget, RedirectMapOptions, RedirectMapEvidence> = {
  meta,
  target: RedirectMapTarget,
  targetFromString: (text) => ({ file: text.trim() }),
  options: RedirectMapOptions,
  probeInput: (target, options) => ({ file: target.file, ...(options.base ? { base: options.base } : {}), maxRows: options.maxRows, maxRedirects: 10 }),
  judge(e, options) {
    const findings = capped(e.rows.flatMap((row) => rowFindings(row, options, e.file)));
    if (e.rows.length === 0) findings.push(warn('empty-map', `${e.file} has no rows`, 'add the old,new rows of the migration, or remove the check'));
    if (e.truncated) findings.push(warn('map-truncated', `only ${e.rows.length} of ${e.totalRows} rows were checked`, 'raise maxRows, or split the map into several files'));
    if (findings.length === 0) findings.push(info('rows-checked', `${e.rows.length} rows redirect as mapped`));
    return verdictFrom(meta, findings, `${e.rows.length} rows`);
  },
};
