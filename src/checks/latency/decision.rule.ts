import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { verdictFrom } from '../verdict.js';
import type { LoadEvidence } from './evidence.js';
import { budget, describeRun, judgeRun, loadInput, ms, notConfigured, rate, requestFields, share, shareOf, urlParts } from './rule-kit.js';

export const DecisionOptions = z.strictObject({
  rate: rate('Average load: requests per second of the first run.').default(10),
  peakRate: rate('Peak load: requests per second of the second run (the busiest hour you expect, e.g. a campaign launch).').default(30),
  meanUnder: budget('Average load: the mean latency must be under this.').default('200ms'),
  p99Under: budget('Average load: the 99th percentile must be under this.').default('500ms'),
  peakP99Under: budget('Peak load: the 99th percentile must be under this (default: p99Under).').optional(),
  maxErrorRate: share(0.01, 'Most requests allowed to fail in each run (unexpected status, timeout, connection error): a share such as 0.01 or "1%".'),
  ...requestFields('POST'),
});
export type DecisionOptions = z.infer<typeof DecisionOptions>;

const meta: RuleMeta = {
  id: 'latency/decision',
  probe: 'latency/load',
  title: 'Decisions are fast enough at average and peak load',
  failureTitle: 'Decisions are too slow or fail under load',
  description:
    'Calls the decision endpoint (the Edge personalize call or the flow execution API) at a constant rate, first at the average load (`rate`) and then at the peak (`peakRate`), ' +
    'each for `duration` after a warm-up, and compares the mean and the 99th percentile with the budgets and the error rate with `maxErrorRate`. The load is open loop: ' +
    'requests leave on schedule whatever the answers do, and latency counts from each request\'s intended start, so a stalling decision model shows in full instead of ' +
    'slowing the test down. A page waits for its decision before showing personalised content, so a slow or failing model at peak means blank slots or fallback content on launch day. ' +
    'This sends real load: point it at staging or a production-like environment you own, with test guests in the body.',
  docs: 'docs/rules/latency/decision.md',
  targetHelp: 'the decision endpoint URL, e.g. https://edge-platform.sitecorecloud.io/v1/personalize?sitecoreContextId=…',
  examples: [
    { target: 'https://edge-platform.sitecorecloud.io/v1/personalize', with: { rate: 20, peakRate: 80, duration: '60s', meanUnder: '150ms', p99Under: '400ms', body: { channel: 'WEB', language: 'EN', currency: 'EUR', pointOfSale: 'shop-eu', friendlyId: 'home_hero', browserId: 'load-test-browser' } } },
    { target: 'https://api-engage-eu.sitecorecloud.io/v2/callFlows', with: { rate: 5, peakRate: 25, secretHeaders: { authorization: 'PERSONALIZE_AUTHORIZATION' } } },
  ],
};

const HINTS = {
  slow: 'open the decision model in Personalize and test it with a representative guest: the execution time per node shows the slow part; keep to about two data-system or AI nodes, cache what connections return, and check the connection timeouts',
  errors: 'the error kinds say why: status-5xx means the service fails under this load, timeout means answers slower than the timeout, connection errors mean connections are refused; fix it before launch or agree a lower peak',
};

export const decisionRule: Rule<UrlTarget, DecisionOptions, LoadEvidence> = {
  meta,
  ...urlParts,
  options: DecisionOptions,
  probeInput: (target, o) => loadInput(target, o, [o.rate, o.peakRate]),
  judge(e, o) {
    if (!e.configured) return notConfigured(e.missing);
    const [average, peak] = e.runs;
    const maxErrorRate = shareOf(o.maxErrorRate);
    const p99UnderMs = ms(o.p99Under);
    const findings: Finding[] = [];
    if (average) findings.push(...judgeRun(average.rate, average.stats, { meanUnderMs: ms(o.meanUnder), p99UnderMs, maxErrorRate }, '', HINTS, e.settings.url));
    if (peak) findings.push(...judgeRun(peak.rate, peak.stats, { p99UnderMs: o.peakP99Under ? ms(o.peakP99Under) : p99UnderMs, maxErrorRate }, 'peak-', HINTS, e.settings.url));
    return verdictFrom(meta, findings, e.runs.map((r) => describeRun(r.rate, r.stats)).join('; '));
  },
};
