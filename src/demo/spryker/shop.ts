import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AccountBook } from './accounts.js';
import { findRoute, GLUE_BACKEND_ROUTES, GLUE_ROUTES, glueNotFound } from './glue.js';
import { apex, backoffice, yves } from './pages.js';
import { sendJson, sendText, type Exchange, type Route } from './respond.js';
import { CLEAN_SHOP, DEMO_HEADER, DEMO_HEADER_VALUE, type ShopApp, type ShopHosts, type ShopOptions, type ShopRequest, type SprykerShop } from './types.js';

export * from './types.js';
export { DEMO_ADMINS, DEMO_CUSTOMERS, DEMO_PASSWORD } from './accounts.js';

/**
 * A Spryker-like shop on loopback for tests and the demo: one HTTPS server for the storefront,
 * Glue, the backend API and the Back Office, told apart by the Host header (so every host shares
 * one port; golive reaches them through --resolve or the demo's DNS plus the URL's port).
 */
const SECURITY_HEADERS: [string, string][] = [
  ['strict-transport-security', 'max-age=31536000'],
  ['content-security-policy', "default-src 'self'; frame-ancestors 'none'"],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
];

export async function startSprykerShop(options: ShopOptions): Promise<SprykerShop> {
  const problems = { ...CLEAN_SHOP, ...options.problems };
  const book = new AccountBook(problems);
  const requests: ShopRequest[] = [];
  const chain = options.tls.chain ? `\n${options.tls.chain}` : '';
  const server = createServer({ key: options.tls.key, cert: `${options.tls.cert}${chain}` });
  const address = options.address ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, address);
  const urls = urlsOf(options.hosts, port);
  const apps = appsOf(options.hosts);
  const routes = routesFor(urls.yves);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader(DEMO_HEADER, DEMO_HEADER_VALUE);
    // What a launch-ready shop sends on every answer (the storefront's security-header check grades them).
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const app = apps.get(host) ?? 'unknown';
    const url = new URL(req.url ?? '/', `https://${app === 'unknown' ? 'unknown.invalid' : host}:${port}`);
    const entry: ShopRequest = { app, method: req.method ?? 'GET', host, path: url.pathname, status: 0 };
    requests.push(entry);
    res.on('finish', () => { entry.status = res.statusCode; });
    const x: Exchange = { req, res, url, entry, problems, book };
    Promise.resolve(routes[app](x)).catch(() => {
      if (!res.headersSent) sendJson(x, 500, { error: 'golive demo shop: internal error' }, 'application/json');
      else res.destroy();
    });
  });
  const resolve = Object.fromEntries(Object.values(options.hosts).filter((h): h is string => !!h).map((h) => [`${h.toLowerCase()}:${port}`, address]));
  return {
    port,
    address,
    urls,
    resolve,
    requests,
    problems,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

function listen(server: Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve((server.address() as AddressInfo).port));
  });
}

const APP_OF_HOST: Record<keyof ShopHosts, ShopApp> = { yves: 'yves', glue: 'glue', glueBackend: 'glue-backend', backoffice: 'backoffice', apex: 'apex' };

function appsOf(hosts: ShopHosts): Map<string, ShopApp> {
  const entries = (Object.keys(APP_OF_HOST) as (keyof ShopHosts)[]).flatMap((k) => (hosts[k] ? [[hosts[k].toLowerCase(), APP_OF_HOST[k]] as const] : []));
  return new Map(entries);
}

function urlsOf(hosts: ShopHosts, port: number): Record<keyof ShopHosts, string> {
  const url = (h: string | undefined) => (h ? `https://${h.toLowerCase()}:${port}` : '');
  return { yves: url(hosts.yves), glue: url(hosts.glue), glueBackend: url(hosts.glueBackend), backoffice: url(hosts.backoffice), apex: url(hosts.apex) };
}

function routesFor(yvesOrigin: string): Record<ShopApp, Route> {
  return {
    yves,
    glue: (x) => (findRoute(GLUE_ROUTES, x.entry.method, x.url.pathname) ?? glueNotFound)(x),
    'glue-backend': (x) => (findRoute(GLUE_BACKEND_ROUTES, x.entry.method, x.url.pathname) ?? glueNotFound)(x),
    backoffice,
    apex: apex(yvesOrigin),
    unknown: (x) => sendText(x, 421, 'Misdirected request: this host is not part of the golive demo shop.'),
  };
}
