import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { PageEvidence } from './evidence.js';
import { blockedLoad, callFailed, describeCall, journeyFindings, notDeclared, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';
import { SDK_ERROR } from './sitecore.js';

export const FallbackOptions = pageOptions({
  budgetMs: z.number().int().min(0).default(3000).describe('Each slot must show its fallback content within this many ms after its page started loading.'),
});
export type FallbackOptions = z.infer<typeof FallbackOptions>;

const meta: RuleMeta = {
  id: 'page/fallback',
  probe: 'page/load',
  title: 'Without personalisation the slots show fallback content',
  failureTitle: 'Without personalisation the page breaks or slots stay empty',
  description:
    'Loads the page with every Sitecore call and SDK file blocked (the Edge, `/v1/events`, `/v1/personalize`, `/v2/callFlows`, ' +
    '`engage.min.js`, Sitecore\'s hosts, plus the hosts in `block`), as when the script fails, an ad blocker strikes or the platform is ' +
    'down. Every declared slot must still get content (the fallback) within `budgetMs`, and the page must throw no uncaught error of its ' +
    'own. Uncaught errors the SDK raises itself (codes like [IE-0003]) are warnings: the page survives them, but they should be caught.',
  docs: 'docs/rules/page/fallback.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { slots: [{ name: 'hero', selector: '#hero' }], block: ['tags.example.com'] } }],
};

const HINT = 'render default content in the slot when the decision is null, fails or times out (personalize() with a timeout, in try/catch)';

function findings(e: PageEvidence, o: FallbackOptions): Finding[] {
  const out = journeyFindings(e);
  for (const s of e.slots) {
    if (!s.found) out.push(fail('slot-missing', `slot ${s.name} is not on the page without personalisation`, 'render the slot\'s container in the page itself, not from the personalisation script', e.url));
    else if (s.filledAtMs === undefined) out.push(fail('no-fallback-content', `slot ${s.name} stayed empty without personalisation`, HINT, e.url));
    else if (s.filledAtMs > o.budgetMs) out.push(fail('fallback-slow', `slot ${s.name} showed its fallback after ${s.filledAtMs} ms (budget ${o.budgetMs} ms)`, 'fall back as soon as the call fails, and set a decision timeout', e.url));
  }
  for (const err of e.errors) {
    if (SDK_ERROR.test(err.message)) out.push(warn('sdk-error-uncaught', `uncaught Sitecore SDK error: ${err.message.slice(0, 160)}`, 'wrap SDK calls (initialize, pageView, personalize) in try/catch or .catch()', e.url));
    else out.push(fail('page-error', `uncaught error without personalisation: ${err.message.slice(0, 200)}`, 'guard the code that reads the SDK or its answers: it must survive a missing script and a null decision', e.url));
  }
  const leaked = e.calls.filter((c) => !c.blocked && !callFailed(c));
  if (leaked.length > 0) out.push(warn('not-fully-blocked', `${leaked.length} Sitecore call(s) still answered, first ${describeCall(leaked[0]!)}`, 'add the host that serves them to block', leaked[0]!.url));
  out.push(info('blocked', `${e.requests.list.filter((r) => r.blocked).length} request(s) blocked`, e.url));
  return out;
}

export const fallbackRule: Rule<UrlTarget, FallbackOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: FallbackOptions,
  probeInput: blockedLoad,
  judge: (e, o) => (e.slots.length === 0
    ? notDeclared(meta, 'no slots declared', 'declare the personalised slots, e.g. slots: [{name: hero, selector: "#hero"}]')
    : verdictFrom(meta, findings(e, o), e.slots.map((s) => `${s.name} fallback in ${s.filledAtMs ?? '?'} ms`).join(', '))),
};
