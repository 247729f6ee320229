import { loadPage } from '../../browser/load.js';
import { PAGES_AT_ONCE, withBrowser } from '../../browser/session.js';
import type { LoadSpec, PageCapture } from '../../browser/types.js';
import { canonicalJson } from '../../lib/canonical.js';
import { redactEvidence } from '../../lib/redact.js';
import type { Probe, ProbeContext } from '../types.js';
import { checkEvents, checkLazyImages, checkLinks, sdkOf, sitecoreCalls } from './analyse.js';
import type { PageEvidence } from './evidence.js';
import { PageInput } from './inputs.js';
import { blockedBy, callKind } from './sitecore.js';

const MAX_REQUESTS = 300;

/** The environment's value for a `secret` step; empty counts as unset. */
const secretValue = (name: string): string | undefined => process.env[name]?.length ? process.env[name] : undefined;

/** Values typed from secrets: blanked out of everything the page load recorded. */
export function secretsOf(input: Pick<PageInput, 'steps'>): string[] {
  return input.steps.flatMap((s) => ('fill' in s && s.secret !== undefined ? [secretValue(s.secret)] : [])).filter((v): v is string => v !== undefined);
}

function specOf(input: PageInput, ctx: ProbeContext): LoadSpec {
  return {
    url: input.url, ...(input.consent !== undefined ? { consent: input.consent } : {}), steps: input.steps, slots: input.slots,
    ...(input.blocked ? { block: blockedBy(input.block) } : {}),
    keepBody: (u) => callKind(u) !== undefined,
    secret: secretValue, stepTimeoutMs: input.stepTimeoutMs, slotWaitMs: input.slotWaitMs, settleMs: input.settleMs, artifactsIn: ctx.cwd,
  };
}

/**
 * One load of a page in the run's browser, shared within the run by every probe that asks for the
 * same input (page/load for most rules, page/compare for performance).
 */
export function loadOnce(input: PageInput, ctx: ProbeContext): Promise<PageCapture> {
  const run = () => withBrowser(ctx, (s) => loadPage(s, specOf(input, ctx), ctx.signal));
  return ctx.resources ? ctx.resources.use(`page-load ${canonicalJson(input)}`, run, async () => undefined) : run();
}

async function run(input: PageInput, ctx: ProbeContext): Promise<PageEvidence> {
  const capture = await loadOnce(input, ctx);
  const calls = sitecoreCalls(capture.requests);
  const [events, links, slots] = await Promise.all([checkEvents(calls, ctx), checkLinks(capture, ctx), checkLazyImages(capture, ctx)]);
  const consentStep = capture.steps.find((s) => s.consent);
  const evidence: PageEvidence = {
    url: capture.url, finalUrl: capture.finalUrl, status: capture.status, blocked: input.blocked, lang: capture.lang, title: capture.title,
    sdk: sdkOf(capture), calls,
    requests: {
      count: capture.requests.length, truncated: capture.requests.length > MAX_REQUESTS,
      list: capture.requests.slice(0, MAX_REQUESTS).map(({ url, method, type, startMs, durationMs, status, failure, blocked }) => ({ url, method, type, startMs, ...(durationMs !== undefined ? { durationMs } : {}), ...(status !== undefined ? { status } : {}), ...(failure ? { failure } : {}), ...(blocked ? { blocked } : {}) })),
    },
    console: capture.console.filter((c) => c.type === 'error' || c.type === 'warning'), errors: capture.errors, csp: capture.csp,
    steps: capture.steps, journeyComplete: capture.journeyComplete,
    consent: { declared: input.consent !== undefined, ...(consentStep ? { atMs: consentStep.atMs } : {}), ...(capture.cookies.beforeConsent ? { cookiesBefore: capture.cookies.beforeConsent } : {}) },
    slots, links, events,
    declared: { languages: ctx.cdp?.languages ?? null, identityRules: ctx.cdp?.identityRules ?? null },
    metrics: capture.metrics, ...(capture.screenshot ? { screenshot: capture.screenshot } : {}), durationMs: capture.durationMs,
  };
  return redactEvidence(evidence, secretsOf(input));
}

export const loadProbe: Probe<PageInput, PageEvidence> = {
  id: 'page/load',
  description: 'Loads a page in headless Chromium (a fresh context), clicks consent, runs the declared journey, and records every request, the Sitecore calls with their JSON, console and page errors, CSP violations, <html lang>, the declared slots, the events validated with the event rules, Web Vitals and a screenshot.',
  input: PageInput,
  // Launching Chromium and rendering are local work a busy machine slows down.
  timeoutMs: 30_000,
  // The run starts page loads only as the browser takes them, so a queue never eats a page's time limit.
  shares: { resource: 'browser', max: PAGES_AT_ONCE },
  run,
};
