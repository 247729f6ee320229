import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { EventCheck, PageEvidence } from './evidence.js';
import { callFailed, callUnanswered, describeCall, eventType, journeyFindings, normalLoad, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';
import { matcher } from '../data/rule-kit.js';

export const EventsOptions = pageOptions({
  expect: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, { message: 'expected an uppercase event type such as VIEW' })).default(['VIEW'])
    .describe('Event types the page and its journey must send, e.g. [VIEW, IDENTITY, ADD].'),
  rules: z.array(z.string().min(1)).default([])
    .describe('Event rules to judge (ids of golive data validate, * as a wildcard, e.g. events/language-*); empty = every rule.'),
});
export type EventsOptions = z.infer<typeof EventsOptions>;

const meta: RuleMeta = {
  id: 'page/events',
  probe: 'page/load',
  title: 'The page sends the expected events in the platform\'s formats',
  failureTitle: 'The page\'s events are missing or break the platform\'s formats',
  description:
    'Captures the events the page and its declared journey send (the JSON bodies of the Cloud SDK\'s `/v1/events/v1.2/events` and the Engage ' +
    'SDK\'s `/v1.2/events` calls) and validates them with the event rules of golive data validate: uppercase types, channel, ISO 639-1 ' +
    'language and ISO 4217 currency (against the languages and currencies declared under `cdp:`), UUID browser IDs, ADD product fields, ' +
    'IDENTITY identifiers and providers. It also checks that every expected type was sent (VIEW on load, IDENTITY after a login step, ADD after ' +
    'add-to-cart) and accepted. The platform takes most wrong values silently; this is the last chance to see them before real traffic. ' +
    'Cloud SDK events carry `pos: ""` by design (the Edge fills it from the context ID), so the point-of-sale rules are not applied to them.',
  docs: 'docs/rules/page/events.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { consent: '#accept', expect: ['VIEW'] } },
    { target: 'https://www.example.com/login', with: { steps: [{ fill: '#email', value: 'anna.test@example.com' }, { fill: '#password', secret: 'SHOP_TEST_PASSWORD' }, { click: '#login' }], expect: ['VIEW', 'IDENTITY'] } }],
};


function checkFinding(c: EventCheck): Finding {
  const example = c.example === undefined ? '' : `, e.g. ${c.example === null ? '(missing)' : JSON.stringify(c.example)}`;
  const message = `${c.title}${c.subject ? ` (${c.subject})` : ''}: ${c.violations} of ${c.applicable} event(s)${example}`;
  const hint = `fix the values the page passes to the SDK; golive rules data/events and docs/sitecore-cdp.md explain ${c.id}`;
  return (c.severity === 'fail' ? fail : warn)(c.id.split('/').pop() ?? c.id, message, hint);
}

function findings(e: PageEvidence, o: EventsOptions): Finding[] {
  const out = journeyFindings(e);
  const events = e.calls.filter((c) => c.kind === 'events');
  const sent = new Set(events.map(eventType));
  for (const type of o.expect.filter((t) => !sent.has(t))) {
    out.push(fail('event-missing', `no ${type} event was sent`, type === 'IDENTITY' ? 'send identity() after login or sign-up, and declare the login steps' : `send the ${type} event (declare the journey step that triggers it)`, e.url));
  }
  for (const c of events.filter(callFailed).slice(0, 3)) out.push(fail('event-rejected', `the Edge did not accept ${describeCall(c)}`, 'check the event against the platform\'s formats and the SDK settings (context ID, site name)', c.url));
  for (const c of events.filter(callUnanswered).slice(0, 3)) out.push(fail('event-unanswered', `the Edge did not answer ${describeCall(c)} before the page was captured`, 'check that the Edge host is reachable from the page (proxy, firewall, CSP) and answers quickly; raise settleMs if the page is only slow', c.url));
  const patterns = o.rules.map(matcher);
  const selected = e.events.checks.filter((c) => patterns.length === 0 || patterns.some((p) => p.test(c.id)));
  out.push(...selected.filter((c) => c.violations > 0).map(checkFinding));
  for (const p of o.rules.filter((r) => !e.events.checks.some((c) => matcher(r).test(c.id)) && !e.events.skipped.some((s) => matcher(r).test(s.id)) && e.events.sent > 0)) {
    out.push(fail('unknown-rule', `no event rule matches ${p}`, `use ids such as ${e.events.checks.slice(0, 4).map((c) => c.id).join(', ')}`));
  }
  for (const s of e.events.skipped) out.push(info('rule-not-applied', `${s.id} not applied: ${s.reason}`));
  return out;
}

export const eventsRule: Rule<UrlTarget, EventsOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: EventsOptions,
  probeInput: normalLoad,
  judge: (e, o) => verdictFrom(meta, findings(e, o), `${e.events.sent} event(s) (${e.events.types.join(', ') || 'none'}), ${e.events.checks.length} rules`),
};
