import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import type { FlowsInput } from './inputs.js';
import { apiInput, apiOptions, declarations, flowsOption, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { count, flowLabel, judgeable, listOf, selectFlows } from './rule-kit.js';

/** Shares are percentages with decimals: a sum within this of 100 counts as 100. */
const TOLERANCE = 0.01;

export const TrafficSplitsOptions = z.strictObject({ flows: flowsOption, ...apiOptions });
export type TrafficSplitsOptions = z.infer<typeof TrafficSplitsOptions>;

const meta: RuleMeta = {
  id: 'personalize/traffic-splits',
  probe: 'personalize/flows',
  title: 'Traffic allocation and splits add up',
  failureTitle: 'Traffic allocation or splits do not add up',
  description:
    'Reads the `traffic` of each flow the site calls (the `flows` option; without it, every live or scheduled flow) from ' +
    '`GET /v3/flowDefinitions`: the allocation must be above 0 and at most 100 percent, and the splits between variants (the control ' +
    'included) must add up to 100. An experiment whose splits add to 90 leaves a tenth of its traffic unserved or skews the comparison; ' +
    'an allocation of 0 sends nobody. The shape of a split entry is not documented: golive reads a number, or an object with a share ' +
    '(`split`, `percentage`, `value`, `weight`) and a variant (`ref`, `variantRef`), and says so when it cannot read one. ' + OPT_IN,
  docs: 'docs/rules/personalize/traffic-splits.md',
  targetHelp: TARGET_HELP,
  examples: [{ target: 'eu', with: { flows: ['pdp_layout_test'] } }, { target: 'eu' }],
};

const HINT = {
  sum: 'edit the experiment\'s traffic in Personalize so the variants and the control together get exactly 100%',
  allocation: 'set the traffic allocation between 1 and 100% in the flow\'s settings',
  unreadable: 'golive could not read a share from the split entries; open the experiment\'s traffic settings and check the split by eye',
  missing: 'the experiment has several variants but no split: set the share of each variant in its traffic settings',
  unknownVariant: 'a split names a variant the flow does not have: edit the traffic settings so every share goes to an existing variant',
};

function allocationFindings(f: Flow, label: string, subject: string): Finding[] {
  const a = f.traffic?.allocation;
  if (a === undefined) return [info('allocation-unknown', `${label} has no traffic allocation in the answer`, subject)];
  if (a === 0) return [fail('no-traffic', `${label} allocates 0% of traffic`, HINT.allocation, subject)];
  if (a < 0 || a > 100) return [fail('allocation-out-of-range', `${label} allocates ${a}% of traffic`, HINT.allocation, subject)];
  return [];
}

function splitFindings(f: Flow, label: string, subject: string): Finding[] {
  const splits = f.traffic?.splits ?? [];
  if (splits.length === 0) {
    const experiment = (f.subtype ?? '').toUpperCase() === 'EXPERIMENT' && f.variants.length > 1;
    return experiment ? [warn('splits-missing', `${label} has ${f.variants.length} variants but no traffic split`, HINT.missing, subject)] : [];
  }
  const shares = splits.map((s) => s.percent);
  if (shares.some((p) => p === undefined)) return [warn('splits-unreadable', `${label} has split entries without a share golive can read`, HINT.unreadable, subject)];
  const out: Finding[] = [];
  const sum = (shares as number[]).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > TOLERANCE || shares.some((p) => p! < 0)) out.push(fail('splits-not-100', `${label} splits traffic ${(shares as number[]).join(' + ')} = ${Math.round(sum * 100) / 100}%`, HINT.sum, subject));
  const refs = new Set(f.variants.flatMap((v) => [v.ref, v.name]).filter((x): x is string => x !== undefined));
  const strangers = splits.map((s) => s.variant).filter((v): v is string => v !== undefined && refs.size > 0 && !refs.has(v));
  if (strangers.length > 0) out.push(warn('split-unknown-variant', `${label} has splits for variants it does not list: ${listOf(strangers)}`, HINT.unknownVariant, subject));
  return out;
}

export const trafficSplitsRule: Rule<ApiTarget, TrafficSplitsOptions, FlowsEvidence> = {
  meta,
  ...targetParts,
  options: TrafficSplitsOptions,
  probeInput: (target, options): FlowsInput => apiInput(target, options),
  judge(e, options) {
    const j = judgeable(meta, e, options, 'no traffic setting was read');
    if ('verdict' in j) return j.verdict;
    const { flows, notes } = selectFlows(j.evidence.flows, declarations(options.flows));
    const findings = flows.flatMap(({ flow }) => {
      const label = flowLabel(flow);
      const subject = flow.friendlyId ?? flow.ref;
      return [...allocationFindings(flow, label, subject), ...splitFindings(flow, label, subject)];
    });
    return verdictFrom(meta, [...findings, ...notes], `${count(flows.length, 'flow')} with sane allocation and splits`);
  },
};
