import type { BrowserContext, Page } from 'playwright-core';
import { ProbeError } from '../checks/types.js';
import { saveArtifact } from './artifacts.js';
import { Recorder } from './capture.js';
import { pageError } from './errors.js';
import { initScript, slotsFilledScript, stateScript } from './in-page.js';
import type { BrowserSession } from './session.js';
import { refusal, type TrustCache } from './trust.js';
import { describeStep, MissingSecret, runStep, type Step } from './steps.js';
import type { LoadSpec, PageCapture, PageMetrics, StepRecord } from './types.js';

/** The network counts as quiet after this long without a new request and with none in flight. */
const QUIET_MS = 500;

/**
 * Loads one page in a fresh browser context (no cookies, storage or cache from another page),
 * runs the consent step and the journey, waits for the declared slots and a quiet network, and
 * reads what the page holds. Everything ends with `signal`: the context is closed under the
 * browser, so nothing keeps running after the probe's time limit or a Ctrl-C.
 */
export function loadPage(session: BrowserSession, spec: LoadSpec, signal: AbortSignal): Promise<PageCapture> {
  return session.page(async () => {
    if (signal.aborted) throw pageError(signal.reason, spec.url, signal);
    const context = await session.browser.newContext({ ignoreHTTPSErrors: session.trust !== undefined, viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const onAbort = () => void context.close().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await capture(context, session, spec, signal);
    } catch (err) {
      throw pageError(err, spec.url, signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await context.close().catch(() => undefined);
    }
  });
}

async function route(context: BrowserContext, session: BrowserSession, spec: LoadSpec, recorder: Recorder, signal: AbortSignal): Promise<void> {
  const trust = session.trust;
  if (!spec.block && !trust) return;
  await context.route('**/*', async (r) => {
    const request = r.request();
    const url = new URL(request.url());
    if (spec.block?.(url)) {
      recorder.aborted.set(request, 'blocked by golive');
      return r.abort('blockedbyclient');
    }
    if (trust && url.protocol === 'https:') {
      const t = await trust.check(url, signal);
      if (!t.ok) {
        recorder.aborted.set(request, refusal(t));
        if (t.error) recorder.unreached.set(request.url(), t.error);
        return r.abort('failed');
      }
    }
    return r.continue().catch(() => undefined);
  });
}

async function capture(context: BrowserContext, session: BrowserSession, spec: LoadSpec, signal: AbortSignal): Promise<PageCapture> {
  const t0 = Date.now();
  const recorder = new Recorder(t0, spec.keepBody);
  await context.addInitScript({ content: initScript(spec.slots) });
  await route(context, session, spec, recorder, signal);
  const page = await context.newPage();
  recorder.attach(page);
  const status = await open(page, spec.url, recorder, session, signal);
  const steps: StepRecord[] = [];
  let beforeConsent: string[] | undefined;
  let complete = true;
  const journey: [Step, boolean][] = [...(spec.consent ? [[{ click: spec.consent }, true] as [Step, boolean]] : []), ...spec.steps.map((s): [Step, boolean] => [s, false])];
  for (const [step, consent] of journey) {
    if (consent) {
      // A banner that appears late: what the page did while it was not there yet happened before
      // consent, so the cookies and the moment of consent are taken once it shows, right before the click.
      await page.waitForSelector(spec.consent!, { state: 'visible', timeout: spec.stepTimeoutMs }).catch(rethrowIfAborted(signal));
      beforeConsent = (await context.cookies()).map((c) => c.name);
    }
    const record = await runRecorded(page, step, consent, spec, recorder, signal);
    steps.push(record);
    if (!record.ok) {
      complete = false;
      break;
    }
  }
  // Playwright reads a timeout of 0 as "no limit": 0 here means "do not wait".
  if (spec.slots.length > 0 && spec.slotWaitMs > 0) await page.waitForFunction(slotsFilledScript(spec.slots.map((s) => s.name)), undefined, { timeout: spec.slotWaitMs, polling: 100 }).catch(rethrowIfAborted(signal));
  await quiet(recorder, spec.settleMs, signal);
  const state = (await page.evaluate(stateScript(spec.slots))) as PageState;
  const screenshot = spec.artifactsIn === undefined ? undefined : await saveArtifact(spec.artifactsIn, await page.screenshot({ type: 'png' }), 'png');
  const after = (await context.cookies()).map((c) => c.name);
  await Promise.race([recorder.settle(), new Promise((r) => setTimeout(r, 2000))]);
  if (session.trust) await verifyHops(recorder, session.trust, signal);
  return {
    url: spec.url, finalUrl: page.url(), status, lang: state.lang, title: state.title, scripts: state.scripts,
    ...(state.cloud ? { cloud: state.cloud } : {}), ...(state.engage ? { engage: state.engage } : {}),
    copies: state.copies, requests: [...recorder.requests].sort((a, b) => a.startMs - b.startMs), console: recorder.console, errors: recorder.errors,
    csp: state.csp, steps, journeyComplete: complete, cookies: { ...(beforeConsent ? { beforeConsent } : {}), after },
    slots: state.slots.map((s) => ({ ...s, ...(state.slotTimes[s.name] !== undefined ? { filledAtMs: state.slotTimes[s.name] } : {}) })),
    metrics: metricsOf(state.metrics), ...(screenshot ? { screenshot } : {}), durationMs: Date.now() - t0,
  };
}

/** A ProbeError from golive's own reach of a site, told about the page: `what` first, the original's code, hint and transience kept. */
const rethrown = (e: ProbeError, what: string, cause?: unknown): ProbeError =>
  new ProbeError(e.code, `${what}: ${e.message}`, { cause: cause ?? e, ...(e.hint ? { hint: e.hint } : {}), transient: e.transient });

const UNTRUSTED_HINT = 'the certificate does not verify against the system roots and --ca-file for this name: the tls/* rules say exactly why';

/**
 * The first navigation: an answer under 400 or a ProbeError (the page checks cannot judge an error
 * page). With --ca-file, every HTTPS hop of its redirects must pass the same check as the first
 * request: the browser followed them without asking (request interception never sees a redirect).
 */
async function open(page: Page, url: string, recorder: Recorder, session: BrowserSession, signal: AbortSignal): Promise<number> {
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'load', timeout: 0 });
  } catch (err) {
    const ours = recorder.requests.find((r) => r.type === 'document' && r.blocked);
    if (ours?.failure) {
      // Not reached at all (the name does not resolve, nothing listens, no answer in time): that error, not a certificate one.
      const why = recorder.unreached.get(ours.url);
      if (why) throw rethrown(why, url, err);
      throw new ProbeError('TLS_CERT', `${url}: ${ours.failure}`, { cause: err, hint: UNTRUSTED_HINT });
    }
    // Through the resolver proxy Chromium only sees a failed tunnel or an empty answer: the proxy
    // knows why, for the page or the redirect hop it failed on.
    if (session.proxy && /ERR_TUNNEL_CONNECTION_FAILED|ERR_PROXY|ERR_EMPTY_RESPONSE|ERR_CONNECTION_CLOSED/.test(err instanceof Error ? err.message : String(err))) {
      const documents = [url, ...recorder.requests.filter((r) => r.type === 'document').map((r) => r.url)].reverse();
      for (const d of documents) {
        const where = new URL(d);
        const why = session.proxy.failure(where.hostname, Number(where.port) || (where.protocol === 'https:' ? 443 : 80));
        if (why) throw rethrown(why, url, err);
      }
    }
    throw err;
  }
  if (!response) throw new ProbeError('HTTP_PROTOCOL', `${url}: the browser got no response`, { hint: 'check the URL opens in a browser' });
  if (session.trust) {
    const chain: string[] = [];
    for (let r = response.request().redirectedFrom(); r !== null; r = r.redirectedFrom()) chain.unshift(r.url());
    chain.push(response.url());
    for (const hop of chain.slice(1)) {
      const where = new URL(hop);
      if (where.protocol !== 'https:') continue;
      const t = await session.trust.check(where, signal);
      if (!t.ok && t.error) throw rethrown(t.error, `${url}: redirected to ${hop}`);
      if (!t.ok) throw new ProbeError('TLS_CERT', `${url}: redirected to ${hop}, ${refusal(t)}`, { hint: UNTRUSTED_HINT });
    }
  }
  const status = response.status();
  if (status >= 400) throw new ProbeError('HTTP_STATUS', `${url} answered ${status}`, { hint: 'the page checks need the page itself: check the URL and that the site is up (http/status)', transient: status >= 500 || status === 429 });
  return status;
}

/**
 * With --ca-file the browser accepts any certificate, and a request it sent to follow a redirect
 * was never checked (see route): each such HTTPS origin is verified now, and a request whose
 * origin fails is recorded as failed with the reason (its status is kept: the server did answer).
 */
async function verifyHops(recorder: Recorder, trust: TrustCache, signal: AbortSignal): Promise<void> {
  // At once: the cache asks each origin once, and a slow one does not hold up the others.
  await Promise.all(recorder.hops.map(async (hop) => {
    const url = new URL(hop.url);
    if (url.protocol !== 'https:') return;
    const t = await trust.check(url, signal);
    if (!t.ok) hop.failure = refusal(t);
  }));
}

async function runRecorded(page: Page, step: Step, consent: boolean, spec: LoadSpec, recorder: Recorder, signal: AbortSignal): Promise<StepRecord> {
  const atMs = recorder.now();
  const record = { step: describeStep(step), ...(consent ? { consent } : {}), atMs };
  try {
    await runStep(page, step, page.url(), spec.stepTimeoutMs, spec.secret);
    return { ...record, durationMs: recorder.now() - atMs, ok: true };
  } catch (err) {
    if (err instanceof MissingSecret) throw new ProbeError('INVALID_TARGET', `journey step "${record.step}": ${err.message}`, { hint: `export ${err.variable} before running the check (it holds the text typed into the field, e.g. a test account's password)` });
    if (signal.aborted) throw err;
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    return { ...record, durationMs: recorder.now() - atMs, ok: false, error: message.slice(0, 300) };
  }
}

const rethrowIfAborted = (signal: AbortSignal) => (err: unknown) => {
  if (signal.aborted) throw err;
};

/** Waits until no request started for QUIET_MS and none is in flight, or `capMs` passed. */
async function quiet(recorder: Recorder, capMs: number, signal: AbortSignal): Promise<void> {
  const until = Date.now() + capMs;
  while (Date.now() < until && !signal.aborted) {
    const now = recorder.now();
    const last = recorder.requests.reduce((m, r) => Math.max(m, r.startMs), 0);
    const inFlight = recorder.requests.some((r) => r.status === undefined && r.failure === undefined && now - r.startMs < capMs);
    if (!inFlight && now - last >= QUIET_MS) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface PageState {
  lang: string | null;
  title: string;
  scripts: string[];
  cloud?: PageCapture['cloud'];
  engage?: PageCapture['engage'];
  copies: Record<string, number>;
  csp: PageCapture['csp'];
  slotTimes: Record<string, number>;
  slots: PageCapture['slots'];
  metrics: { lcpMs: number | null; fcpMs: number | null; cls: number; longTasks: [number, number][] };
}

/** Total blocking time as Lighthouse counts it: the part of each long task after FCP above 50 ms. */
function metricsOf(m: PageState['metrics']): PageMetrics {
  const after = m.longTasks.filter(([start]) => m.fcpMs === null || start >= m.fcpMs);
  const tbtMs = after.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  return { lcpMs: m.lcpMs, fcpMs: m.fcpMs, cls: m.cls, tbtMs, longTasks: m.longTasks.length };
}
