// The web side of the sweep: per site an HTTPS server and an HTTP server on its own loopback
// address (127.0.0.N+1), all HTTPS servers on one port and all HTTP servers on another. The apex
// redirects to www, http:// redirects to https://, /old-k to /new-k; www serves a page with
// security headers, /robots.txt and /health. Every request is logged (the exporter replays them).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Site } from './sweep-dns.js';

export const REDIRECT_ROWS = 3;

export interface SeenRequest {
  scheme: 'http' | 'https';
  address: string;
  port: number;
  /** The Host header as sent ("www.h1.bench.test:PORT"). */
  host: string;
  method: string;
  /** Path and query. */
  url: string;
  /** The headers the request carried that change the answer (CORS preflight). */
  headers: Record<string, string>;
  status: number;
}

export interface Sites {
  httpsPort: number;
  httpPort: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

const SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

const hostName = (host: string) => host.replace(/:\d+$/, '').toLowerCase();

/** What www answers on https: fixed paths, old -> new redirects, else the page (with its canonical link). */
function wwwAnswer(origin: string, method: string, url: URL): Answer {
  const secure = { ...SECURITY_HEADERS };
  if (method === 'OPTIONS') return { status: 204, headers: secure };
  if (url.pathname === '/robots.txt') return { status: 200, headers: { ...secure, 'content-type': 'text/plain' }, body: `User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap.xml\n` };
  if (url.pathname === '/health') return { status: 200, headers: { ...secure, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'ok', checks: { database: 'up' } }) };
  const old = /^\/old-(\d+)$/.exec(url.pathname);
  if (old) return { status: 301, headers: { ...secure, location: `${origin}/new-${old[1]}` } };
  const page = `${origin}${url.pathname}`;
  const body = `<!doctype html><html><head><title>bench</title><link rel="canonical" href="${page}"></head><body><h1>${url.pathname}</h1></body></html>`;
  return { status: 200, headers: { ...secure, 'content-type': 'text/html; charset=utf-8' }, body };
}

function httpsAnswer(req: IncomingMessage, httpsPort: number): Answer {
  const host = hostName(req.headers.host ?? '');
  const url = new URL(req.url ?? '/', `https://${host}:${httpsPort}`);
  if (!host.startsWith('www.')) return { status: 301, headers: { ...SECURITY_HEADERS, location: `https://www.${host}:${httpsPort}${url.pathname}${url.search}` } };
  return wwwAnswer(`https://${host}:${httpsPort}`, req.method ?? 'GET', url);
}

function httpAnswer(req: IncomingMessage, httpsPort: number): Answer {
  return { status: 301, headers: { location: `https://${hostName(req.headers.host ?? '')}:${httpsPort}${req.url ?? '/'}` } };
}

type Answerer = (req: IncomingMessage, httpsPort: number) => Answer;

function handler(scheme: 'http' | 'https', answer: Answerer, ports: { https: number }, log: SeenRequest[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const a = answer(req, ports.https);
    const local = req.socket.address() as AddressInfo;
    const headers = Object.fromEntries(['origin', 'access-control-request-method'].flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h]]] : [])));
    log.push({ scheme, address: local.address, port: local.port, host: req.headers.host ?? '', method: req.method ?? 'GET', url: req.url ?? '/', headers, status: a.status });
    res.writeHead(a.status, a.headers);
    res.end(req.method === 'HEAD' ? undefined : a.body ?? '');
  };
}

async function listen(server: Server, port: number, address: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

const closeServer = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });

/** One server per address, all on the same port: the first takes a free port, the rest follow (retried if taken). */
async function onEveryAddress(addresses: string[], make: () => Server): Promise<{ port: number; servers: Server[] }> {
  for (let attempt = 0; ; attempt++) {
    const servers: Server[] = [];
    try {
      let port = 0;
      for (const address of addresses) {
        const server = make();
        servers.push(server);
        port = await listen(server, port, address);
      }
      return { port, servers };
    } catch (err) {
      await Promise.all(servers.filter((s) => s.listening).map(closeServer));
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw err;
    }
  }
}

export async function startSites(list: Site[], tls: { key: string; cert: string }): Promise<Sites> {
  const requests: SeenRequest[] = [];
  const ports = { https: 0 };
  const addresses = list.map((s) => s.address);
  const secure = await onEveryAddress(addresses, () => createHttpsServer({ key: tls.key, cert: tls.cert }, handler('https', httpsAnswer, ports, requests)));
  ports.https = secure.port;
  let plain: { port: number; servers: Server[] };
  try {
    plain = await onEveryAddress(addresses, () => createHttpServer(handler('http', httpAnswer, ports, requests)));
  } catch (err) {
    await Promise.all(secure.servers.map(closeServer));
    throw err;
  }
  const all = [...secure.servers, ...plain.servers];
  for (const s of all) s.on('clientError', (_e, socket) => socket.destroy());
  return { httpsPort: secure.port, httpPort: plain.port, requests, close: async () => void (await Promise.all(all.map(closeServer))) };
}

/** The redirect map of a site, as CSV: /old-k -> /new-k, relative to the rule's base. */
export function redirectMapCsv(): string {
  return ['old,new', ...Array.from({ length: REDIRECT_ROWS }, (_, i) => `/old-${i + 1},/new-${i + 1}`)].join('\n') + '\n';
}
