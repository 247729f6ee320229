import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { dispatcherFor } from '../../net/http.js';
import { toProbeError } from '../../net/errors.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { followChain } from './chain.js';
import { deadline } from './client.js';
import type { RedirectMapEvidence, RedirectMapRow } from './evidence.js';
import { finalResponse } from './final-response.js';
import { readRedirectMap, type MapRow } from './redirect-map-file.js';

export const RedirectMapInput = z.strictObject({
  file: z.string().min(1),
  base: z.url({ protocol: /^https?$/ }).optional(),
  maxRows: z.number().int().min(1).max(20_000).default(1000),
  maxRedirects: z.number().int().min(1).max(30).default(10),
});
export type RedirectMapInput = z.infer<typeof RedirectMapInput>;

/** Rows followed at once: enough to be quick, few enough not to look like an attack. */
const CONCURRENCY = 4;
const ROW_BODY_BYTES = 1024 * 1024;

interface Followed {
  row: RedirectMapRow;
  error?: ProbeError;
}

/** One row, with its own time limit: a slow row costs at most timeoutMs and the map goes on. */
async function followRow(row: MapRow, input: RedirectMapInput, dispatcher: Dispatcher, ctx: ProbeContext): Promise<Followed> {
  const signal = deadline(ctx.signal, ctx.net.timeoutMs);
  const chain = await followChain(dispatcher, row.old, { method: 'GET', follow: true, maxRedirects: input.maxRedirects, maxBodyBytes: ROW_BODY_BYTES, headers: {}, readBody: true }, signal);
  const last = chain.hops[chain.hops.length - 1];
  const done = last && !chain.error ? finalResponse(last, chain.body) : undefined;
  const evidence: RedirectMapRow = {
    line: row.line,
    old: row.old,
    new: row.new,
    hops: chain.hops.map((h) => ({ url: h.url, status: h.status, ...(h.location ? { location: h.location } : {}) })),
    finalUrl: done?.url ?? null,
    finalStatus: done?.status ?? null,
    canonical: done?.canonicals[0] ?? null,
    ...(chain.error ? { error: { code: chain.error.code, message: chain.error.message } } : {}),
  };
  return { row: evidence, ...(chain.error ? { error: chain.error } : {}) };
}

async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/** When no row could be checked, and all for the same network reason, the map cannot be verified. */
function commonFailure(results: Followed[]): ProbeError | undefined {
  const first = results[0]?.error;
  if (!first || first.code === 'HTTP_REDIRECT_LOOP') return undefined;
  return results.every((r) => r.error?.code === first.code) ? first : undefined;
}

/** The run's time limit (or the user) stopped the map: say how far it got, since big maps need more time. */
function stopped(ctx: ProbeContext, file: string, results: Followed[]): ProbeError {
  const error = toProbeError(ctx.signal.reason, `checking the redirect map ${file}`, ctx.signal);
  if (error.code !== 'TIMEOUT') return error;
  const done = results.filter((r) => !r.error || r.error.code !== 'TIMEOUT').length;
  return new ProbeError('TIMEOUT', `${file}: ${done} of ${results.length} rows checked within the ${ctx.net.timeoutMs} ms time limit`, {
    hint: `a map is checked ${CONCURRENCY} rows at a time within one --timeout; raise --timeout (about ${Math.ceil(results.length / CONCURRENCY)} x the time of one redirect) or split the map`,
    transient: false,
  });
}

async function run(input: RedirectMapInput, ctx: ProbeContext): Promise<RedirectMapEvidence> {
  const all = await readRedirectMap(input.file, ctx.cwd, input.base);
  const rows = all.slice(0, input.maxRows);
  const dispatcher = dispatcherFor(ctx.net, ctx.signal);
  let results: Followed[];
  try {
    results = await pool(rows, CONCURRENCY, (row) => followRow(row, input, dispatcher, ctx));
  } finally {
    await dispatcher.destroy();
  }
  if (ctx.signal.aborted) throw stopped(ctx, input.file, results);
  const common = commonFailure(results);
  if (common) throw common;
  ctx.log.debug('http/redirect-map', { file: input.file, rows: rows.length });
  return { file: input.file, rows: results.map((r) => r.row), totalRows: all.length, truncated: all.length > rows.length };
}

export const redirectMapProbe: Probe<RedirectMapInput, RedirectMapEvidence> = {
  id: 'http/redirect-map',
  description: 'Reads a CSV redirect map (old,new) and follows every old URL, recording each hop, the final URL and status, and its canonical link.',
  input: RedirectMapInput,
  run,
};
