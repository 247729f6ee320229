import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoneServer, type ZoneServer } from '../../test/support/dns-server.js';
import { unusedPort } from '../../test/support/tls-server.js';
import { startResolverProxy, type ResolverProxy } from './resolver-proxy.js';

// The proxy Chromium goes through with --resolver, without the browser: plain HTTP forwarded to the
// address the DNS server gives, a CONNECT tunnel, and the failures it keeps for the page load's error.

let dns: ZoneServer;
let proxy: ResolverProxy;
const site = createServer((req, res) => {
  // /cut promises 100 bytes, sends 3 and drops the connection.
  if (req.url === '/cut') {
    res.writeHead(200, { 'content-length': '100' });
    res.write('abc');
    setTimeout(() => res.socket?.destroy(), 50);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'x-proxy-auth-seen': String(req.headers['proxy-authorization'] !== undefined) }).end(`host=${req.headers.host} path=${req.url}`);
});
let port = 0;

beforeAll(async () => {
  dns = await startZoneServer({ records: [{ name: 'plain.test', type: 'A', address: '127.0.0.1' }] });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  port = (site.address() as AddressInfo).port;
  proxy = await startResolverProxy({ resolvers: [dns.spec], resolve: {}, ca: [], timeoutMs: 3000 });
});
afterAll(async () => {
  await proxy?.close();
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
  await dns?.close();
});

const proxyPort = () => Number(new URL(proxy.url).port);
const credentials = () => `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`;

function viaProxy(options: { method?: string; path: string; host: string; auth?: boolean }): Promise<{ status: number; body: string; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const headers = { host: options.host, ...(options.auth === false ? {} : { 'proxy-authorization': credentials() }) };
    const req = request({ host: '127.0.0.1', port: proxyPort(), method: options.method ?? 'GET', path: options.path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, res }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the resolver proxy', () => {
  it('forwards plain HTTP to the address the --resolver server gives, keeping the Host header', async () => {
    const r = await viaProxy({ path: `http://plain.test:${port}/x?y=1`, host: `plain.test:${port}` });
    expect([r.status, r.body]).toEqual([200, `host=plain.test:${port} path=/x?y=1`]);
    // The proxy's credentials stay with the proxy.
    expect(r.res.headers['x-proxy-auth-seen']).toBe('false');
    expect(dns.queries).toContain('plain.test A');
  });

  it('cuts the browser\'s copy of an answer the site cut off mid-body, rather than leave it waiting', async () => {
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: proxyPort(), path: `http://plain.test:${port}/cut`, headers: { host: `plain.test:${port}`, 'proxy-authorization': credentials() } }, (res) => {
        res.on('data', () => undefined);
        res.on('aborted', () => resolve('aborted'));
        res.on('error', () => resolve('error'));
        res.on('end', () => resolve('end'));
      });
      req.on('error', () => resolve('error'));
      req.end();
    });
    expect(outcome).not.toBe('end');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('tunnels CONNECT to the resolved address', async () => {
    const socket = await new Promise<import('node:net').Socket>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: proxyPort(), method: 'CONNECT', path: `plain.test:${port}`, headers: { 'proxy-authorization': credentials() } });
      req.on('connect', (res, s) => (res.statusCode === 200 ? resolve(s) : reject(new Error(`CONNECT ${res.statusCode}`))));
      req.on('error', reject);
      req.end();
    });
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('end', () => resolve(text));
      socket.write(`GET /tunnelled HTTP/1.1\r\nhost: plain.test:${port}\r\nconnection: close\r\n\r\n`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain(`host=plain.test:${port} path=/tunnelled`);
  });

  it('asks for its credentials: another local process cannot borrow it', async () => {
    const r = await viaProxy({ path: `http://plain.test:${port}/`, host: `plain.test:${port}`, auth: false });
    expect([r.status, r.res.headers['proxy-authenticate']]).toEqual([407, 'Basic realm="golive"']);
    const tunnel = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: proxyPort(), method: 'CONNECT', path: `plain.test:${port}` });
      req.on('connect', (res) => resolve(res.statusCode ?? 0));
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(tunnel).toBe(407);
  });

  it('closes without an answer for a name that does not resolve, answers 502 to a CONNECT where nothing listens, and keeps why per host and port', async () => {
    await expect(viaProxy({ path: 'http://nowhere.test/', host: 'nowhere.test' })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(proxy.failure('NOWHERE.test', 80)?.code).toBe('DNS_NOT_FOUND');
    const closed = await unusedPort();
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: proxyPort(), method: 'CONNECT', path: `plain.test:${closed}`, headers: { 'proxy-authorization': credentials() } });
      req.on('connect', (res) => resolve(res.statusCode ?? 0));
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => resolve(-1));
      req.end();
    });
    expect(status).toBe(502);
    expect(proxy.failure('plain.test', closed)?.code).toBe('CONNECTION_REFUSED');
    // Another port of the same host is not blamed, and a port past 65535 is refused, not a crash.
    expect(proxy.failure('plain.test', port)).toBeUndefined();
    const bad = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: proxyPort(), method: 'CONNECT', path: 'plain.test:99999', headers: { 'proxy-authorization': credentials() } });
      req.on('connect', (res) => resolve(res.statusCode ?? 0));
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => resolve(-1));
      req.end();
    });
    expect(bad).toBe(502);
  });
});
