import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, warn } from '../verdict.js';
import type { BackofficeEvidence } from './demo-evidence.js';
import { joinUrl, type DemoBackofficeInput } from './demo-inputs.js';
import { appUrlParts, demoShopFindings, verdictWarningAsFailure } from './demo-rule-kit.js';

export const LOGIN_PATH = 'security-gui/login';

export const BackofficeExposureOptions = z.strictObject({
  whenPublic: z.enum(['fail', 'warn']).default('warn').describe('What a login page open to everyone is: `warn` (default), or `fail` where the Back Office must sit behind an IP allow-list, VPN or SSO.'),
});
export type BackofficeExposureOptions = z.infer<typeof BackofficeExposureOptions>;

const meta: RuleMeta = {
  id: 'spryker/backoffice-exposure',
  probe: 'spryker/demo-backoffice',
  title: 'Back Office login is not open to everyone',
  failureTitle: 'Back Office login is open to everyone',
  description:
    'Requests the Back Office login page (`/security-gui/login`) once, without logging in and without following redirects, and reports whether ' +
    'anyone on the internet gets the login form, or whether basic auth, an IP allow-list or a WAF stands in front of it (401 or 403). A public ' +
    'Back Office login is where leftover installer admins with the demo password (spryker/demo-users) and password guessing meet: on launch ' +
    'day it should be reachable only from the team\'s addresses, or at least be known to be public on purpose.',
  docs: 'docs/rules/spryker/backoffice-exposure.md',
  targetHelp: 'the Back Office base URL, e.g. https://backoffice.shop.example.com (the login path is added), or the login page URL itself',
  examples: [{ target: 'https://backoffice.shop.example.com' }, { target: 'https://backoffice.shop.example.com', with: { whenPublic: 'fail' } }],
};

/** The login page URL for a target: the target itself when it already is the login page. */
export function loginUrlOf(target: string): string {
  return new URL(target).pathname.replace(/\/+$/, '').endsWith(`/${LOGIN_PATH}`) ? target : joinUrl(target, LOGIN_PATH);
}

const HINT = {
  public: 'put the Back Office behind an IP allow-list (Spryker Cloud: the load balancer or WAF rules), a VPN or SSO; at the least make sure no demo or installer admin can log in (spryker/demo-users)',
  unclear: 'open the URL in a browser from outside the office network and see what it shows; check that the target is the Back Office host',
  notFound: 'no login page at this URL: check the Back Office host name, or pass the login page URL as the target',
};

function judgeStatus(e: BackofficeEvidence, options: BackofficeExposureOptions): Finding[] {
  const subject = e.url;
  if (e.status === 200 && e.passwordField) {
    const message = `${e.url} shows the login form to anyone (200 with a password field)`;
    return [options.whenPublic === 'fail' ? fail('backoffice-public', message, HINT.public, subject) : warn('backoffice-public', message, HINT.public, subject)];
  }
  if (e.status === 401) {
    const basic = /^\s*basic\b/i.test(e.authenticate ?? '');
    return [info(basic ? 'backoffice-basic-auth' : 'backoffice-auth-required', `${e.url} asks for ${basic ? 'basic auth' : 'authentication'} before the login page`, subject)];
  }
  if (e.status === 403) return [info('backoffice-forbidden', `${e.url} answered 403 (an IP allow-list or a WAF)`, subject)];
  if (e.status === 404) return [warn('backoffice-login-not-found', `${e.url} answered 404`, HINT.notFound, subject)];
  const what = e.location ? `redirects (${e.status}) to ${e.location}` : e.status === 200 ? 'answers 200 without a password field' : `answered ${e.status}`;
  return [warn('backoffice-unclear', `${e.url} ${what}: whether the Back Office is public cannot be told`, HINT.unclear, subject)];
}

export const backofficeExposureRule: Rule<UrlTarget, BackofficeExposureOptions, BackofficeEvidence> = {
  meta,
  ...appUrlParts,
  options: BackofficeExposureOptions,
  probeInput: (target): DemoBackofficeInput => ({ url: loginUrlOf(target.url) }),
  judge(e, options) {
    const findings = [...judgeStatus(e, options), ...demoShopFindings(e.demoShop, e.url)];
    return verdictWarningAsFailure(meta, findings, findings[0]?.message);
  },
};
