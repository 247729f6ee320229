// A Sitecore CDP API stand-in for tests: a real HTTP(S) server on loopback (port 0) that follows the
// documented contract of the endpoints golive's cdp checks call (../shared/reference/sitecore-cdp-personalize.md
// sections 1-3 and "APIs (with credentials)"). Tests reach it under the real regional host names through
// NetOptions.resolve and trust its certificate through NetOptions.ca, so the probes run exactly the code a
// user runs; nothing in src knows about this server.
//
// API
//   const api = await startCdpApi({ clientKey, apiToken, region: 'eu', guests, batches })
//   api.baseUrl('eu')   -> "https://api-engage-eu.sitecorecloud.io:PORT" (any region: the tenant lives in one)
//   api.net()           -> { resolve, ca } to spread into NetOptions
//   api.requests        -> every request seen (method, url, headers)
//   api.browsers        -> browsers created so far ({ ref, customerRef })
//   await api.close()
//
// Contract kept:
//   GET /v1.2/browser/create.json?client_key=…&message={}  200 {status:"OK", version:"1.2", client_key, ref, customer_ref};
//       401 for a key that is not the tenant's or a host of another region ("wrong endpoint or client key"); 400 without a JSON message.
//   GET /v2/guests?identifiers.provider=&identifiers.id=[&expand=true] (or ?email=)  Basic auth (client key : API token), else 401;
//       200 {href, offset, limit, items}; items are {href} unless expand=true (and the tenant expands), then whole guests.
//       Providers match case-sensitively, as identity rules do.
//   GET /v2/guests/{ref}  the whole guest, or 404.
//   GET /v2/batches/inspect?status=a,b&limit=&offset=  Basic auth; 200 {totalCount, offset, limit, items:[{href, ref, status,
//       log?, createdAt, modifiedAt}]}: the last 30 days, newest first, filtered by the comma-separated statuses.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { selfSignedCert, startHttpServer, type TestServer } from './http-servers.js';

export type CdpRegion = 'eu' | 'us' | 'ap' | 'jpe';
export const CDP_REGIONS: CdpRegion[] = ['eu', 'us', 'ap', 'jpe'];
export const cdpHost = (region: CdpRegion): string => `api-engage-${region}.sitecorecloud.io`;

export interface FakeGuest {
  ref: string;
  guestType: 'visitor' | 'customer' | 'traveller';
  identifiers: { provider: string; id: string }[];
  email?: string;
  firstName?: string;
}

export type BatchStatus = 'uploading' | 'file_uploaded' | 'processing' | 'success' | 'corrupted' | 'error';

export interface FakeBatch {
  ref: string;
  status: BatchStatus;
  createdAt: string;
  modifiedAt?: string;
  /** The error log's URI (status error). */
  log?: string;
}

export interface CdpTenant {
  clientKey: string;
  apiToken: string;
  /** The region whose host serves this tenant; the other regions' hosts answer 401. */
  region: CdpRegion;
  guests?: FakeGuest[];
  batches?: FakeBatch[];
  /** Whether the guest search honours expand=true (default true); false answers {href} items only, as without expand. */
  expandItems?: boolean;
  /** The API's clock for the 30-day window of the batch listing (default: real time). */
  now?: () => Date;
}

export interface CdpApi extends TestServer {
  tenant: CdpTenant;
  browsers: { ref: string; customerRef: string }[];
  baseUrl(region?: CdpRegion): string;
  net(): { resolve: Record<string, string>; ca: string[] };
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });
const notFound = (): Reply => json(404, { status: 404, code: 404, message: 'Resource not found' });
const unauthorized = (): Reply => json(401, { status: 401, code: 401, message: 'Unauthorized' }, { 'www-authenticate': 'Basic realm="Sitecore CDP"' });

/** The region a request came in on (127.0.0.1 stands for the tenant's own host). */
function regionOf(req: IncomingMessage, tenant: CdpTenant): string {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  return /^api-engage-([a-z]+)\.sitecorecloud\.io$/.exec(host)?.[1] ?? tenant.region;
}

function authorised(req: IncomingMessage, tenant: CdpTenant): boolean {
  const expected = `Basic ${Buffer.from(`${tenant.clientKey}:${tenant.apiToken}`).toString('base64')}`;
  return req.headers.authorization === expected && regionOf(req, tenant) === tenant.region;
}

function createBrowser(url: URL, req: IncomingMessage, api: Pick<CdpApi, 'tenant' | 'browsers'>): Reply {
  if (url.searchParams.get('client_key') !== api.tenant.clientKey || regionOf(req, api.tenant) !== api.tenant.region) return unauthorized();
  try {
    JSON.parse(url.searchParams.get('message') ?? '');
  } catch {
    return json(400, { status: 400, message: 'message must be a JSON object' });
  }
  const browser = { ref: randomUUID(), customerRef: randomUUID() };
  api.browsers.push(browser);
  return json(200, { status: 'OK', version: '1.2', client_key: api.tenant.clientKey, ref: browser.ref, customer_ref: browser.customerRef });
}

function fullGuest(g: FakeGuest, origin: string): Record<string, unknown> {
  return { href: `${origin}/v2/guests/${g.ref}`, ref: g.ref, guestType: g.guestType, ...(g.email ? { email: g.email, emails: [g.email] } : {}), ...(g.firstName ? { firstName: g.firstName } : {}), identifiers: g.identifiers };
}

function searchGuests(url: URL, origin: string, tenant: CdpTenant): Reply {
  const q = url.searchParams;
  const provider = q.get('identifiers.provider');
  const id = q.get('identifiers.id');
  const email = q.get('email');
  const match = (g: FakeGuest) => (provider !== null && id !== null ? g.identifiers.some((i) => i.provider === provider && i.id === id) : email !== null && g.email === email);
  const offset = Number(q.get('offset') ?? 0);
  const limit = Math.min(Number(q.get('limit') ?? 10), 100);
  const found = (tenant.guests ?? []).filter(match).slice(offset, offset + limit);
  const expand = q.get('expand') === 'true' && tenant.expandItems !== false;
  const items = found.map((g) => (expand ? fullGuest(g, origin) : { href: `${origin}/v2/guests/${g.ref}` }));
  return json(200, { href: `${origin}${url.pathname}?offset=${offset}&limit=${limit}&${q.toString()}`, offset, limit, items });
}

const DAY = 86_400_000;

function inspectBatches(url: URL, origin: string, tenant: CdpTenant): Reply {
  const q = url.searchParams;
  const statuses = (q.get('status') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const offset = Number(q.get('offset') ?? 0);
  const limit = Math.min(Number(q.get('limit') ?? 10), 100);
  const since = (tenant.now?.() ?? new Date()).getTime() - 30 * DAY;
  const matching = (tenant.batches ?? [])
    .filter((b) => Date.parse(b.createdAt) >= since && (statuses.length === 0 || statuses.includes(b.status)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const items = matching.slice(offset, offset + limit).map((b) => ({
    href: `${origin}/v2/batches/inspect/${b.ref}`, ref: b.ref, status: b.status, ...(b.log ? { log: b.log } : {}), createdAt: b.createdAt, modifiedAt: b.modifiedAt ?? b.createdAt,
  }));
  return json(200, { totalCount: matching.length, offset, limit, items });
}

function route(req: IncomingMessage, api: Pick<CdpApi, 'tenant' | 'browsers'>): Reply {
  const origin = `https://${req.headers.host ?? cdpHost(api.tenant.region)}`;
  const url = new URL(req.url ?? '/', origin);
  if (req.method !== 'GET') return json(405, { status: 405, message: 'Method not allowed' });
  if (url.pathname === '/v1.2/browser/create.json') return createBrowser(url, req, api);
  const guarded: [RegExp, () => Reply][] = [
    [/^\/v2\/guests$/, () => searchGuests(url, origin, api.tenant)],
    [/^\/v2\/guests\/([^/]+)$/, () => {
      const g = (api.tenant.guests ?? []).find((x) => x.ref === decodeURIComponent(url.pathname.split('/').pop()!));
      return g ? json(200, fullGuest(g, origin)) : notFound();
    }],
    [/^\/v2\/batches\/inspect$/, () => inspectBatches(url, origin, api.tenant)],
  ];
  const hit = guarded.find(([re]) => re.test(url.pathname));
  if (!hit) return notFound();
  return authorised(req, api.tenant) ? hit[1]() : unauthorized();
}

/** Start the stand-in; `tls: false` serves plain HTTP (the base URLs then start with http://). */
export async function startCdpApi(tenant: CdpTenant, options: { tls?: boolean } = {}): Promise<CdpApi> {
  const tls = options.tls === false ? undefined : selfSignedCert(CDP_REGIONS.map(cdpHost));
  const state = { tenant, browsers: [] as { ref: string; customerRef: string }[] };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const reply = route(req, state);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  };
  const server = await startHttpServer(handler, tls ? { tls } : {});
  const scheme = tls ? 'https' : 'http';
  return {
    ...server,
    ...state,
    baseUrl: (region = tenant.region) => `${scheme}://${cdpHost(region)}:${server.port}`,
    net: () => ({ resolve: Object.fromEntries(CDP_REGIONS.map((r) => [`${cdpHost(r)}:*`, '127.0.0.1'])), ca: tls ? [tls.cert] : [] }),
  };
}
