import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import type { FlowsInput } from './inputs.js';
import { apiInput, apiOptions, declarations, flowsOption, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { count, findFlow, flowLabel, judgeable, listOf } from './rule-kit.js';

export const FlowsLiveOptions = z.strictObject({ flows: flowsOption, ...apiOptions });
export type FlowsLiveOptions = z.infer<typeof FlowsLiveOptions>;

const meta: RuleMeta = {
  id: 'personalize/flows-live',
  probe: 'personalize/flows',
  title: 'Every flow the site calls exists and is live or scheduled',
  failureTitle: 'A flow the site calls is missing or not live',
  description:
    'Lists the flow definitions with `GET /v3/flowDefinitions` and finds each flow the site calls (declared in `flows` by friendly ID, as the ' +
    'code passes it to the personalize call, or by name). Each must exist, not be archived, and be `LIVE` or `SCHEDULED` (`PRODUCTION` counts ' +
    'as live; `PUBLISHING` warns, as it is on its way). A flow left in `DRAFT`, `PAUSED` or `COMPLETED` answers nothing on launch day: the ' +
    'slot shows its fallback, or nothing, and experiments collect no data. ' + OPT_IN,
  docs: 'docs/rules/personalize/flows-live.md',
  targetHelp: TARGET_HELP,
  examples: [
    { target: 'eu', with: { flows: ['home_hero', 'cart_cross_sell'] } },
    { target: 'https://api-engage-us.sitecorecloud.io', with: { flows: ['checkout_banner'], auth: 'basic', apiKeyVariable: 'SITECORE_CDP_CLIENT_KEY', apiSecretVariable: 'SITECORE_CDP_API_TOKEN' } },
  ],
};

const STATUS: Record<string, { severity: 'fail' | 'warn'; code: string; hint: string }> = {
  DRAFT: { severity: 'fail', code: 'flow-draft', hint: 'the flow was never started: review it, then start it (or schedule it for go-live) in Personalize' },
  PAUSED: { severity: 'fail', code: 'flow-paused', hint: 'the flow was paused: resume it in Personalize, or remove the call from the site if it is retired' },
  COMPLETED: { severity: 'fail', code: 'flow-completed', hint: 'the flow has ended: duplicate it into a new flow and point the site at the new friendly ID, or remove the call' },
  PUBLISHING: { severity: 'warn', code: 'flow-publishing', hint: 'the flow is still publishing: run the check again in a few minutes; if it stays there, republish it' },
};
const LIVE = ['LIVE', 'SCHEDULED', 'PRODUCTION'];

function statusFinding(f: Flow, wanted: string): Finding[] {
  const label = flowLabel(f);
  if (f.archived) return [fail('flow-archived', `${label} is archived`, 'an archived flow serves nothing: restore it, or point the site at the flow that replaced it', wanted)];
  const status = (f.status ?? '').toUpperCase();
  if (LIVE.includes(status)) return [];
  const s = STATUS[status];
  if (s) return [(s.severity === 'fail' ? fail : warn)(s.code, `${label} is ${status}`, s.hint, wanted)];
  return [warn('flow-status-unknown', `${label} has ${f.status ? `status ${f.status}` : 'no status'} in the answer`, 'open the flow in Personalize and check that it is live or scheduled', wanted)];
}

function judgeOne(flows: Flow[], wanted: string, truncated: boolean): Finding[] {
  const l = findFlow(flows, wanted);
  if ('found' in l) return statusFinding(l.found, wanted);
  if ('ambiguous' in l) return [fail('flow-ambiguous', `"${wanted}" names ${l.ambiguous.length} flows: ${listOf(l.ambiguous.map(flowLabel))}`, 'declare the flow by its friendly ID, which is unique, rather than by name', wanted)];
  const among = truncated ? ` among the first ${flows.length} flows read` : '';
  const near = l.near ? `; did you mean "${l.near}"?` : '';
  return [fail('flow-not-found', `no flow has the friendly ID or name "${wanted}"${among}${near}`, 'create the flow, or fix the friendly ID in the site\'s code and here: it must match exactly (lowercase letters, digits and _)', wanted)];
}

export const flowsLiveRule: Rule<ApiTarget, FlowsLiveOptions, FlowsEvidence> = {
  meta,
  ...targetParts,
  options: FlowsLiveOptions,
  probeInput: (target, options): FlowsInput => apiInput(target, options),
  judge(e, options) {
    const j = judgeable(meta, e, options, 'no flow was looked up');
    if ('verdict' in j) return j.verdict;
    const { flows, truncated } = j.evidence;
    const declared = declarations(options.flows);
    if (declared.length === 0) {
      return { status: 'skipped', summary: 'Not checked: no flow is declared', findings: [{ severity: 'info', code: 'flows-not-declared', message: `the tenant lists ${count(flows.length, 'flow')}, but none is declared as called by the site`, hint: 'list the friendly IDs the site passes to the personalize call in the rule option flows' }] };
    }
    const findings = declared.flatMap((d) => judgeOne(flows, d.flow, truncated));
    return verdictFrom(meta, findings, `${count(declared.length, 'declared flow')} live or scheduled`);
  },
};
