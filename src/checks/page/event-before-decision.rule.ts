import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { PageEvidence, SitecoreCall } from './evidence.js';
import { eventType, friendlyId, journeyFindings, normalLoad, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';

export const EventBeforeDecisionOptions = pageOptions({
  identityBefore: z.array(z.string().regex(/^[a-z0-9_]+$/, { message: 'expected a flow friendlyId such as member_offers' })).default([])
    .describe('Flows (friendlyId) that must be asked for only after an IDENTITY event, e.g. decisions for logged-in visitors.'),
});
export type EventBeforeDecisionOptions = z.infer<typeof EventBeforeDecisionOptions>;

const meta: RuleMeta = {
  id: 'page/event-before-decision',
  probe: 'page/load',
  title: 'VIEW (and IDENTITY where declared) is sent before each decision',
  failureTitle: 'A decision is asked for before the events it depends on',
  description:
    'Orders the page\'s Sitecore calls by the browser\'s own start times: every decision call (Cloud SDK `/v1/personalize`, Engage `/v2/callFlows`) ' +
    'must come after a VIEW sent by the same page, and the flows named in `identityBefore` after an IDENTITY event. A decision made before ' +
    'the VIEW is made for a session the platform has not seen yet, and one made before IDENTITY decides for an anonymous visitor: the ' +
    'experience targets the wrong audience even though every call succeeds.',
  docs: 'docs/rules/page/event-before-decision.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { consent: '#accept' } }, { target: 'https://www.example.com/login', with: { identityBefore: ['member_offers'] } }],
};

const before = (events: SitecoreCall[], type: string, d: SitecoreCall, sameDocument: boolean) =>
  events.some((c) => eventType(c) === type && c.startMs <= d.startMs && (!sameDocument || c.document === d.document));

function findings(e: PageEvidence, o: EventBeforeDecisionOptions): Finding[] {
  const out = journeyFindings(e);
  const events = e.calls.filter((c) => c.kind === 'events');
  const decisions = e.calls.filter((c) => c.kind === 'decision');
  if (decisions.length === 0) return [...out, warn('no-decision', 'the page asked for no decision', 'declare the consent step and journey that lead to a decision, or attach this rule to a page with personalised content', e.url)];
  for (const d of decisions) {
    const flow = friendlyId(d) ?? '(flow)';
    if (!before(events, 'VIEW', d, true)) out.push(fail('decision-before-view', `the decision for ${flow} was asked for at ${d.startMs} ms, before any VIEW on that page`, 'await pageView() before personalize() (Engage: pageView before callFlows)', d.url));
    if (o.identityBefore.includes(flow) && !before(events, 'IDENTITY', d, false)) out.push(fail('decision-before-identity', `the decision for ${flow} was asked for before an IDENTITY event`, 'send identity() after login and await it before asking for member decisions', d.url));
  }
  for (const flow of o.identityBefore.filter((f) => !decisions.some((d) => friendlyId(d) === f))) out.push(fail('decision-not-called', `no decision for ${flow} was asked for`, 'declare the journey that leads to this decision (e.g. the login steps)', e.url));
  return out;
}

export const eventBeforeDecisionRule: Rule<UrlTarget, EventBeforeDecisionOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: EventBeforeDecisionOptions,
  probeInput: normalLoad,
  judge: (e, o) => verdictFrom(meta, findings(e, o), `${e.calls.filter((c) => c.kind === 'decision').length} decision(s), each after its page's VIEW`),
};
