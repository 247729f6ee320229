import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { CompareEvidence } from './evidence.js';
import type { CompareInput } from './inputs.js';
import { blockedLoad, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';

export const PerformanceOptions = pageOptions({
  maxLcpDeltaMs: z.number().min(0).default(500).describe('Largest Contentful Paint may be at most this many ms later with personalisation than without.'),
  maxTbtDeltaMs: z.number().min(0).default(200).describe('Total blocking time may grow by at most this many ms with personalisation.'),
  maxClsDelta: z.number().min(0).default(0.05).describe('Cumulative Layout Shift may grow by at most this much with personalisation (a slot that pushes content down shifts the layout).'),
  maxLcpMs: z.number().min(0).optional().describe('An absolute LCP budget with personalisation, in ms (2500 is "good" for Core Web Vitals); default: none.'),
});
export type PerformanceOptions = z.infer<typeof PerformanceOptions>;

const meta: RuleMeta = {
  id: 'page/performance',
  probe: 'page/compare',
  title: 'Personalisation costs the page little',
  failureTitle: 'Personalisation slows the page beyond its budget',
  description:
    'Loads the page twice in the same browser, one after the other: as visitors get it, and with every Sitecore call and SDK file blocked. ' +
    'It compares Largest Contentful Paint, Cumulative Layout Shift and total blocking time (long tasks after first paint, above 50 ms each), ' +
    'measured in the page with PerformanceObserver, and fails when the difference exceeds its budget. One load each: on a busy machine ' +
    'the figures vary, so budgets should leave room, and a failure is worth a second run before acting on it.',
  docs: 'docs/rules/page/performance.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { consent: '#accept', maxLcpDeltaMs: 300, maxLcpMs: 2500 } }],
};

function findings(e: CompareEvidence, o: PerformanceOptions): Finding[] {
  const n = e.normal.metrics;
  const b = e.blocked.metrics;
  const out: Finding[] = [];
  if (n.lcpMs === null || b.lcpMs === null) out.push(warn('lcp-not-measured', 'the browser reported no Largest Contentful Paint for one of the loads', 'LCP needs visible content; check the screenshots in the evidence', e.url));
  else if (n.lcpMs - b.lcpMs > o.maxLcpDeltaMs) out.push(fail('lcp-delta', `LCP ${n.lcpMs} ms with personalisation, ${b.lcpMs} ms without: +${n.lcpMs - b.lcpMs} ms (budget ${o.maxLcpDeltaMs} ms)`, 'load the SDK async, ask for the decision early, and do not hide the page while waiting for it', e.url));
  if (o.maxLcpMs !== undefined && n.lcpMs !== null && n.lcpMs > o.maxLcpMs) out.push(fail('lcp-over-budget', `LCP ${n.lcpMs} ms with personalisation (budget ${o.maxLcpMs} ms)`, 'find what delays the largest element (see the screenshot); personalisation adds its decision round trip', e.url));
  if (n.tbtMs - b.tbtMs > o.maxTbtDeltaMs) out.push(fail('tbt-delta', `total blocking time ${n.tbtMs} ms with personalisation, ${b.tbtMs} ms without (budget +${o.maxTbtDeltaMs} ms)`, 'the personalisation script blocks the main thread: defer it and keep rendering work small', e.url));
  const cls = Math.round((n.cls - b.cls) * 10000) / 10000;
  if (cls > o.maxClsDelta) out.push(fail('cls-delta', `CLS ${n.cls} with personalisation, ${b.cls} without: +${cls} (budget ${o.maxClsDelta})`, 'reserve the slot\'s space (min-height) so the offer does not push the page down when it arrives', e.url));
  return out;
}

export const performanceRule: Rule<UrlTarget, PerformanceOptions, CompareEvidence> = {
  meta,
  ...pageTarget,
  options: PerformanceOptions,
  probeInput: (t, o): CompareInput => {
    const { blocked: _blocked, ...input } = blockedLoad(t, o);
    return input;
  },
  judge: (e, o) => verdictFrom(meta, findings(e, o), `LCP ${e.normal.metrics.lcpMs ?? '?'} vs ${e.blocked.metrics.lcpMs ?? '?'} ms, CLS ${e.normal.metrics.cls} vs ${e.blocked.metrics.cls}, TBT ${e.normal.metrics.tbtMs} vs ${e.blocked.metrics.tbtMs} ms`),
};
