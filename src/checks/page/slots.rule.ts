import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { PageEvidence } from './evidence.js';
import { friendlyId, journeyFindings, normalLoad, notDeclared, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';

export const SlotsOptions = pageOptions({
  budgetMs: z.number().int().min(0).default(3000).describe('Each slot must have its content within this many ms after its page started loading.'),
});
export type SlotsOptions = z.infer<typeof SlotsOptions>;

const meta: RuleMeta = {
  id: 'page/slots',
  probe: 'page/load',
  title: 'Personalised slots are present and filled in time',
  failureTitle: 'Personalised slots are missing, empty or late',
  description:
    'Watches the declared slots (a container selector, optionally a selector that marks personalised content) from the first byte of the page: ' +
    'each must exist, become visible, and get its content within `budgetMs`. It also records what each slot showed (its data-variant, ' +
    'data-experience and similar attributes) and what the decision calls answered, so the exposure to an experiment\'s variants is in the ' +
    'evidence. An empty hero or a slot that flickers in after seconds costs conversions on every visit.',
  docs: 'docs/rules/page/slots.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { consent: '#accept', slots: [{ name: 'hero', selector: '#hero', filled: '[data-variant]' }], budgetMs: 2000 } }],
};

function findings(e: PageEvidence, o: SlotsOptions): Finding[] {
  const out = journeyFindings(e);
  for (const s of e.slots) {
    if (!s.found) out.push(fail('slot-missing', `slot ${s.name}: no element matches its selector`, 'check the slot\'s selector against the page, or the template that renders the slot', e.url));
    else if (s.filledAtMs === undefined) out.push(fail('slot-not-filled', `slot ${s.name} stayed empty`, 'check that the page renders the decision into the slot (the decision calls and their answers are in the evidence)', e.url));
    else if (s.filledAtMs > o.budgetMs) out.push(fail('slot-slow', `slot ${s.name} was filled after ${s.filledAtMs} ms (budget ${o.budgetMs} ms)`, 'ask for the decision earlier (right after the VIEW), set a decision timeout, and render fallback content meanwhile', e.url));
    else if (s.visible === false) out.push(warn('slot-hidden', `slot ${s.name} has content but is not visible`, 'check the slot\'s styles (display, size, visibility)', e.url));
    const shown = Object.entries(s.attributes ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    if (shown) out.push(info('variant-shown', `slot ${s.name} showed ${shown}`, e.url));
  }
  for (const d of e.calls.filter((c) => c.kind === 'decision' && c.response !== undefined).slice(0, 5)) {
    out.push(info('decision-answer', `decision ${friendlyId(d) ?? ''} answered ${JSON.stringify(d.response).slice(0, 200)}`, d.url));
  }
  return out;
}

export const slotsRule: Rule<UrlTarget, SlotsOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: SlotsOptions,
  probeInput: normalLoad,
  judge: (e, o) => (e.slots.length === 0
    ? notDeclared(meta, 'no slots declared', 'declare the personalised slots, e.g. slots: [{name: hero, selector: "#hero"}]')
    : verdictFrom(meta, findings(e, o), e.slots.map((s) => `${s.name} in ${s.filledAtMs ?? '?'} ms`).join(', '))),
};
