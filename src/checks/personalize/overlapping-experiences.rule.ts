import { z } from 'zod';
import type { Finding, Rule, RuleContext, RuleMeta } from '../types.js';
import { info, verdictFrom, warn } from '../verdict.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import type { FlowsInput } from './inputs.js';
import { apiInput, apiOptions, declarations, flowsOption, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { EVERY_PAGE, sharedPages, sharedWindow, type Window } from './pages.js';
import { count, dateOf, flowLabel, instant, isRunning, judgeable, listOf, selectFlows } from './rule-kit.js';

/** Pairs reported one by one; more are counted in one note. */
const MAX_PAIRS = 20;

export const OverlappingExperiencesOptions = z.strictObject({
  flows: flowsOption,
  undeclaredPages: z
    .enum(['every-page', 'skip'])
    .default('every-page')
    .describe('What a live web flow without declared pages counts as: every-page (as Personalize runs a web flow without page targeting everywhere) or skip (left out of the comparison).'),
  ...apiOptions,
});
export type OverlappingExperiencesOptions = z.infer<typeof OverlappingExperiencesOptions>;

const meta: RuleMeta = {
  id: 'personalize/overlapping-experiences',
  probe: 'personalize/flows',
  title: 'No two web experiences run on the same pages at the same time',
  failureTitle: 'Web experiences overlap on the same pages and dates',
  description:
    'Takes every live or scheduled web flow (`INTERACTIVE_WEB_FLOW`, experiences and experiments) from `GET /v3/flowDefinitions` and warns ' +
    'for each pair that runs on the same pages in the same period, naming both flows, the pages they share and the overlapping dates. ' +
    'Two web flows that change the same page fight over it: which one wins depends on their priority and timing, experiments lose ' +
    'visitors to the other flow, and results cannot be read. The API documents no page targeting, so the pages come from the `flows` ' +
    'option ({flow, pages}); a flow without declared pages counts as running on every page (`undeclaredPages`). ' + OPT_IN,
  docs: 'docs/rules/personalize/overlapping-experiences.md',
  targetHelp: TARGET_HELP,
  examples: [
    { target: 'eu', with: { flows: [{ flow: 'home_hero', pages: ['/'] }, { flow: 'pdp_badges', pages: ['/products/*'] }] } },
    { target: 'eu', with: { undeclaredPages: 'skip' } },
  ],
};

const HINT = 'make sure only one of them changes these pages at a time: narrow the page targeting, move one schedule, or set their priority in Personalize on purpose; declare the pages each flow runs on in the flows option so golive compares them';

interface Placed {
  flow: Flow;
  pages: string[];
  declared: boolean;
  window: Window;
}

function windowOf(f: Flow): Window {
  return { start: dateOf(f.schedule?.startDate)?.getTime() ?? -Infinity, end: dateOf(f.schedule?.endDate)?.getTime() ?? Infinity };
}

function when(w: Window, ctx: RuleContext): string {
  const from = Number.isFinite(w.start) ? `from ${instant(new Date(w.start))}` : `already (no start date; seen ${instant(ctx.now)})`;
  return `${from} ${Number.isFinite(w.end) ? `to ${instant(new Date(w.end))}` : 'with no end date'}`;
}

function pairFinding(a: Placed, b: Placed, ctx: RuleContext): Finding | undefined {
  const pages = sharedPages(a.pages, b.pages);
  const w = sharedWindow(a.window, b.window);
  if (pages.length === 0 || !w || w.end <= ctx.now.getTime()) return undefined;
  const assumed = [a, b].filter((p) => !p.declared).map((p) => flowLabel(p.flow));
  const note = assumed.length > 0 ? ` (no pages declared for ${assumed.join(' and ')}: every page assumed)` : '';
  const where = pages.includes(EVERY_PAGE) ? 'every page' : listOf(pages, 5);
  return warn('experiences-overlap', `${flowLabel(a.flow)} and ${flowLabel(b.flow)} both run on ${where} ${when(w, ctx)}${note}`, HINT, `${a.flow.friendlyId ?? a.flow.ref} + ${b.flow.friendlyId ?? b.flow.ref}`);
}

function placed(all: Flow[], options: OverlappingExperiencesOptions): { flows: Placed[]; left: number } {
  const declared = new Map(selectFlows(all, declarations(options.flows)).flows.map((x) => [x.flow.ref, x.declared?.pages]));
  const web = all.filter((f) => isRunning(f) && (f.type ?? '').toUpperCase() === 'INTERACTIVE_WEB_FLOW');
  const flows = web
    .map((flow) => ({ flow, pages: declared.get(flow.ref) ?? [], declared: declared.get(flow.ref) !== undefined, window: windowOf(flow) }))
    .filter((p) => p.declared || options.undeclaredPages === 'every-page')
    .map((p) => (p.declared ? p : { ...p, pages: [EVERY_PAGE] }));
  return { flows, left: web.length - flows.length };
}

export const overlappingExperiencesRule: Rule<ApiTarget, OverlappingExperiencesOptions, FlowsEvidence> = {
  meta,
  ...targetParts,
  options: OverlappingExperiencesOptions,
  probeInput: (target, options): FlowsInput => apiInput(target, options),
  judge(e, options, ctx) {
    const j = judgeable(meta, e, options, 'no web experience was compared');
    if ('verdict' in j) return j.verdict;
    const { flows, left } = placed(j.evidence.flows, options);
    const pairs: Finding[] = [];
    flows.forEach((a, i) => flows.slice(i + 1).forEach((b) => {
      const f = pairFinding(a, b, ctx);
      if (f) pairs.push(f);
    }));
    const findings = pairs.slice(0, MAX_PAIRS);
    if (pairs.length > MAX_PAIRS) findings.push(info('more-overlaps', `${pairs.length - MAX_PAIRS} more overlapping pairs not listed`));
    if (left > 0) findings.push(info('pages-not-declared', `${count(left, 'live web flow')} without declared pages left out (undeclaredPages: skip)`));
    return verdictFrom(meta, findings, `${count(flows.length, 'live or scheduled web flow')} compared, none overlapping`);
  },
};
