import { ProbeError, type NetOptions, type ProbeContext } from '../types.js';
import { jsonOf, post, refusedStatus, shown, withSession, type Answer, type CdpSession } from '../cdp/client.js';
import { basicAuth, readCredentials, type Credentials } from '../cdp/credentials.js';
import { credentialKey, unlessRefused } from '../cdp/ledger.js';
import type { ApiRefusal, NotConfigured } from './evidence.js';
import type { ApiInput } from './inputs.js';

/**
 * Signing in to the Personalize REST APIs. oauth: the API key and secret are exchanged for a
 * bearer token (POST tokenUrl, client_credentials, audience https://api.sitecorecloud.io); the
 * token is kept in memory for the run, so the checks of one run ask once. basic: the client key and
 * API token go with every request. Either way, credentials refused once are not sent again in the
 * run: the token endpoint's answer is remembered, and Basic requests go through the cdp ledger
 * (same tenant, same variables: the cdp checks and these share what they learn).
 */

export const AUDIENCE = 'https://api.sitecorecloud.io';
/** A token this close to its expiry is not used: a fresh one is asked for. */
const EXPIRY_MARGIN_MS = 30_000;

type TokenOutcome = { token: string; expiresAt: number } | { refused: ApiRefusal };

const tokens = new WeakMap<NetOptions, Map<string, Promise<TokenOutcome>>>();

function tokenCache(net: NetOptions): Map<string, Promise<TokenOutcome>> {
  let cache = tokens.get(net);
  if (!cache) {
    cache = new Map();
    tokens.set(net, cache);
  }
  return cache;
}

/** OAuth errors that mean "these credentials are not accepted" rather than "the request was malformed". */
const REFUSING_ERRORS = ['invalid_client', 'unauthorized_client', 'access_denied', 'invalid_grant'];

function refusedAtToken(a: Answer): boolean {
  if (refusedStatus(a.status)) return true;
  const error = (a.json as { error?: unknown } | undefined)?.error;
  return a.status === 400 && typeof error === 'string' && REFUSING_ERRORS.includes(error);
}

async function requestToken(s: CdpSession, input: ApiInput, c: Credentials): Promise<TokenOutcome> {
  const url = new URL(input.tokenUrl);
  const form = new URLSearchParams({ client_id: c.clientKey, client_secret: c.apiToken ?? '', grant_type: 'client_credentials', audience: AUDIENCE });
  // The form encodes the values: their encoded forms are scrubbed too, should an answer echo the request.
  for (const value of [c.clientKey, c.apiToken ?? '']) {
    const encoded = new URLSearchParams({ v: value }).toString().slice(2);
    if (encoded !== value) s.secrets.push(encoded);
  }
  const started = performance.now();
  const a = await post(s, url, { contentType: 'application/x-www-form-urlencoded', text: form.toString() });
  if (refusedAtToken(a)) return { refused: { status: a.status, at: 'token', ...(a.detail ? { detail: a.detail } : {}) } };
  const body = jsonOf(url, a, 'POST') as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== 'string' || body.access_token.length < 8) {
    throw new ProbeError('HTTP_PROTOCOL', `POST ${shown(url)} answered ${a.status} without an access_token`, { hint: 'tokenUrl should be the Sitecore Cloud token endpoint, https://auth.sitecorecloud.io/oauth/token' });
  }
  // Read expires_in rather than assume 24 hours (Sitecore's own example says 900 seconds).
  const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 900;
  return { token: body.access_token, expiresAt: started + seconds * 1000 };
}

/** A bearer token for these credentials: the run's, or a new one. A refusal is remembered; a failed request is not. */
async function bearer(s: CdpSession, input: ApiInput, ctx: ProbeContext, c: Credentials): Promise<TokenOutcome> {
  const cache = tokenCache(ctx.net);
  const key = `${credentialKey(input.tokenUrl, [input.apiKeyVariable, input.apiSecretVariable])} ${AUDIENCE}`;
  const known = cache.get(key);
  if (known) {
    try {
      const o = await known;
      if ('refused' in o) return { refused: { ...o.refused, reused: true } };
      if (o.expiresAt - EXPIRY_MARGIN_MS > performance.now()) return o;
    } catch {
      // Another check's attempt failed (a time-out, a reset): that says nothing about the credentials; try here.
    }
  }
  const attempt = requestToken(s, input, c);
  cache.set(key, attempt);
  attempt.catch(() => cache.get(key) === attempt && cache.delete(key));
  return attempt;
}

/**
 * Sends the check's first request with the credentials, signing in first for oauth. Returns the
 * answer, or the refusal (now or earlier in the run) when the credentials were not accepted.
 */
export async function firstCall(s: CdpSession, input: ApiInput, ctx: ProbeContext, c: Credentials, send: () => Promise<Answer>): Promise<Answer | { refused: ApiRefusal }> {
  if (input.auth === 'oauth') {
    const t = await bearer(s, input, ctx, c);
    if ('refused' in t) return t;
    s.secrets.push(t.token);
    s.authorization = `Bearer ${t.token}`;
    const a = await send();
    // A refused token is this key's scope or region, not a bad secret: later checks may still get in.
    return refusedStatus(a.status) ? { refused: apiRefusal(a) } : a;
  }
  s.authorization = basicAuth(c);
  const opened = await unlessRefused(ctx.net, credentialKey(input.baseUrl, [input.apiKeyVariable, input.apiSecretVariable]), async () => {
    const a = await send();
    return { value: a, ...(refusedStatus(a.status) ? { refused: apiRefusal(a) } : {}) };
  });
  if ('earlier' in opened) return { refused: { ...opened.earlier, at: 'api' } };
  return opened.refused ? { refused: apiRefusal(opened.value) } : opened.value;
}

export const apiRefusal = (a: Answer): ApiRefusal => ({ status: a.status, at: 'api', ...(a.detail ? { detail: a.detail } : {}) });

/**
 * Runs `fn` with a session on the API when the credentials are set; the session's requests end
 * within the run's time limit and leave no credential in errors.
 */
export async function withApi<T>(input: ApiInput, ctx: ProbeContext, maxBody: number, fn: (s: CdpSession, c: Credentials, base: string) => Promise<T>): Promise<T | NotConfigured> {
  const creds = readCredentials({ clientKey: input.apiKeyVariable, apiToken: input.apiSecretVariable }, process.env);
  if (!('secrets' in creds)) return creds;
  const base = shown(new URL(input.baseUrl));
  return withSession(ctx, [...creds.secrets], undefined, (s) => {
    s.maxBody = maxBody;
    return fn(s, creds, base);
  });
}
