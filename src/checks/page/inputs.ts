import { z } from 'zod';
import { Step } from '../../browser/steps.js';

/**
 * What a page check loads, shared by every page rule. Rules of one page that give the same page
 * options share one load (and the fallback and performance rules one blocked load): the runner
 * runs each distinct probe input once. A YAML anchor keeps them equal.
 */
export const SlotSpec = z.strictObject({
  name: z.string().min(1).describe('A name for reports, e.g. hero.'),
  selector: z.string().min(1).describe('CSS selector of the slot\'s container, e.g. #hero.'),
  filled: z.string().min(1).optional().describe('A selector inside the slot that appears only with personalised content, e.g. [data-variant]; default: any text or image.'),
}).describe('A place on the page that personalised content fills.');
export type SlotSpec = z.infer<typeof SlotSpec>;

export const pageOptionShape = {
  consent: z.string().min(1).optional()
    .describe('Selector of the consent banner\'s accept button, clicked first after the page loads; page/consent checks that nothing was tracked before it.'),
  steps: z.array(Step).default([])
    .describe('A short journey after the page loaded (and consent): {goto}, {click}, {fill, value|secret}, {waitFor}, {wait}, e.g. a login that sends IDENTITY or an add-to-cart that sends ADD.'),
  slots: z.array(SlotSpec).default([])
    .describe('Personalised slots to watch: when each first has content, what it shows, its links and images.'),
  block: z.array(z.string().min(1)).default([])
    .describe('More hosts or URL prefixes to block in the comparison without personalisation (Sitecore\'s calls, SDK files and hosts are always blocked), e.g. tags.example.com/sitecore.'),
  slotWaitMs: z.number().int().min(0).max(60_000).default(5000)
    .describe('How long the check waits for the declared slots to fill, in ms.'),
  settleMs: z.number().int().min(0).max(30_000).default(3000)
    .describe('After the journey, how long the check waits at most for the network to be quiet, in ms.'),
  stepTimeoutMs: z.number().int().min(100).max(60_000).default(5000)
    .describe('How long a journey step waits for its element, in ms.'),
};

/** The page options as parsed (the shape every page rule's options contain). */
export const PageOptions = z.object(pageOptionShape);
export type PageOptions = z.infer<typeof PageOptions>;

export const PageInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  consent: z.string().min(1).optional(),
  steps: z.array(Step),
  slots: z.array(SlotSpec),
  /** Without personalisation: Sitecore's calls and scripts (and `block`) aborted. */
  blocked: z.boolean(),
  block: z.array(z.string()),
  slotWaitMs: z.number().int().min(0),
  settleMs: z.number().int().min(0),
  stepTimeoutMs: z.number().int().min(0),
});
export type PageInput = z.infer<typeof PageInput>;

/** The probe input of a page load; `block` matters only to a blocked load, so a normal load leaves it out. */
export function pageInput(url: string, o: PageOptions, blocked: boolean): PageInput {
  return {
    url, ...(o.consent !== undefined ? { consent: o.consent } : {}), steps: o.steps, slots: o.slots, blocked, block: blocked ? o.block : [],
    slotWaitMs: o.slotWaitMs, settleMs: o.settleMs, stepTimeoutMs: o.stepTimeoutMs,
  };
}

export const CompareInput = PageInput.omit({ blocked: true });
export type CompareInput = z.infer<typeof CompareInput>;
