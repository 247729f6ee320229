import type { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { PageEvidence } from './evidence.js';
import { describeCall, normalLoad, notDeclared, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';
import { TRACKING_KINDS } from './sitecore.js';

export const ConsentOptions = pageOptions({});
export type ConsentOptions = z.infer<typeof ConsentOptions>;

const meta: RuleMeta = {
  id: 'page/consent',
  probe: 'page/load',
  title: 'Nothing is tracked before consent',
  failureTitle: 'The page tracks the visitor before consent',
  description:
    'With a consent step declared (`consent`: the selector of the banner\'s accept button), loads the page, records every Sitecore call and ' +
    'cookie, then clicks accept: no browser-ID, event or decision call may start before the click, and no Sitecore cookie (`sc_cid`, ' +
    '`sc_cid_personalize`, Engage\'s `bid_…`) may be set before it. Tracking before consent is a privacy breach on launch day in most ' +
    'markets, whatever the banner says.',
  docs: 'docs/rules/page/consent.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { consent: '#onetrust-accept-btn-handler' } }],
};

const HINT = 'start the Sitecore SDK (initialize, pageView, personalize) only after the visitor accepts, e.g. from the consent manager\'s callback';
const SDK_COOKIE = /^(sc_cid(_personalize)?|sc_.+|bid_.+|BX.*)$/;

function findings(e: PageEvidence): Finding[] {
  const step = e.steps.find((s) => s.consent);
  if (!step?.ok) return [fail('consent-step-failed', `the consent step "${step?.step ?? ''}" failed: ${step?.error ?? 'not run'}`, 'fix the consent selector (the screenshot in the evidence shows the page)', e.url)];
  const at = e.consent.atMs ?? step.atMs;
  const early = e.calls.filter((c) => TRACKING_KINDS.includes(c.kind) && c.startMs < at);
  const out: Finding[] = [];
  if (early.length > 0) out.push(fail('tracking-before-consent', `${early.length} Sitecore call(s) before consent at ${at} ms, first ${describeCall(early[0]!)} at ${early[0]!.startMs} ms`, HINT, early[0]!.url));
  const cookies = (e.consent.cookiesBefore ?? []).filter((c) => SDK_COOKIE.test(c));
  if (cookies.length > 0) out.push(fail('cookie-before-consent', `Sitecore cookie(s) set before consent: ${cookies.join(', ')}`, HINT, e.url));
  return out;
}

export const consentRule: Rule<UrlTarget, ConsentOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: ConsentOptions,
  probeInput: normalLoad,
  judge: (e) => (e.consent.declared ? verdictFrom(meta, findings(e), `${e.calls.length} Sitecore call(s), all after consent`) : notDeclared(meta, 'no consent step declared', 'give the accept button\'s selector as the consent option, e.g. consent: "#accept-cookies"')),
};
