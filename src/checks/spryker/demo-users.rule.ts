import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { DemoLoginEvidence, LoginAttempt, LoginEndpoint } from './demo-evidence.js';
import type { DemoLoginInput } from './demo-inputs.js';
import { APP_URL_HELP, appUrlParts, demoShopFindings, HttpUrlOption, listOf } from './demo-rule-kit.js';

/** A few of the B2C demo customers (data/import/common/common/customer.csv); all use the demo password. */
export const DEFAULT_DEMO_CUSTOMERS = ['spencor.hopkin@spryker.com', 'maria.williams@spryker.com', 'andrew@ottom.de'];
/** The installer's Back Office users of the B2C and B2B demo shops (UserConfig::getInstallerUsers()). */
export const DEFAULT_DEMO_ADMINS = ['admin@spryker.com', 'admin_de@spryker.com'];

const Username = z.string().min(1).max(254);

export const DemoUsersOptions = z.strictObject({
  glueBackendUrl: HttpUrlOption.optional().describe('Base URL of the Glue backend API (glue-backend.…): the admins are also tried there with the password grant (POST /token/). Leave out to skip it.'),
  customers: z.array(Username).max(50).default(DEFAULT_DEMO_CUSTOMERS).describe('Demo customers to try on Glue POST /access-tokens, once each per run.'),
  admins: z.array(Username).max(20).default(DEFAULT_DEMO_ADMINS).describe('Installer admins to try as agents on Glue POST /agent-access-tokens and, with glueBackendUrl, on the backend API, once each per run and endpoint.'),
  password: z.string().min(1).max(200).default('change123').describe('The password to try: the one of the public demo data. It is sent, never recorded.'),
});
export type DemoUsersOptions = z.infer<typeof DemoUsersOptions>;

const meta: RuleMeta = {
  id: 'spryker/demo-users',
  probe: 'spryker/demo-login',
  title: 'No demo user logs in with the demo password',
  failureTitle: 'A demo user logs in with the demo password',
  description:
    'Tries the public demo password (change123) on the demo customers through Glue `POST /access-tokens`, and on the installer admins ' +
    '(admin@spryker.com, admin_de@spryker.com) as agents through Glue `POST /agent-access-tokens` and, given the backend API URL, through its ' +
    'password grant `POST /token/`. A 201 with a token means anyone on the internet can log in as that user on launch day. It runs only when ' +
    'login probes are allowed (--allow-login-probes, or `loginProbes: true` on the environment), sends at most one login per account and ' +
    'endpoint in a run, and stops at the first 429, because the shops block an account for six minutes after nine failures.',
  docs: 'docs/rules/spryker/demo-users.md',
  targetHelp: APP_URL_HELP,
  examples: [
    { target: 'https://glue.shop.example.com' },
    { target: 'https://glue.shop.example.com', with: { glueBackendUrl: 'https://glue-backend.shop.example.com', customers: ['spencor.hopkin@spryker.com'] } },
  ],
};

type Outcome = 'logged-in' | 'rejected' | 'throttled' | 'absent' | 'forbidden' | 'unexpected' | 'error';

/** Status -> outcome; 2xx (or a token) is a login, whatever else the body says. */
const BY_STATUS: Record<number, Outcome> = { 401: 'rejected', 429: 'throttled', 404: 'absent', 405: 'absent', 403: 'forbidden' };

export function outcomeOf(a: LoginAttempt): Outcome {
  if (a.error || a.status === undefined) return 'error';
  if (a.tokenIssued || (a.status >= 200 && a.status < 300)) return 'logged-in';
  // The OAuth password grant may refuse with 400 invalid_grant rather than 401.
  if (a.status === 400 && a.errorCode === 'invalid_grant') return 'rejected';
  return BY_STATUS[a.status] ?? 'unexpected';
}

const WHERE: Record<LoginEndpoint, string> = { 'access-tokens': 'as a customer on Glue', 'agent-access-tokens': 'as an agent on Glue', 'backend-token': 'on the backend API' };
const answer = (a: LoginAttempt) => `${a.status ?? 'no answer'}${a.errorCode ? ` code ${a.errorCode}` : ''}`;

const HINT = {
  customer: 'delete the demo customers or give them unknown passwords before go-live, and make sure the production install recipe imports no demo data (no data/import/*/full_*.yml, no customer.csv)',
  admin: 'change or remove the installer users (UserConfig::getInstallerUsers(); keep their configuration in the Parameter Store), then check again',
  throttled: 'the shop\'s brute-force blocker holds this account (nine failures block it for six minutes), so someone else may be trying it; golive sent nothing more in this run: check again later',
  forbidden: 'a 403 is an unconfirmed account or a WAF in front of Glue; if it is the WAF, allow the check\'s address and run again',
  unexpected: 'check that the URL is the Glue (or backend API) base URL and that no proxy changes the request; 415 or 400 here usually means the body never reached Glue as sent',
  notVerified: 'look at the errors in the evidence (time limit, connection), fix the URL or raise --timeout, and run again; accounts already tried are not tried again in the same run',
};

function attemptFindings(a: LoginAttempt): Finding[] {
  const subject = a.url;
  const table: Record<Outcome, () => Finding[]> = {
    'logged-in': () => [a.endpoint === 'access-tokens'
      ? fail('demo-customer-logs-in', `demo customer ${a.username} logs in ${WHERE[a.endpoint]} with the demo password (${answer(a)})`, HINT.customer, subject)
      : fail('demo-admin-logs-in', `installer admin ${a.username} logs in ${WHERE[a.endpoint]} with the demo password (${answer(a)})`, HINT.admin, subject)],
    rejected: () => [],
    // Reported once for the run by throttledFindings.
    throttled: () => [],
    absent: () => [info('login-endpoint-absent', `${a.url} answered ${a.status ?? ''}: no such login here`, subject)],
    forbidden: () => [warn('login-forbidden', `${a.username} was refused ${WHERE[a.endpoint]} with 403${a.detail ? ` (${a.detail})` : ''}`, HINT.forbidden, subject)],
    unexpected: () => [warn('login-unexpected-answer', `${a.username} ${WHERE[a.endpoint]}: unexpected ${answer(a)}${a.detail ? ` (${a.detail})` : ''}`, HINT.unexpected, subject)],
    error: () => [],
  };
  return table[outcomeOf(a)]();
}

/** The first 429 of the run (here or in another check) and what it held back. */
function throttledFindings(e: DemoLoginEvidence): Finding[] {
  const at = e.throttledAt ?? e.attempts.find((a) => a.tried && outcomeOf(a) === 'throttled');
  if (!at) return [];
  const held = e.attempts.filter((a) => a.notTried === 'throttled').length;
  return [warn('login-throttled', `${at.url} answered 429 for ${at.username}; ${held} further login(s) of this check were not sent`, HINT.throttled, at.url)];
}

/** Logins that could not say yes or no: request errors and logins cut by an error or the time limit. */
function notVerified(e: DemoLoginEvidence): Finding[] {
  const errored = e.attempts.filter((a) => a.tried && outcomeOf(a) === 'error');
  const cut = e.attempts.filter((a) => a.notTried === 'earlier-error' || a.notTried === 'time-limit');
  if (errored.length + cut.length === 0) return [];
  const codes = [...new Set(errored.map((a) => a.error?.code ?? 'no answer'))];
  const message = `${errored.length + cut.length} login(s) could not be verified${codes.length ? ` (${codes.join(', ')})` : ''}: ${listOf([...errored, ...cut].map((a) => a.username))}`;
  return [warn('login-not-verified', message, HINT.notVerified)];
}

function skippedVerdict(e: DemoLoginEvidence): Verdict {
  const message = `login probes are not allowed in this run, so none of the ${e.attempts.length} demo logins was sent`;
  const finding: Finding = { severity: 'info', code: 'login-probes-not-allowed', message, hint: 'run with --allow-login-probes, or set loginProbes: true on the environment' };
  return { status: 'skipped', summary: `Demo-user logins not tried: ${message}`, findings: [finding] };
}

export const demoUsersRule: Rule<UrlTarget, DemoUsersOptions, DemoLoginEvidence> = {
  meta,
  ...appUrlParts,
  options: DemoUsersOptions,
  probeInput: (target, options): DemoLoginInput => ({ glueUrl: target.url, glueBackendUrl: options.glueBackendUrl ?? null, customers: options.customers, admins: options.admins, password: options.password }),
  judge(e) {
    if (!e.allowed) return skippedVerdict(e);
    const seen = e.attempts.filter((a) => a.notTried === 'already-tried').map((a) => a.username);
    const findings = [
      ...e.attempts.filter((a) => a.tried).flatMap(attemptFindings),
      ...throttledFindings(e),
      ...notVerified(e),
      ...(seen.length ? [info('already-tried', `already tried in this run by another check, not sent again: ${listOf(seen)}`)] : []),
      ...demoShopFindings(e.demoShop),
    ];
    const refused = e.attempts.filter((a) => a.tried && outcomeOf(a) === 'rejected').length;
    return verdictFrom(meta, findings, `${refused} demo login(s) refused the demo password`);
  },
};
