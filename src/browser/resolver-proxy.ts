import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ProbeError, type NetOptions } from '../checks/types.js';
import { addressFor } from '../net/dns.js';
import { toProbeError } from '../net/errors.js';

/**
 * A proxy on 127.0.0.1 through which Chromium reaches the sites when the run names DNS servers
 * (--resolver). Chromium resolves names with the system's DNS and has no switch for other
 * servers, so the proxy resolves each host the way every other probe does (--resolve first, then
 * the --resolver servers) and then tunnels to the address found (CONNECT: HTTPS and WebSockets)
 * or forwards to it (plain HTTP). The name stays the TLS server name and the Host header: the
 * browser still talks to the site itself through the tunnel. Playwright sends loopback traffic
 * through the proxy as well, so `localhost` is resolved like any other name.
 */
export interface ResolverProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's proxy setting. */
  url: string;
  /**
   * Basic credentials every request must carry: the proxy lives on loopback for the run, and
   * another local process should not borrow it. The browser is given them at launch.
   */
  username: string;
  password: string;
  /** Why the proxy last failed to reach host:port (a DNS or connection failure); cleared once it gets through. */
  failure(host: string, port: number): ProbeError | undefined;
  close(): Promise<void>;
}

/** Headers that belong to one connection, never passed on (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'upgrade'];

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = String(headers.connection ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const out = { ...headers };
  for (const h of [...HOP_BY_HOP, ...named]) delete out[h];
  return out;
}

/** "host:port" or "[v6]:port" of a CONNECT request. */
function authority(target: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(target);
  const port = Number(m?.[2]);
  return m && port >= 1 && port <= 65535 ? { host: m[1]!, port } : undefined;
}

const keyOf = (host: string, port: number) => `${host.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`;

export async function startResolverProxy(net: NetOptions): Promise<ResolverProxy> {
  const failures = new Map<string, ProbeError>();
  const open = new Set<Duplex>();
  const track = (s: Duplex) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };
  const password = randomBytes(18).toString('base64url');
  const expected = `Basic ${Buffer.from(`golive:${password}`).toString('base64')}`;
  const allowed = (req: IncomingMessage) => req.headers['proxy-authorization'] === expected;
  const CHALLENGE = 'HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="golive"\r\ncontent-length: 0\r\n\r\n';

  /** The address for host:port, or undefined with the failure recorded. */
  const reach = async (host: string, port: number): Promise<string | undefined> => {
    try {
      return (await addressFor(host, port, net, AbortSignal.timeout(net.timeoutMs))).address;
    } catch (err) {
      failures.set(keyOf(host, port), toProbeError(err, `resolving ${host}`));
      return undefined;
    }
  };
  const failed = (host: string, port: number, err: unknown) => failures.set(keyOf(host, port), toProbeError(err, `connecting to ${host}:${port}`));
  const through = (host: string, port: number) => failures.delete(keyOf(host, port));

  const tunnel = async (req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> => {
    track(client);
    client.on('error', () => client.destroy());
    if (!allowed(req)) return void client.end(CHALLENGE);
    const target = authority(req.url ?? '');
    const address = target ? await reach(target.host, target.port) : undefined;
    if (!target || address === undefined) return void client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
    if (client.destroyed) return;
    const upstream: Socket = connect({ host: address, port: target.port, timeout: net.timeoutMs });
    track(upstream);
    let connected = false;
    client.once('close', () => upstream.destroy());
    upstream.once('timeout', () => upstream.destroy(Object.assign(new Error('no connection in time'), { code: 'ETIMEDOUT' })));
    upstream.once('error', (err) => {
      if (connected) return void client.destroy();
      failed(target.host, target.port, err);
      client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
    });
    upstream.once('connect', () => {
      connected = true;
      through(target.host, target.port);
      upstream.setTimeout(0);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  };

  // A failure is told by closing without an answer: the browser sees an empty response (not a page
  // with status 502) and the page load asks failure() why.
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowed(req)) return void res.writeHead(407, { 'proxy-authenticate': 'Basic realm="golive"' }).end();
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      return void res.writeHead(400).end();
    }
    const port = Number(url.port) || 80;
    const address = url.protocol === 'http:' ? await reach(url.hostname, port) : undefined;
    if (address === undefined) return void res.socket?.destroy();
    const out = request({ host: address, port, method: req.method, path: `${url.pathname}${url.search}`, headers: endToEnd(req.headers), setHost: false, agent: false, timeout: net.timeoutMs }, (answer) => {
      through(url.hostname, port);
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
      // Cut off mid-body upstream: cut the browser's copy too, rather than leave it waiting.
      answer.once('aborted', () => res.destroy());
      answer.once('error', () => res.destroy());
    });
    out.on('socket', track);
    out.once('timeout', () => out.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
    out.once('error', (err) => {
      if (res.headersSent) return void res.destroy();
      failed(url.hostname, port, err);
      res.socket?.destroy();
    });
    res.once('close', () => out.destroy());
    req.pipe(out);
  };

  const server = createServer((req, res) => void forward(req, res).catch(() => res.destroy()));
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => void tunnel(req, socket, head).catch(() => socket.destroy()));
  server.on('connection', track);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    username: 'golive',
    password,
    failure: (host, p) => failures.get(keyOf(host, p)),
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}
