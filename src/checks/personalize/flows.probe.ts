import type { Probe, ProbeContext } from '../types.js';
import { readList } from './api.js';
import { withApi } from './auth.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import { flowOf } from './flow-read.js';
import { FlowsInput } from './inputs.js';

export { FlowsInput } from './inputs.js';

/**
 * Lists the tenant's flow definitions (experiences and experiments): GET /v3/flowDefinitions, signed
 * in as the input says. One probe run serves every flow rule (live, schedule, splits, sample size,
 * overlaps, audiences). The segments declared in golive.yaml ride along for the audience rule.
 */

/** Up to 1 000 flows; variants carry their templates, so answers can be large. */
const MAX_PAGES = 10;
const MAX_BODY = 16 * 1024 * 1024;

async function run(input: FlowsInput, ctx: ProbeContext): Promise<FlowsEvidence> {
  const declaredSegments = (ctx.cdp?.segments ?? []).map((s) => s.name);
  return withApi(input, ctx, MAX_BODY, async (s, c, base) => {
    const listed = await readList(s, input, ctx, c, 'v3/flowDefinitions', MAX_PAGES);
    if ('refused' in listed) return { configured: true, base, auth: input.auth, refused: listed.refused, flows: [], truncated: false, unreadable: 0, declaredSegments };
    const flows = listed.items.map((i) => flowOf(i, s.secrets));
    const readable = flows.filter((f): f is Flow => f !== undefined);
    ctx.log.debug('personalize/flows', { base, flows: readable.length, truncated: listed.truncated });
    return { configured: true, base, auth: input.auth, flows: readable, truncated: listed.truncated, unreadable: flows.length - readable.length, declaredSegments };
  });
}

export const flowsProbe: Probe<FlowsInput, FlowsEvidence> = {
  id: 'personalize/flows',
  description: 'Lists the flow definitions of a Sitecore Personalize tenant (GET /v3/flowDefinitions), signed in with credentials from the environment; records status, schedule, traffic, variants and sample-size settings of each.',
  input: FlowsInput,
  run,
};
