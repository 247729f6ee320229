import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import type { CapturedRequest, PageCapture } from '../../browser/types.js';
import { EVENT_RULES } from '../../data/event-rules.js';
import { eventOptionsFor } from '../../data/facts.js';
import { validateEvents } from '../../data/validate.js';
import { dispatcherFor } from '../../net/http.js';
import type { ProbeContext } from '../types.js';
import { MAX_LAZY_IMAGES, type EventCheck, type PageEvidence, type SitecoreCall } from './evidence.js';
import { callKind, sdkScript } from './sitecore.js';

/** Rules that cannot hold for Cloud SDK events: the SDK sends `pos: ""` and the Edge fills it from the context ID. */
const CLOUD_EXEMPT: Record<string, string> = {
  'events/pos-present': 'the Cloud SDK sends pos "" and the Edge sets the point of sale from the context ID',
  'events/pos-channel': 'the Cloud SDK sends pos "" and the Edge sets the point of sale from the context ID',
};

export function sitecoreCalls(requests: CapturedRequest[]): SitecoreCall[] {
  return requests.flatMap((r) => {
    const hit = callKind(new URL(r.url));
    if (!hit) return [];
    const { url, method, startMs, durationMs, document, status, failure, blocked, body, response } = r;
    return [{ ...hit, url, method, startMs, document, ...(durationMs !== undefined ? { durationMs } : {}), ...(status !== undefined ? { status } : {}), ...(failure ? { failure } : {}), ...(blocked ? { blocked } : {}), ...(body !== undefined ? { body } : {}), ...(response !== undefined ? { response } : {}) }];
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The page's events validated with the event rules of `golive data validate` (the same SQL, one
 * DuckDB scan over the events written as NDJSON), against the project's declared facts.
 */
export async function checkEvents(calls: SitecoreCall[], ctx: ProbeContext): Promise<PageEvidence['events']> {
  const events = calls.filter((c) => c.kind === 'events' && isObject(c.body)).map((c) => c.body as Record<string, unknown>);
  const types = [...new Set(events.map((e) => String(e.type ?? '')))];
  if (events.length === 0) return { sent: 0, types, checks: [], skipped: [] };
  const cloudOnly = calls.filter((c) => c.kind === 'events').every((c) => c.sdk === 'cloud');
  const skipped = cloudOnly ? Object.entries(CLOUD_EXEMPT).map(([id, reason]) => ({ id, reason })) : [];
  const rules = EVENT_RULES.filter((r) => !skipped.some((s) => s.id === r.id));
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-page-events-'));
  try {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const result = await validateEvents([file], { ...eventOptionsFor(ctx.cdp), rules, examples: 1, threads: 1, memoryLimit: '256MB' });
    const checks: EventCheck[] = result.rules.map((r) => ({
      id: r.id, title: r.title, severity: r.severity, applicable: r.applicable, violations: r.violations,
      ...(r.examples[0] ? { example: r.examples[0].value } : {}), ...(r.subject ? { subject: r.subject } : {}),
    }));
    return { sent: events.length, types, checks, skipped };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MAX_LINKS = 10;

/** Each URL fetched once (GET, no redirect followed) with the run's network controls: its status or why it failed. */
async function answers(urls: readonly string[], ctx: ProbeContext): Promise<{ url: string; status?: number; error?: string }[]> {
  if (urls.length === 0) return [];
  const dispatcher = dispatcherFor(ctx.net, ctx.signal);
  try {
    return await Promise.all(urls.map(async (url) => {
      try {
        const r = await request(url, { method: 'GET', dispatcher, signal: ctx.signal });
        await r.body.dump();
        return { url, status: r.statusCode };
      } catch (err) {
        return { url, error: (err instanceof Error ? err.message : String(err)).slice(0, 200) };
      }
    }));
  } finally {
    await dispatcher.close();
  }
}

/** Each slot link fetched once with the run's network controls. */
export async function checkLinks(capture: PageCapture, ctx: ProbeContext): Promise<PageEvidence['links']> {
  return answers([...new Set(capture.slots.flatMap((s) => s.links ?? []).map((l) => l.href).filter((h) => /^https?:/i.test(h)))].slice(0, MAX_LINKS), ctx);
}

/**
 * The slots with each lazy image the browser has not asked for yet (loading="lazy", below the
 * window) fetched by the probe instead, so that an image a visitor sees on scrolling is judged by
 * its answer rather than counted as broken.
 */
export async function checkLazyImages(capture: PageCapture, ctx: ProbeContext): Promise<PageCapture['slots']> {
  const urls = [...new Set(capture.slots.flatMap((s) => s.images ?? []).filter((i) => i.lazy && /^https?:/i.test(i.src)).map((i) => i.src))].slice(0, MAX_LAZY_IMAGES);
  const found = new Map((await answers(urls, ctx)).map(({ url, ...answer }) => [url, answer]));
  return capture.slots.map((s) => (s.images === undefined ? s : { ...s, images: s.images.map((i) => (i.lazy ? { ...i, ...found.get(i.src) } : i)) }));
}

export function sdkOf(capture: PageCapture): PageEvidence['sdk'] {
  const c = capture.cloud;
  const settings = c?.core?.settings;
  const cloud = c ? {
    ...(c.core ? { core: c.core.version } : {}), ...(c.events ? { events: c.events.version } : {}), ...(c.personalize ? { personalize: c.personalize.version } : {}),
    ...(settings ? { edgeUrl: settings.sitecoreEdgeUrl, siteName: settings.siteName, contextId: settings.sitecoreEdgeContextId } : {}),
  } : undefined;
  const scripts = capture.requests.flatMap((r) => {
    const sdk = r.type === 'script' ? sdkScript(new URL(r.url)) : undefined;
    return sdk ? [{ url: r.url, sdk, startMs: r.startMs, document: r.document, ...(r.status !== undefined ? { status: r.status } : {}), ...(r.failure ? { failure: r.failure } : {}) }] : [];
  });
  return { ...(cloud ? { cloud } : {}), ...(capture.engage ? { engage: capture.engage } : {}), scripts, copies: { cloud: capture.copies.scCloudSDK ?? 0, engage: capture.copies.Engage ?? 0 } };
}
