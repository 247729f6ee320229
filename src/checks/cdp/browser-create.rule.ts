import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom } from '../verdict.js';
import type { BrowserEvidence } from './evidence.js';
import type { BrowserInput } from './inputs.js';
import { clientKeyVariable, notConfiguredVerdict, targetParts, TARGET_HELP, type CdpApiTarget } from './target.js';

export const BrowserCreateOptions = z.strictObject({ clientKeyVariable });
export type BrowserCreateOptions = z.infer<typeof BrowserCreateOptions>;

const meta: RuleMeta = {
  id: 'cdp/browser-create',
  probe: 'cdp/browser',
  title: 'The client key creates browsers at this CDP endpoint',
  failureTitle: 'The client key does not create browsers at this CDP endpoint',
  description:
    'Creates one browser the way a page does before its first event, `GET /v1.2/browser/create.json?client_key=…&message={}`, and expects 200 with ' +
    '`status: "OK"`, a browser `ref` and a `customer_ref`. That proves the client key and the region together: a key used against another ' +
    'region\'s host, or a key of another tenant, gets 401, and every event the site sends would be lost the same way on launch day. ' +
    'Opt-in: it runs only when the client key is in the environment (SITECORE_CDP_CLIENT_KEY, or the variable named by clientKeyVariable), ' +
    'otherwise it is skipped. The key is sent, never recorded. Each run creates one anonymous browser in the tenant.',
  docs: 'docs/rules/cdp/browser-create.md',
  targetHelp: TARGET_HELP,
  examples: [{ target: 'eu' }, { target: 'https://api-engage-us.sitecorecloud.io', with: { clientKeyVariable: 'CDP_STAGING_CLIENT_KEY' } }],
};

const HINT = {
  refused: 'the key does not belong to a tenant served here: use the region of the tenant (eu, us, ap, jpe: the host in Settings > API access) and the client key of that tenant; 401 on browser creation means a wrong endpoint or a wrong key',
  notOk: 'the API created no browser: check the answer in the evidence, the client key, and that the base URL is the CDP API (not the Edge or a proxy)',
};

function answerFindings(e: Extract<BrowserEvidence, { configured: true }>): Finding[] {
  const a = e.answer ?? {};
  if (a.text !== undefined) return [fail('browser-not-created', `${e.url} answered ${e.status} without JSON: ${a.text.slice(0, 120)}`, HINT.notOk, e.url)];
  if (a.status !== 'OK') return [fail('browser-not-created', `${e.url} answered ${e.status} with status ${a.status ?? '(none)'}`, HINT.notOk, e.url)];
  if (!a.ref) return [fail('no-browser-ref', `${e.url} answered OK without a browser ref`, HINT.notOk, e.url)];
  return a.customerRef ? [] : [info('no-guest-ref', 'the answer carries no customer_ref (guest reference)', e.url)];
}

export const browserCreateRule: Rule<CdpApiTarget, BrowserCreateOptions, BrowserEvidence> = {
  meta,
  ...targetParts,
  options: BrowserCreateOptions,
  probeInput: (target, options): BrowserInput => ({ baseUrl: target.url, clientKeyVariable: options.clientKeyVariable }),
  judge(e) {
    if (!e.configured) return notConfiguredVerdict('no browser was created', e.missing);
    if (e.refused) {
      const detail = e.refused.detail ? ` (${e.refused.detail})` : '';
      return verdictFrom(meta, [fail('client-key-rejected', `${e.url} answered ${e.refused.status} to the client key${detail}`, HINT.refused, e.url)]);
    }
    const findings = answerFindings(e);
    return verdictFrom(meta, findings, `browser ${e.answer?.ref ?? ''} created${e.answer?.customerRef ? ` for guest ${e.answer.customerRef}` : ''}`);
  },
};
