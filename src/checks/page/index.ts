import type { AnyProbe, AnyRule } from '../types.js';
import { consentRule } from './consent.rule.js';
import { eventBeforeDecisionRule } from './event-before-decision.rule.js';
import { eventsRule } from './events.rule.js';
import { fallbackRule } from './fallback.rule.js';
import { htmlLangRule } from './html-lang.rule.js';
import { offerContentRule } from './offer-content.rule.js';
import { performanceRule } from './performance.rule.js';
import { scriptHealthRule } from './script-health.rule.js';
import { slotsRule } from './slots.rule.js';
import { tagAbsentRule } from './tag-absent.rule.js';
import { tagPresentRule } from './tag-present.rule.js';

/** The page pack: pages checked in Debian's Chromium for the Sitecore script; probes (and playwright) loaded on demand. */
export const rules: AnyRule[] = [
  tagPresentRule, tagAbsentRule, scriptHealthRule, htmlLangRule, eventsRule, eventBeforeDecisionRule,
  consentRule, slotsRule, fallbackRule, performanceRule, offerContentRule,
];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
