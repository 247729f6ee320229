// A local shop for the page checks: real HTTPS on loopback (a certificate from a test CA made at
// test start), reached under shop host names through --resolve-style overrides, serving pages that
// run the REAL @sitecore-cloudsdk/events and /personalize 0.6.1 from node_modules (bundled for the
// browser with esbuild into a temp dir at start) against a local edge (test/support/page-edge.ts).
//
// API
//   const site = await startPageSite()
//   site.url('/', PROD)          -> https://www.shop.test:PORT/   (the good page; BROKEN paths in page-pages.ts)
//   site.net                     -> { resolve, ca }: the NetOptions part that reaches the site
//   site.edge                    -> EdgeCall[] the edge received (reset with site.edge.length = 0)
//   await site.close()
//
// Hosts: PROD www.shop.test (the SDK), STAGING staging.shop.test (no SDK), QA qa.shop.test (the SDK
// leaked onto a non-production host), EDGE edge.shop.test (the edge API). Also /login, /product,
// /sale, /members, /bestsellers (plain pages), /late-banner (consent button after 800 ms, a cookie
// before it), /marker-slot (a slot container carrying data-variant), /img/boots.png, /hang (never answers).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeCertificates } from './certs.js';
import { ROOT } from './cli.js';
import { edgeHandler, type EdgeCall } from './page-edge.js';
import { BROKEN, GOOD, shopPage, type PageVariant } from './page-pages.js';

export const PROD = 'www.shop.test';
export const STAGING = 'staging.shop.test';
export const QA = 'qa.shop.test';
export const EDGE = 'edge.shop.test';
const HOSTS = [PROD, STAGING, QA, EDGE];

export interface PageSite {
  port: number;
  url(pathname: string, host?: string): string;
  net: { resolve: Record<string, string>; ca: string[] };
  edge: EdgeCall[];
  close(): Promise<void>;
}

const ENTRY = `
import { CloudSDK } from '@sitecore-cloudsdk/core/browser';
import { event, identity, pageView } from '@sitecore-cloudsdk/events/browser';
import { personalize } from '@sitecore-cloudsdk/personalize/browser';
window.ShopSDK = { CloudSDK, event, identity, pageView, personalize };
`;

let bundled: Promise<string> | undefined;
/** The Cloud SDK as one browser script, built once per process into a temp dir. */
export function sdkBundle(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-cloudsdk-'));
    try {
      const outfile = path.join(dir, 'sitecore-cloudsdk.js');
      await build({ stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js' }, bundle: true, format: 'iife', platform: 'browser', target: 'es2020', outfile, logLevel: 'error' });
      return readFileSync(outfile, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return bundled;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const PLAIN = (title: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

type Answer = { status?: number; type: string; body: string | Buffer; headers?: Record<string, string> } | 'hang';

function siteAnswer(host: string, url: URL, edge: string, sdk: string): Answer {
  const html = (v: PageVariant, kind?: 'home' | 'login' | 'product') => ({ type: 'text/html', body: shopPage(v, edge, kind), ...(v.csp ? { headers: { 'content-security-policy': v.csp } } : {}) });
  const p = url.pathname;
  if (p === '/hang') return 'hang';
  if (p === '/assets/sitecore-cloudsdk.js') return host === STAGING ? { status: 404, type: 'text/plain', body: 'not found' } : { type: 'text/javascript', body: sdk };
  if (p === '/img/boots.png') return { type: 'image/png', body: PNG };
  if (['/sale', '/members', '/bestsellers'].includes(p)) return { type: 'text/html', body: PLAIN(p.slice(1)) };
  // A consent banner that shows 800 ms after a cookie was already set; a slot whose container carries its variant marker.
  if (p === '/late-banner') return { type: 'text/html', body: `<!doctype html><html lang="en"><head><title>late</title></head><body><script>document.cookie = 'early=1; path=/';
setTimeout(() => { const b = document.createElement('button'); b.id = 'accept'; b.textContent = 'Accept'; document.body.append(b); }, 800);</script></body></html>` };
  // A redirect to `to`, and a page whose image takes that redirect: hops the browser follows on its own.
  if (p === '/away') return { status: 302, type: 'text/plain', body: '', headers: { location: url.searchParams.get('to') ?? '/' } };
  if (p === '/hop-image') return { type: 'text/html', body: `<!doctype html><html lang="en"><head><title>hop</title></head><body><img src="/away?to=${encodeURIComponent(url.searchParams.get('to') ?? '/')}"></body></html>` };
  // A slot far below the window with two lazy images: one that exists and one that does not.
  if (p === '/lazy-slot') return { type: 'text/html', body: '<!doctype html><html lang="en"><head><title>lazy</title></head><body><div style="height:5000px">top</div><section id="below">Later <img loading="lazy" src="/img/boots.png" width="10" height="10"><img loading="lazy" src="/img/missing.png" width="10" height="10"></section></body></html>' };
  if (p === '/marker-slot') return { type: 'text/html', body: '<!doctype html><html lang="en"><head><title>marker</title></head><body><section id="hero" data-variant="B"></section><div id="empty"></div></body></html>' };
  const variant = host === STAGING ? { ...GOOD, sdk: false } : p in BROKEN ? { ...GOOD, ...BROKEN[p] } : GOOD;
  if (p === '/login') return html(variant, 'login');
  if (p === '/product') return html(variant, 'product');
  if (p === '/' || p in BROKEN) return html(variant);
  return { status: 404, type: 'text/html', body: PLAIN('Not found') };
}

export async function startPageSite(): Promise<PageSite> {
  const [certs, sdk] = await Promise.all([makeCertificates(HOSTS), sdkBundle()]);
  const tls = certs.cases.good;
  const edge: EdgeCall[] = [];
  const onEdge = edgeHandler(edge);
  let port = 0;
  const server: Server = createServer({ key: tls.key, cert: tls.cert + tls.chain }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host}:${port}`);
    if (host === EDGE) return void onEdge(req, res, url);
    const a = siteAnswer(host, url, `https://${EDGE}:${port}`, sdk);
    if (a === 'hang') return;
    res.writeHead(a.status ?? 200, { 'content-type': a.type, ...(a.headers ?? {}) });
    res.end(a.body);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (pathname, host = PROD) => `https://${host}:${port}${pathname}`,
    net: { resolve: Object.fromEntries(HOSTS.map((h) => [`${h}:${port}`, '127.0.0.1'])), ca: certs.ca },
    edge,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
