import { z } from 'zod';
import type { Finding, Rule, RuleContext, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import type { FlowsInput } from './inputs.js';
import { apiInput, apiOptions, declarations, flowsOption, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { count, dateOf, flowLabel, instant, judgeable, selectFlows } from './rule-kit.js';

const DAY = 86_400_000;

export const FlowScheduleOptions = z.strictObject({
  flows: flowsOption,
  minDaysAfterGoLive: z.number().int().min(0).max(365).default(0).describe('Days after go-live a flow must still run: an end date sooner than that fails (0: only an end at or before go-live fails).'),
  ...apiOptions,
});
export type FlowScheduleOptions = z.infer<typeof FlowScheduleOptions>;

const meta: RuleMeta = {
  id: 'personalize/flow-schedule',
  probe: 'personalize/flows',
  title: 'Every flow is scheduled to run at go-live',
  failureTitle: 'A flow is not scheduled to run at go-live',
  description:
    'Reads the `schedule` of each flow the site calls (the `flows` option; without it, every live or scheduled flow) from ' +
    '`GET /v3/flowDefinitions` and checks that `startDate` is on or before the go-live instant and that `endDate`, when there is one, is after ' +
    'it (and at least `minDaysAfterGoLive` days after). A flow scheduled to start the morning after launch, or one left with the end date of ' +
    'the rehearsal, serves nothing when the traffic arrives. ' + OPT_IN,
  docs: 'docs/rules/personalize/flow-schedule.md',
  targetHelp: TARGET_HELP,
  examples: [{ target: 'eu', with: { flows: ['home_hero'], minDaysAfterGoLive: 14 } }, { target: 'us' }],
};

const HINT = {
  missing: 'set a start date in the flow\'s schedule in Personalize (on or before go-live), so golive and the team can see when it runs',
  late: 'move the start date to go-live or earlier (a flow can be scheduled ahead and go live by itself)',
  early: 'move the end date after go-live, or remove it, so the flow runs through launch',
  soon: 'the flow stops shortly after launch: move the end date out, or lower minDaysAfterGoLive if that is the plan',
  unreadable: 'open the flow\'s schedule in Personalize and set the date again; golive could not read it as a date',
};

function scheduleFindings(f: Flow, ctx: RuleContext, minDays: number): Finding[] {
  const label = flowLabel(f);
  const subject = f.friendlyId ?? f.ref;
  if (!f.schedule?.startDate) return [warn('schedule-missing', `${label} has no start date in its schedule`, HINT.missing, subject)];
  const start = dateOf(f.schedule.startDate);
  const end = dateOf(f.schedule.endDate);
  const out: Finding[] = [];
  if (!start || (f.schedule.endDate && !end)) out.push(warn('schedule-unreadable', `${label} has a schedule date golive cannot read: ${f.schedule.startDate} – ${f.schedule.endDate ?? ''}`, HINT.unreadable, subject));
  const goLive = instant(ctx.goLive);
  if (start && start > ctx.goLive) out.push(fail('starts-after-go-live', `${label} starts ${instant(start)}, after go-live ${goLive}`, HINT.late, subject));
  if (end && end <= ctx.goLive) out.push(fail('ends-before-go-live', `${label} ends ${instant(end)}, at or before go-live ${goLive}`, HINT.early, subject));
  else if (end && end.getTime() < ctx.goLive.getTime() + minDays * DAY) out.push(fail('ends-too-soon', `${label} ends ${instant(end)}, less than ${minDays} days after go-live ${goLive}`, HINT.soon, subject));
  return out;
}

export const flowScheduleRule: Rule<ApiTarget, FlowScheduleOptions, FlowsEvidence> = {
  meta,
  ...targetParts,
  options: FlowScheduleOptions,
  probeInput: (target, options): FlowsInput => apiInput(target, options),
  judge(e, options, ctx) {
    const j = judgeable(meta, e, options, 'no schedule was read');
    if ('verdict' in j) return j.verdict;
    const { flows, notes } = selectFlows(j.evidence.flows, declarations(options.flows));
    const findings = [...flows.flatMap(({ flow }) => scheduleFindings(flow, ctx, options.minDaysAfterGoLive)), ...notes];
    return verdictFrom(meta, findings, `${count(flows.length, 'flow')} running at go-live ${instant(ctx.goLive)}`);
  },
};
