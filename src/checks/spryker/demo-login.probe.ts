import type { Dispatcher } from 'undici';
import { toProbeError } from '../../net/errors.js';
import { dispatcherFor } from '../../net/http.js';
import { deadline } from '../http/client.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { call, parseJson, recorded, textAt, type Answer } from './demo-client.js';
import type { DemoLoginEvidence, LoginAttempt, NotTried } from './demo-evidence.js';
import { DemoLoginInput, loginKey, loginPlan, type PlannedLogin } from './demo-inputs.js';
import { ledgerFor, type LoginLedger } from './demo-ledger.js';

export { DemoLoginInput } from './demo-inputs.js';

/**
 * Tries the public demo password on the demo accounts: Glue customer and agent logins and the
 * backend API's password grant. Only when the user allowed login probes; one login per account
 * and kind per run; nothing more after the first 429 (the shops block an account after 9
 * failures, so a check must never be the one that locks a real user out).
 */

const JSON_API = 'application/vnd.api+json';

function requestFor(p: PlannedLogin, password: string): { headers: Record<string, string>; body: string } {
  if (p.endpoint === 'backend-token') {
    return { headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams({ grant_type: 'password', username: p.username, password }).toString() };
  }
  const body = { data: { type: p.endpoint, attributes: { username: p.username, password } } };
  return { headers: { 'content-type': JSON_API, accept: JSON_API }, body: JSON.stringify(body) };
}

/** What the answer says, without the token. */
function readAnswer(a: Answer): Pick<LoginAttempt, 'status' | 'errorCode' | 'detail' | 'tokenIssued'> {
  const json = parseJson(a.body);
  const errorCode = textAt(json, 'errors', 0, 'code') ?? textAt(json, 'error');
  const detail = textAt(json, 'errors', 0, 'detail') ?? textAt(json, 'error_description');
  const tokenIssued = (textAt(json, 'data', 'attributes', 'accessToken') ?? textAt(json, 'access_token')) !== undefined;
  return { status: a.status, ...(errorCode ? { errorCode: errorCode.slice(0, 40) } : {}), ...(detail ? { detail: detail.slice(0, 200) } : {}), tokenIssued };
}

const planned = (p: PlannedLogin): Pick<LoginAttempt, 'endpoint' | 'url' | 'username'> => ({ endpoint: p.endpoint, url: p.url, username: p.username });
const skipped = (p: PlannedLogin, why: NotTried): LoginAttempt => ({ ...planned(p), tried: false, notTried: why });

interface Session {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  ledger: LoginLedger;
  password: string;
  /** Origins where a request failed: the rest of their logins are not sent. */
  failed: Set<string>;
  firstError?: ProbeError;
  demoShop: boolean;
}

function reasonToSkip(p: PlannedLogin, s: Session): NotTried | undefined {
  if (s.ledger.throttledAt) return 'throttled';
  if (s.signal.aborted) return 'time-limit';
  if (s.failed.has(new URL(p.url).origin)) return 'earlier-error';
  return undefined;
}

/** Sends one login; never rejects (a failure is part of the attempt). */
async function send(p: PlannedLogin, s: Session): Promise<LoginAttempt> {
  try {
    const answer = await call(s.dispatcher, p.url, { method: 'POST', ...requestFor(p, s.password), limit: 16 * 1024 }, s.signal);
    s.demoShop ||= answer.demoShop;
    if (answer.status === 429) s.ledger.throttledAt ??= { url: p.url, username: p.username };
    return { ...planned(p), tried: true, ...readAnswer(answer) };
  } catch (err) {
    const error = err instanceof ProbeError ? err : new ProbeError('NETWORK', String(err));
    s.firstError ??= error;
    s.failed.add(new URL(p.url).origin);
    return { ...planned(p), tried: true, error: recorded(error) };
  }
}

/** The answer of a login another check of this run sent: the same login is reused, another URL is not tried again. */
function reuse(p: PlannedLogin, earlier: LoginAttempt): LoginAttempt {
  return earlier.tried && earlier.url === p.url ? { ...earlier, username: p.username, reused: true } : skipped(p, 'already-tried');
}

async function attempt(p: PlannedLogin, s: Session): Promise<LoginAttempt> {
  const key = loginKey(p);
  const earlier = s.ledger.sent.get(key);
  if (earlier) return reuse(p, await earlier);
  const skip = reasonToSkip(p, s);
  if (skip) return skipped(p, skip);
  // Entered before the request goes out, with no await in between: no other check can send it too.
  const sending = send(p, s);
  s.ledger.sent.set(key, sending);
  return sending;
}

/** Never transient: the runner retries transient errors, and a retry would send the logins again. */
const final = (e: ProbeError) => new ProbeError(e.code, e.message, { cause: e, ...(e.hint ? { hint: e.hint } : {}), transient: false });

/** A share of the time limit, so that the logins already answered are reported before the runner gives up. */
const budget = (timeoutMs: number) => Math.max(100, Math.floor(timeoutMs * 0.9));

async function run(input: DemoLoginInput, ctx: ProbeContext): Promise<DemoLoginEvidence> {
  const plan = loginPlan(input);
  if (!ctx.allowLogin) return { allowed: false, attempts: plan.map((p) => skipped(p, 'not-allowed')) };
  const signal = deadline(ctx.signal, budget(ctx.net.timeoutMs));
  const dispatcher = dispatcherFor(ctx.net, signal);
  const s: Session = { dispatcher, signal, ledger: ledgerFor(ctx.net), password: input.password, failed: new Set(), demoShop: false };
  try {
    // One after another: a 429 must stop the logins that would follow it.
    const attempts: LoginAttempt[] = [];
    for (const p of plan) attempts.push(await attempt(p, s));
    if (ctx.signal.aborted) throw final(toProbeError(new Error('stopped'), 'spryker/demo-login', ctx.signal));
    // Nothing answered: an error, not evidence.
    if (s.firstError && !attempts.some((a) => a.status !== undefined)) throw final(s.firstError);
    ctx.log.debug('spryker/demo-login', { tried: attempts.filter((a) => a.tried).length, planned: plan.length });
    return { allowed: true, attempts, ...(s.ledger.throttledAt ? { throttledAt: s.ledger.throttledAt } : {}), ...(s.demoShop ? { demoShop: true } : {}) };
  } finally {
    await dispatcher.destroy();
  }
}

export const demoLoginProbe: Probe<DemoLoginInput, DemoLoginEvidence> = {
  id: 'spryker/demo-login',
  description: 'Tries the public demo password once per demo account (Glue customers and agents, backend API users), only with login probes allowed, stopping at the first 429.',
  input: DemoLoginInput,
  run,
};
