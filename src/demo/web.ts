import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** The demo shop on loopback: an HTTPS site with a health endpoint, and plain HTTP that redirects to it. */
export interface DemoWeb {
  httpsPort: number;
  httpPort: number;
  close(): Promise<void>;
}

function page(canonical: string): string {
  return `<!doctype html><html><head><title>Demo shop</title><link rel="canonical" href="${canonical}"></head><body><h1>Demo shop</h1></body></html>`;
}

function site(host: string, httpsPort: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `https://${host}:${httpsPort}`);
    // Most headers are in place; a content security policy is still missing.
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (url.pathname === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', database: 'ok', search: 'ok' }));
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /checkout\n');
    if (url.pathname === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(`https://${host}:${httpsPort}/`));
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  };
}

const listen = (server: Server) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

export async function startDemoWeb(host: string, certs: { key: string; cert: string }): Promise<DemoWeb> {
  const https = createHttpsServer({ key: readFileSync(certs.key), cert: readFileSync(certs.cert) });
  const httpsPort = await listen(https);
  https.on('request', site(host, httpsPort));
  // Every plain-HTTP request, on any of the shop's names, goes in one permanent hop to the canonical host.
  const http = createHttpServer((req, res) => res.writeHead(301, { location: `https://${host}:${httpsPort}${req.url ?? '/'}` }).end());
  const httpPort = await listen(http);
  const close = (s: Server) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); });
  return { httpsPort, httpPort, close: async () => { await Promise.all([close(https), close(http)]); } };
}
