import type { AnyProbe, AnyRule } from '../types.js';
import { audiencesRule } from './audiences.rule.js';
import { connectionTimeoutsRule } from './connection-timeouts.rule.js';
import { decisionModelRule } from './decision-model.rule.js';
import { flowScheduleRule } from './flow-schedule.rule.js';
import { flowsLiveRule } from './flows-live.rule.js';
import { overlappingExperiencesRule } from './overlapping-experiences.rule.js';
import { sampleSizeRule } from './sample-size.rule.js';
import { trafficSplitsRule } from './traffic-splits.rule.js';

/** The personalize pack: Sitecore Personalize configuration checks through its REST API, opt-in with credentials from the environment; probes loaded on demand. */
export const rules: AnyRule[] = [
  flowsLiveRule, flowScheduleRule, trafficSplitsRule, sampleSizeRule, overlappingExperiencesRule, audiencesRule, decisionModelRule, connectionTimeoutsRule,
];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
