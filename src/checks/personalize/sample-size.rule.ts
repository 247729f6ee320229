import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import type { FlowsInput } from './inputs.js';
import { apiInput, apiOptions, declarations, flowsOption, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { count, flowLabel, judgeable, selectFlows } from './rule-kit.js';

export const SampleSizeOptions = z.strictObject({
  flows: flowsOption,
  minConfidenceLevel: z.number().gt(0).lt(1).default(0.9).describe('Lowest confidence level accepted, as a share (0.9 = 90%); below it the experiment warns.'),
  ...apiOptions,
});
export type SampleSizeOptions = z.infer<typeof SampleSizeOptions>;

const meta: RuleMeta = {
  id: 'personalize/sample-size',
  probe: 'personalize/flows',
  title: 'Every experiment has a sample-size configuration',
  failureTitle: 'An experiment has no usable sample-size configuration',
  description:
    'Reads the `sampleSizeConfig` of each experiment (`subtype: EXPERIMENT`) among the flows the site calls (the `flows` option; without ' +
    'it, every live or scheduled flow) from `GET /v3/flowDefinitions`: `baseValue` (the baseline conversion rate, a share between 0 and 1), ' +
    '`minimumDetectableDifference` (above 0) and `confidenceLevel` (between 0 and 1, at least `minConfidenceLevel`). Without them ' +
    'Personalize cannot say when the experiment has enough visitors to call a winner, and a test stopped early reports noise as a result. ' + OPT_IN,
  docs: 'docs/rules/personalize/sample-size.md',
  targetHelp: TARGET_HELP,
  examples: [{ target: 'eu', with: { flows: ['pdp_layout_test'], minConfidenceLevel: 0.95 } }, { target: 'eu' }],
};

const HINT = {
  missing: 'open the experiment\'s primary goal in Personalize and set the baseline conversion rate, the minimum detectable difference and the confidence level',
  invalid: 'correct the value in the experiment\'s sample-size settings: the baseline and the confidence level are shares between 0 and 1 (e.g. 0.02 and 0.95), the difference is above 0 (e.g. 0.1 for 10%)',
  low: 'raise the confidence level (95% is usual), or lower minConfidenceLevel if the team accepts more false winners',
};

type Config = NonNullable<Flow['sampleSize']>;
const CHECKS: { key: keyof Config; ok: (v: number) => boolean; what: string }[] = [
  { key: 'baseValue', ok: (v) => v > 0 && v < 1, what: 'a share between 0 and 1' },
  { key: 'minimumDetectableDifference', ok: (v) => v > 0, what: 'above 0' },
  { key: 'confidenceLevel', ok: (v) => v > 0 && v < 1, what: 'a share between 0 and 1' },
];

function experimentFindings(f: Flow, minConfidence: number): Finding[] {
  const label = flowLabel(f);
  const subject = f.friendlyId ?? f.ref;
  const c = f.sampleSize;
  if (!c) return [fail('sample-size-missing', `${label} is an experiment without a sample-size configuration`, HINT.missing, subject)];
  const out: Finding[] = [];
  for (const check of CHECKS) {
    const v = c[check.key];
    if (v === undefined) out.push(fail('sample-size-missing', `${label} has no ${check.key} in its sample-size configuration`, HINT.missing, subject));
    else if (!check.ok(v)) out.push(fail('sample-size-invalid', `${label} has ${check.key} ${v}; expected ${check.what}`, HINT.invalid, subject));
  }
  const confidence = c.confidenceLevel;
  if (out.length === 0 && confidence !== undefined && confidence < minConfidence) out.push(warn('low-confidence', `${label} decides at ${Math.round(confidence * 1000) / 10}% confidence, below ${Math.round(minConfidence * 1000) / 10}%`, HINT.low, subject));
  return out;
}

export const sampleSizeRule: Rule<ApiTarget, SampleSizeOptions, FlowsEvidence> = {
  meta,
  ...targetParts,
  options: SampleSizeOptions,
  probeInput: (target, options): FlowsInput => apiInput(target, options),
  judge(e, options) {
    const j = judgeable(meta, e, options, 'no experiment was read');
    if ('verdict' in j) return j.verdict;
    const { flows, notes } = selectFlows(j.evidence.flows, declarations(options.flows));
    const experiments = flows.map((x) => x.flow).filter((f) => (f.subtype ?? '').toUpperCase() === 'EXPERIMENT');
    const findings = experiments.flatMap((f) => experimentFindings(f, options.minConfidenceLevel));
    if (experiments.length === 0) findings.push(info('no-experiments', `none of the ${count(flows.length, 'flow')} judged is an experiment`));
    return verdictFrom(meta, [...findings, ...notes], `${count(experiments.length, 'experiment')} with a sample-size configuration`);
  },
};
