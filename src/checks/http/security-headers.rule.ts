import { z } from 'zod';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom } from '../verdict.js';
import type { SecurityScanEvidence } from './evidence.js';
import { observatoryInput } from './observatory/input.js';
import { GRADE_ORDER, observatory, OBSERVATORY_VERSION, type Grade, type ScoredTest } from './observatory/score.js';

export const SecurityHeadersOptions = z.strictObject({
  minGrade: z.enum(GRADE_ORDER).default('B').describe('The lowest acceptable MDN HTTP Observatory grade (A+, A, A-, B+, B, B-, C+, ..., F).'),
  preloaded: z.array(z.string().min(1)).default([]).describe('Host names that are on the HSTS preload list (hstspreload.org); golive does not download the list, so name them here to get the preload credit.'),
  httpUrl: z.url({ protocol: /^http$/ }).optional().describe('Where the http:// redirection test starts (default http://<host>/).'),
});
export type SecurityHeadersOptions = z.infer<typeof SecurityHeadersOptions>;

const meta: RuleMeta = {
  id: 'http/security-headers',
  probe: 'http/security-scan',
  title: 'Security headers grade acceptably',
  failureTitle: 'Security headers grade too low',
  description:
    `Grades the https:// page the way the MDN HTTP Observatory does, pinned to ${OBSERVATORY_VERSION} (scoring of its algorithm as published in that ` +
    'package): Content-Security-Policy (unsafe-inline, unsafe-eval, default-src \'none\', http: sources), cookies (Secure, HttpOnly, SameSite), CORS ' +
    '(credentials with a reflected origin), the http:// to https:// redirection, Referrer-Policy, HSTS (max-age, preload), X-Content-Type-Options, ' +
    'X-Frame-Options or frame-ancestors, and Cross-Origin-Resource-Policy. Penalties are summed from 100, bonuses count only when the score is still ' +
    '90 or more, and 5-point buckets give the grade, which must reach `minGrade`. COEP and COOP are reported but not scored (1.4.8 does not score them); ' +
    'Subresource Integrity is not assessed. Scanners and security reviews look at these headers first; launch with them, not after.',
  docs: 'docs/rules/http/security-headers.md',
  targetHelp: 'an https:// URL or a host name (http:// URLs are checked on https://)',
  examples: [{ target: 'https://www.example.com/', with: { minGrade: 'B' } }, { target: 'www.example.com', with: { minGrade: 'A', preloaded: ['example.com'] } }],
};

const GRADABLE = (s: number) => (s >= 200 && s < 400) || s === 401 || s === 403;

function testFinding(t: ScoredTest, below: boolean): Finding {
  const mod = t.scored ? ` (${t.modifier > 0 ? '+' : ''}${t.modifier})` : ' (not scored in 1.4.8)';
  const message = `${t.test}: ${t.result}${mod}${t.data ? `; value: ${t.data.slice(0, 200)}` : ''}`;
  return t.modifier < 0 && below ? fail(t.result, message, t.advice, t.test) : info(t.result, t.modifier < 0 ? `${message}; to fix: ${t.advice}` : message, t.test);
}

function gradeFinding(g: Grade, minGrade: string, below: boolean): Finding {
  const text = `grade ${g.grade} (score ${g.score}), ${OBSERVATORY_VERSION}`;
  if (!below) return info('grade', text);
  const worst = g.tests.filter((t) => t.modifier < 0).sort((a, b) => a.modifier - b.modifier).slice(0, 3);
  return fail('grade-below-minimum', `${text}, below ${minGrade}`, `fix the largest penalties first: ${worst.map((t) => `${t.result} (${t.modifier})`).join(', ')}`);
}

function notGradable(e: SecurityScanEvidence): Verdict {
  const status = e.https.final.status;
  const message = `${e.https.final.url} answered ${status}; the Observatory grades only 2xx, 3xx, 401 and 403 answers`;
  return { status: 'error', code: 'HTTP_STATUS', summary: `${meta.failureTitle}: ${message}`, findings: [fail('not-gradable', message, 'make the page answer 200 (see http/status), then grade it')] };
}

export const securityHeadersRule: Rule<UrlTarget, SecurityHeadersOptions, SecurityScanEvidence> = {
  meta,
  target: UrlTarget,
  targetFromString: urlTargetFromString,
  options: SecurityHeadersOptions,
  probeInput: (target, options) => ({ url: target.url.replace(/^http:/i, 'https:'), ...(options.httpUrl ? { httpUrl: options.httpUrl } : {}), maxBodyBytes: 2 * 1024 * 1024 }),
  judge(e, options) {
    if (!GRADABLE(e.https.final.status)) return notGradable(e);
    const g = observatory(observatoryInput(e, options.preloaded));
    const below = GRADE_ORDER.indexOf(g.grade as (typeof GRADE_ORDER)[number]) < GRADE_ORDER.indexOf(options.minGrade);
    const findings = [gradeFinding(g, options.minGrade, below), ...g.tests.map((t) => testFinding(t, below))];
    return verdictFrom(meta, findings, `grade ${g.grade} (score ${g.score})`);
  },
};
