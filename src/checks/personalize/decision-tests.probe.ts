import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { described, get, jsonOf, post, refusedStatus, statusError, type Answer, type CdpSession } from '../cdp/client.js';
import type { Credentials } from '../cdp/credentials.js';
import { joinUrl } from '../cdp/inputs.js';
import { itemsOf, objectOf } from './api.js';
import { apiRefusal, firstCall, withApi } from './auth.js';
import { defaultVariant, namedOf, pickByName, replyOf, type Choice, type Named } from './decision-read.js';
import type { ApiRefusal, DecisionTest, DecisionTestsEvidence } from './evidence.js';
import { DecisionTestsInput, isRef, type DecisionFixture } from './inputs.js';

export { DecisionTestsInput } from './inputs.js';

/**
 * Runs each declared fixture guest through a decision model variant with
 * POST /v2/testDecisionModel {decisionModelRef, decisionModelVariantRef, context:{channel, guest}},
 * one after another, and records the reply's error, nodes, outputs and execution times. A model or
 * variant given by name is looked up first (GET /v2/decisionModelDefinitions and …/{ref}/variants);
 * without a variant, the one in production is tested. The fixture guests are sent, never recorded.
 */

interface Run {
  s: CdpSession;
  input: DecisionTestsInput;
  /** Sends a request: the first one signs in; a 401/403 ends the run as refused. */
  call(send: () => Promise<Answer>): Promise<Answer | undefined>;
  refused?: ApiRefusal;
  models?: Named[];
}

function session(s: CdpSession, input: DecisionTestsInput, ctx: ProbeContext, c: Credentials): Run {
  let opened = false;
  const r: Run = {
    s, input,
    async call(send) {
      if (r.refused) return undefined;
      const first = !opened;
      opened = true;
      const a = first ? await firstCall(s, input, ctx, c, send) : await send();
      if ('refused' in a) r.refused = a.refused;
      else if (refusedStatus(a.status)) r.refused = apiRefusal(a);
      return r.refused ? undefined : (a as Answer);
    },
  };
  return r;
}

/** The first 100 items of a list; 'not-found' for a 404 where that means an unknown model, not a wrong base URL. */
async function list(r: Run, path: string, missingOk = false): Promise<Named[] | undefined | 'not-found'> {
  const url = joinUrl(r.input.baseUrl, path);
  url.search = 'offset=0&limit=100';
  const a = await r.call(() => get(r.s, url));
  if (!a) return undefined;
  if (a.status === 404 && missingOk) return 'not-found';
  return itemsOf(url, a).map((i) => namedOf(i, r.s.secrets)).filter((n): n is Named => n !== undefined);
}

async function resolve(r: Run, f: DecisionFixture): Promise<{ model: Choice; variant?: Choice } | undefined> {
  let model: Choice = { ref: f.model };
  if (!isRef(f.model)) {
    r.models ??= (await list(r, 'v2/decisionModelDefinitions')) as Named[] | undefined;
    if (!r.models) return undefined;
    model = pickByName(r.models, f.model, 'model');
  }
  if (!('ref' in model)) return { model };
  if (f.variant !== undefined && isRef(f.variant)) return { model, variant: { ref: f.variant } };
  const variants = await list(r, `v2/decisionModelDefinitions/${encodeURIComponent(model.ref)}/variants`, true);
  if (variants === undefined) return undefined;
  if (variants === 'not-found') return { model: { unresolved: 'model-not-found', candidates: [] } };
  return { model, variant: f.variant === undefined ? defaultVariant(variants) : pickByName(variants, f.variant, 'variant') };
}

async function test(r: Run, f: DecisionFixture, refs: { model: string; variant: string }): Promise<DecisionTest | undefined> {
  const url = joinUrl(r.input.baseUrl, 'v2/testDecisionModel');
  const body = { decisionModelRef: refs.model, decisionModelVariantRef: refs.variant, context: { ...f.context, channel: f.channel, guest: f.guest } };
  const started = performance.now();
  const a = await r.call(() => post(r.s, url, { contentType: 'application/json', text: JSON.stringify(body) }));
  if (!a) return undefined;
  const roundTripMs = Math.round(performance.now() - started);
  const base = { name: f.name, model: f.model, modelRef: refs.model, variantRef: refs.variant, sent: true, status: a.status, roundTripMs };
  // A test the API turns down (an unknown ref, a malformed guest) is that test's outcome; 429 and 5xx stop the run.
  if (a.status >= 400 && a.status < 500 && a.status !== 429) return { ...base, ...(a.detail ? { detail: a.detail } : {}), nodes: [] };
  if (a.status < 200 || a.status >= 300) throw statusError(url, a, 'POST');
  const reply = objectOf(jsonOf(url, a, 'POST'));
  if (!reply) throw new ProbeError('HTTP_PROTOCOL', `${described(url, 'POST')} answered ${a.status} with JSON that is not an object`, { hint: 'the base URL should be the Personalize REST API; check that nothing in between rewrites the answer' });
  return { ...base, ...replyOf(reply, r.s.secrets) };
}

const notSent = (f: DecisionFixture): DecisionTest => ({ name: f.name, model: f.model, sent: false, nodes: [] });

async function one(r: Run, f: DecisionFixture): Promise<DecisionTest> {
  const picked = await resolve(r, f);
  if (!picked) return notSent(f);
  const { model, variant } = picked;
  const unresolved = !('ref' in model) ? model : variant && !('ref' in variant) ? variant : undefined;
  if (unresolved) return { ...notSent(f), ...('ref' in model ? { modelRef: model.ref } : {}), unresolved: unresolved.unresolved, candidates: unresolved.candidates };
  return (await test(r, f, { model: (model as { ref: string }).ref, variant: (variant as { ref: string }).ref })) ?? notSent(f);
}

async function run(input: DecisionTestsInput, ctx: ProbeContext): Promise<DecisionTestsEvidence> {
  return withApi(input, ctx, 4 * 1024 * 1024, async (s, c, base) => {
    const r = session(s, input, ctx, c);
    const tests: DecisionTest[] = [];
    for (const f of input.tests) tests.push(await one(r, f));
    ctx.log.debug('personalize/decision-tests', { base, sent: tests.filter((t) => t.sent).length, refused: r.refused?.status });
    return { configured: true, base, auth: input.auth, tests, ...(r.refused ? { refused: r.refused } : {}) };
  });
}

export const decisionTestsProbe: Probe<DecisionTestsInput, DecisionTestsEvidence> = {
  id: 'personalize/decision-tests',
  description: 'Runs declared fixture guests through Sitecore Personalize decision models (POST /v2/testDecisionModel), signed in with credentials from the environment; records errors, node outputs and execution times, never the guests.',
  input: DecisionTestsInput,
  run,
};
