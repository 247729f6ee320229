import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Rule, RuleMeta } from '../types.js';
import { verdictFrom } from '../verdict.js';
import type { LoadEvidence } from './evidence.js';
import { budget, describeRun, judgeRun, loadInput, ms, notConfigured, rate, requestFields, share, shareOf, urlParts } from './rule-kit.js';

export const EndpointOptions = z.strictObject({
  rate: rate('Requests per second: the calls decisions make to this endpoint at peak (decisions per second × calls per decision).').default(10),
  meanUnder: budget('The mean latency must be under this.').default('100ms'),
  p99Under: budget('The 99th percentile must be under this; keep it well under the connection timeout set in Personalize.').default('300ms'),
  maxErrorRate: share(0.01, 'Most requests allowed to fail (unexpected status, timeout, connection error): a share such as 0.01 or "1%".'),
  ...requestFields('GET'),
});
export type EndpointOptions = z.infer<typeof EndpointOptions>;

const meta: RuleMeta = {
  id: 'latency/endpoint',
  probe: 'latency/load',
  title: 'A third-party endpoint used by decisions is fast enough under load',
  failureTitle: 'A third-party endpoint used by decisions is too slow or fails under load',
  description:
    'Calls an external endpoint that decision models read through a connection (a recommendation service, a loyalty or stock API) at a constant rate for `duration` ' +
    'after a warm-up, and compares the mean and the 99th percentile with the budgets and the error rate with `maxErrorRate`. A decision waits for its connections, so ' +
    'the endpoint\'s tail latency becomes the decision\'s, and a connection that times out leaves the model without its data. Open loop, latency from each ' +
    'request\'s intended start. Point it only at endpoints you may load, with their owner\'s consent.',
  docs: 'docs/rules/latency/endpoint.md',
  targetHelp: 'the endpoint URL as the connection calls it, e.g. https://reco.example.com/v1/recommendations?guest=test',
  examples: [
    { target: 'https://reco.example.com/v1/recommendations?guest=load-test', with: { rate: 40, p99Under: '250ms', secretHeaders: { 'x-api-key': 'RECO_API_KEY' } } },
  ],
};

const HINTS = {
  slow: 'ask the endpoint\'s owner for its latency at this rate, put a cache in front of it, or move the call out of the decision path; then set the connection timeout in Personalize below the decision budget',
  errors: 'the error kinds say why: status-5xx means the endpoint fails under this load (or rate-limits with 429: status-unexpected), timeout means answers slower than the timeout, connection errors mean it refuses connections; agree limits with its owner before launch',
};

export const endpointRule: Rule<UrlTarget, EndpointOptions, LoadEvidence> = {
  meta,
  ...urlParts,
  options: EndpointOptions,
  probeInput: (target, o) => loadInput(target, o, [o.rate]),
  judge(e, o) {
    if (!e.configured) return notConfigured(e.missing);
    const findings = e.runs.flatMap((r) => judgeRun(r.rate, r.stats, { meanUnderMs: ms(o.meanUnder), p99UnderMs: ms(o.p99Under), maxErrorRate: shareOf(o.maxErrorRate) }, '', HINTS, e.settings.url));
    return verdictFrom(meta, findings, e.runs.map((r) => describeRun(r.rate, r.stats)).join('; '));
  },
};
