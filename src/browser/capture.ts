import type { Page, Request } from 'playwright-core';
import type { ProbeError } from '../checks/types.js';
import type { CapturedRequest, ConsoleEntry } from './types.js';

/** Kept JSON is cut to this many characters per string and items per list, so evidence stays small. */
const MAX_STRING = 300;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;
const MAX_REQUESTS = 500;
const MAX_CONSOLE = 100;

/** A copy of parsed JSON with long strings, long lists and deep nesting cut. */
export function clip(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => clip(v, depth + 1));
  return Object.fromEntries(Object.entries(value).slice(0, MAX_ITEMS).map(([k, v]) => [k, clip(v, depth + 1)]));
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return clip(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The JSON a tracking call carries: its POST body, or the `message` parameter of the GET form. */
function sentJson(request: Request, url: URL): unknown {
  const posted = parseJson(request.postData());
  if (posted !== undefined) return posted;
  return parseJson(url.searchParams.get('message'));
}

/**
 * Records a page's network traffic, console and uncaught errors while it loads. Times are ms after
 * `t0` (epoch ms); requests use the browser's own start time, so their order is the order the
 * page sent them, and a step's time compares with them on the same clock.
 */
export class Recorder {
  readonly requests: CapturedRequest[] = [];
  readonly console: ConsoleEntry[] = [];
  readonly errors: { message: string; atMs: number }[] = [];
  /** Why golive aborted a request (blocked, or its origin failed the CA check). */
  readonly aborted = new Map<Request, string>();
  /** By URL: requests aborted because golive could not reach their origin at all (see trust.ts), with why. */
  readonly unreached = new Map<string, ProbeError>();
  /**
   * The recorded requests the browser sent to follow a redirect. Request interception never sees
   * them, so with --ca-file their origins are verified afterwards (load.ts).
   */
  readonly hops: CapturedRequest[] = [];
  private readonly byRequest = new Map<Request, CapturedRequest>();
  private readonly pending: Promise<void>[] = [];
  /** Main-frame documents so far, less one: the first page is document 0. */
  private document = -1;

  constructor(private readonly t0: number, private readonly keepBody: (url: URL) => boolean) {}

  private since(epochMs: number): number {
    return Math.max(0, Math.round(epochMs - this.t0));
  }

  attach(page: Page): void {
    // A new document only after a main-frame navigation request: history.pushState/replaceState and
    // hash changes also fire framenavigated, but keep the same document (and its VIEW).
    let navigating = false;
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || frame.url() === 'about:blank' || !navigating) return;
      navigating = false;
      this.document++;
    });
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigating = true;
      this.onRequest(r);
    });
    page.on('requestfinished', (r) => this.pending.push(this.onFinished(r)));
    page.on('requestfailed', (r) => this.onFailed(r));
    page.on('console', (m) => {
      if (this.console.length >= MAX_CONSOLE) return;
      const where = m.location();
      this.console.push({ type: m.type(), text: m.text().slice(0, 500), atMs: this.since(Date.now()), ...(where.url ? { source: where.url } : {}) });
    });
    page.on('pageerror', (e) => {
      if (this.errors.length < MAX_CONSOLE) this.errors.push({ message: `${e.name}: ${e.message}`.slice(0, 500), atMs: this.since(Date.now()) });
    });
  }

  private onRequest(r: Request): void {
    if (this.requests.length >= MAX_REQUESTS || r.method() === 'OPTIONS') return;
    let url: URL;
    try {
      url = new URL(r.url());
    } catch {
      return;
    }
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    const started = r.timing().startTime;
    // A main-frame navigation belongs to the document it brings.
    const document = r.isNavigationRequest() && r.frame().parentFrame() === null ? this.document + 1 : Math.max(0, this.document);
    const entry: CapturedRequest = { url: r.url(), method: r.method(), type: r.resourceType(), startMs: this.since(started > 0 ? started : Date.now()), document };
    if (this.keepBody(url)) {
      const body = sentJson(r, url);
      if (body !== undefined) entry.body = body;
    }
    this.requests.push(entry);
    this.byRequest.set(r, entry);
    if (r.redirectedFrom() !== null) this.hops.push(entry);
  }

  private async onFinished(r: Request): Promise<void> {
    const entry = this.byRequest.get(r);
    if (!entry) return;
    const timing = r.timing();
    if (timing.responseEnd > 0) entry.durationMs = Math.round(timing.responseEnd);
    const response = await r.response().catch(() => null);
    if (!response) return;
    entry.status = response.status();
    if (!this.keepBody(new URL(entry.url))) return;
    const text = await response.text().catch(() => undefined);
    const json = parseJson(text);
    if (json !== undefined) entry.response = json;
  }

  private onFailed(r: Request): void {
    const entry = this.byRequest.get(r);
    if (!entry) return;
    const ours = this.aborted.get(r);
    entry.failure = ours ?? r.failure()?.errorText ?? 'failed';
    if (ours !== undefined) entry.blocked = true;
    const timing = r.timing();
    if (timing.responseEnd > 0) entry.durationMs = Math.round(timing.responseEnd);
  }

  /** Waits for response bodies still being read. */
  async settle(): Promise<void> {
    await Promise.all(this.pending);
  }

  now(): number {
    return this.since(Date.now());
  }
}
