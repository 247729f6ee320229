import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { described, get, jsonOf, refusedStatus, safeLink, scrub, shown, withSession, type CdpSession } from './client.js';
import { basicAuth, readCredentials } from './credentials.js';
import type { BatchInspectEvidence, BatchUpload } from './evidence.js';
import { BatchInspectInput, joinUrl } from './inputs.js';
import { credentialKey, unlessRefused } from './ledger.js';
import type { Refusal } from './target.js';

export { BatchInspectInput } from './inputs.js';

/**
 * Lists the batch uploads of the last 30 days (what the API keeps) that ended in error or
 * corrupted: GET /v2/batches/inspect?status=error,corrupted&limit=100&offset=…, one request for
 * both statuses (the documented parameter takes a comma-separated list), pages until the total
 * is read or 500 uploads. The rule picks the go-live window out of them.
 */

export const FAILED_STATUSES = ['error', 'corrupted'];
const PAGE = 100;
const MAX_PAGES = 5;
/** Uploads kept in the evidence, newest first. */
const KEEP = 200;

const text = (v: unknown, secrets: string[], max = 80): string | undefined => (typeof v === 'string' ? scrub(v, secrets).slice(0, max) : undefined);

/** One listed upload. `status` is a text in the list and an object {code, log} in the single-upload answer: both are read. */
function uploadOf(item: unknown, secrets: string[]): BatchUpload | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const u = item as Record<string, unknown>;
  const status = u.status !== null && typeof u.status === 'object' ? (u.status as Record<string, unknown>) : { code: u.status, log: u.log };
  const ref = text(u.ref, secrets) ?? text(typeof u.href === 'string' ? u.href.split('/').pop() : undefined, secrets);
  const code = text(status.code, secrets, 40);
  if (!ref || !code) return undefined;
  const log = typeof (status.log ?? u.log) === 'string' ? safeLink((status.log ?? u.log) as string, secrets) : undefined;
  const createdAt = text(u.createdAt, secrets, 40);
  const modifiedAt = text(u.modifiedAt, secrets, 40);
  return { ref, status: code.toLowerCase(), ...(createdAt ? { createdAt } : {}), ...(modifiedAt ? { modifiedAt } : {}), ...(log ? { log } : {}) };
}

interface Page {
  items: BatchUpload[];
  /** Items the page listed, readable or not. */
  listed: number;
  totalCount?: number;
  refused?: Refusal;
}

async function page(s: CdpSession, baseUrl: string, offset: number): Promise<Page> {
  const url = joinUrl(baseUrl, 'v2/batches/inspect');
  url.search = `status=${FAILED_STATUSES.join(',')}&limit=${PAGE}&offset=${offset}`;
  const a = await get(s, url);
  if (refusedStatus(a.status)) return { items: [], listed: 0, refused: { status: a.status, ...(a.detail ? { detail: a.detail } : {}) } };
  const body = jsonOf(url, a) as Record<string, unknown>;
  if (!Array.isArray(body.items)) throw new ProbeError('HTTP_PROTOCOL', `${described(url)} answered without an items list`, { hint: 'the base URL should be the CDP API; check that nothing in between rewrites the answer' });
  const items = body.items.map((i) => uploadOf(i, s.secrets)).filter((u): u is BatchUpload => u !== undefined);
  return { items, listed: body.items.length, ...(typeof body.totalCount === 'number' ? { totalCount: body.totalCount } : {}) };
}

async function readAll(input: BatchInspectInput, ctx: ProbeContext, s: CdpSession): Promise<Omit<Extract<BatchInspectEvidence, { configured: true }>, 'configured' | 'base'>> {
  const key = credentialKey(input.baseUrl, [input.clientKeyVariable, input.apiTokenVariable]);
  const opening = await unlessRefused(ctx.net, key, async () => {
    const p = await page(s, input.baseUrl, 0);
    return { value: p, ...(p.refused ? { refused: p.refused } : {}) };
  });
  const statuses = FAILED_STATUSES;
  if ('earlier' in opening) return { statuses, refused: opening.earlier, uploads: [], truncated: false };
  const first = opening.value;
  if (first.refused) return { statuses, refused: first.refused, uploads: [], truncated: false };
  const uploads = [...first.items];
  let listed = first.listed;
  let last = first;
  for (let n = 1; n < MAX_PAGES && last.listed === PAGE && (first.totalCount === undefined || listed < first.totalCount); n++) {
    last = await page(s, input.baseUrl, listed);
    uploads.push(...last.items);
    listed += last.listed;
  }
  // The API filters by status; the filter is applied here too, in case a proxy or an older API ignores it.
  const failed = uploads.filter((u) => FAILED_STATUSES.includes(u.status)).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  const unread = first.totalCount === undefined ? last.listed === PAGE : listed < first.totalCount;
  return { statuses, ...(first.totalCount !== undefined ? { totalCount: first.totalCount } : {}), uploads: failed.slice(0, KEEP), truncated: unread || failed.length > KEEP };
}

async function run(input: BatchInspectInput, ctx: ProbeContext): Promise<BatchInspectEvidence> {
  const creds = readCredentials({ clientKey: input.clientKeyVariable, apiToken: input.apiTokenVariable }, process.env);
  if (!('secrets' in creds)) return creds;
  const base = shown(new URL(input.baseUrl));
  return withSession(ctx, creds.secrets, basicAuth(creds), async (s) => {
    const read = await readAll(input, ctx, s);
    ctx.log.debug('cdp/batch-inspect', { base, uploads: read.uploads.length, refused: read.refused?.status });
    return { configured: true, base, ...read };
  });
}

export const batchInspectProbe: Probe<BatchInspectInput, BatchInspectEvidence> = {
  id: 'cdp/batch-inspect',
  description: 'Lists the batch uploads of the last 30 days in status error or corrupted (GET /v2/batches/inspect?status=error,corrupted), Basic auth from the environment; records refs, dates and log links.',
  input: BatchInspectInput,
  run,
};
