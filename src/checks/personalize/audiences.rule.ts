import { z } from 'zod';
import { closest } from '../../lib/suggest.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { FlowsEvidence } from './evidence.js';
import type { FlowsInput } from './inputs.js';
import { apiInput, apiOptions, declarations, flowsOption, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { count, flowLabel, judgeable, listOf, selectFlows } from './rule-kit.js';

export const AudiencesOptions = z.strictObject({
  flows: flowsOption,
  segments: z.array(z.string().min(1).max(200)).max(500).default([]).describe('Segment names that exist in the tenant, beside those declared under cdp.segments in golive.yaml.'),
  ...apiOptions,
});
export type AudiencesOptions = z.infer<typeof AudiencesOptions>;

const meta: RuleMeta = {
  id: 'personalize/audiences',
  probe: 'personalize/flows',
  title: 'Every audience an experience targets is a known segment',
  failureTitle: 'An experience targets a segment that is not known',
  description:
    'Collects the audiences of the flows the site calls (the `flows` option; without it, every live or scheduled flow): those declared ' +
    'per flow ({flow, audiences}) and any the `GET /v3/flowDefinitions` answer carries, and checks each against the segments the project ' +
    'declares (`cdp.segments` in golive.yaml, plus the `segments` option). No public API lists segments, and the flow definition documents ' +
    'no audience field, so the declarations are the source; the check is skipped, saying what is missing, when there is nothing to compare. ' +
    'An experience aimed at a segment renamed or never built in production reaches nobody, silently. ' + OPT_IN,
  docs: 'docs/rules/personalize/audiences.md',
  targetHelp: TARGET_HELP,
  examples: [{ target: 'eu', with: { flows: [{ flow: 'vip_banner', audiences: ['gold-members'] }], segments: ['gold-members'] } }],
};

const skipped = (summary: string, code: string, message: string, hint: string): Verdict => ({ status: 'skipped', summary: `Not checked: ${summary}`, findings: [{ severity: 'info', code, message, hint }] });

export const audiencesRule: Rule<ApiTarget, AudiencesOptions, FlowsEvidence> = {
  meta,
  ...targetParts,
  options: AudiencesOptions,
  probeInput: (target, options): FlowsInput => apiInput(target, options),
  judge(e, options) {
    const j = judgeable(meta, e, options, 'no audience was compared');
    if ('verdict' in j) return j.verdict;
    const { flows, notes } = selectFlows(j.evidence.flows, declarations(options.flows));
    const targeted = flows
      .map(({ flow, declared }) => ({ flow, audiences: [...new Set([...(declared?.audiences ?? []), ...(flow.audiences ?? [])])] }))
      .filter((t) => t.audiences.length > 0);
    if (targeted.length === 0) {
      return skipped('no audience is known for the flows', 'audiences-unknown', `none of the ${count(flows.length, 'flow')} judged has an audience: the API answers carry no audience field and no flow declares one`, 'declare the segments each flow targets in the flows option, e.g. {flow: vip_banner, audiences: [gold-members]}');
    }
    const known = [...new Set([...j.evidence.declaredSegments, ...options.segments])];
    if (known.length === 0) {
      return skipped('no segment is declared', 'segments-not-declared', `${count(targeted.length, 'flow')} target audiences, but no segment is declared to compare them with`, 'declare the tenant\'s segments under cdp.segments in golive.yaml, or list their names in the rule option segments');
    }
    const findings: Finding[] = [];
    for (const t of targeted) {
      for (const a of t.audiences.filter((x) => !known.includes(x))) {
        const near = closest(a, known);
        const hint = near ? `did you mean "${near}"? Segment names must match exactly, case included` : 'build the segment in the tenant before launch and declare it (cdp.segments), or point the flow at an existing one';
        findings.push(fail('audience-not-found', `${flowLabel(t.flow)} targets "${a}", which is not among the ${count(known.length, 'known segment')} (${listOf(known)})`, hint, t.flow.friendlyId ?? t.flow.ref));
      }
    }
    const total = targeted.reduce((n, t) => n + t.audiences.length, 0);
    return verdictFrom(meta, [...findings, ...notes], `${count(total, 'audience')} of ${count(targeted.length, 'flow')} found among ${count(known.length, 'known segment')}`);
  },
};
