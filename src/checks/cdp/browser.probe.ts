import type { Probe, ProbeContext } from '../types.js';
import { get, jsonOf, refusedStatus, scrub, shown, withSession, type Answer } from './client.js';
import { readCredentials } from './credentials.js';
import type { BrowserEvidence } from './evidence.js';
import { BrowserInput, joinUrl } from './inputs.js';

export { BrowserInput } from './inputs.js';

/**
 * Creates one browser with the client key, the way a page does before its first event:
 * GET /v1.2/browser/create.json?client_key=…&message={}. It needs no API token; the key is read from
 * the environment when the probe runs and kept out of the evidence (the answer echoes it).
 */

/** The fields a rule reads; the echoed client_key is left out. */
function answerOf(a: Answer, secrets: string[]): NonNullable<Extract<BrowserEvidence, { configured: true }>['answer']> {
  if (a.json === null || typeof a.json !== 'object') return { text: a.text.slice(0, 200) };
  const j = a.json as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? scrub(v, secrets).slice(0, 120) : undefined);
  const said = { status: text(j.status), version: text(j.version), ref: text(j.ref), customerRef: text(j.customer_ref) };
  return Object.fromEntries(Object.entries(said).filter(([, v]) => v !== undefined));
}

async function run(input: BrowserInput, ctx: ProbeContext): Promise<BrowserEvidence> {
  const creds = readCredentials({ clientKey: input.clientKeyVariable }, process.env);
  if (!('secrets' in creds)) return creds;
  const url = joinUrl(input.baseUrl, 'v1.2/browser/create.json');
  url.searchParams.set('client_key', creds.clientKey);
  url.searchParams.set('message', '{}');
  const where = shown(url);
  return withSession(ctx, creds.secrets, undefined, async (s) => {
    const a = await get(s, url);
    ctx.log.debug('cdp/browser', { url: where, status: a.status });
    if (refusedStatus(a.status)) {
      return { configured: true, url: where, status: a.status, refused: { status: a.status, ...(a.detail ? { detail: a.detail } : {}) } };
    }
    // Anything but 2xx, 401 and 403 (404, 429, 5xx) cannot be judged: the check could not verify.
    if (a.status < 200 || a.status >= 300) jsonOf(url, a);
    return { configured: true, url: where, status: a.status, answer: answerOf(a, creds.secrets) };
  });
}

export const browserProbe: Probe<BrowserInput, BrowserEvidence> = {
  id: 'cdp/browser',
  description: 'Creates one anonymous browser through the CDP Stream API with the client key from the environment (GET /v1.2/browser/create.json); records the status and the refs, never the key.',
  input: BrowserInput,
  run,
};
