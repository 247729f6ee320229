import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ProbeError, type NetOptions } from '../checks/types.js';
import { addressFor } from '../net/dns.js';

/**
 * A proxy on 127.0.0.1 through which Chromium reaches the sites when the run names DNS servers
 * (--resolver). Chromium resolves names with the system's DNS and has no switch for other
 * servers, so the proxy resolves each host the way every other probe does (--resolve first, then
 * the --resolver servers) and then tunnels to the address found (CONNECT: HTTPS and WebSockets)
 * or forwards to it (plain HTTP). The name stays the TLS server name and the Host header: the
 * browser still talks to the site itself through the tunnel. Chromium reaches loopback addresses
 * directly, as it always does with a proxy.
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
  /** Why the proxy could not reach a host (a DNS or connection failure), by host name, lower case. */
  failure(host: string): ProbeError | undefined;
  close(): Promise<void>;
}

/** "host:port" or "[v6]:port" of a CONNECT request. */
function authority(target: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(target);
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

export async function startResolverProxy(net: NetOptions): Promise<ResolverProxy> {
  const failures = new Map<string, ProbeError>();
  const open = new Set<Duplex>();
  const track = (s: Duplex) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };

  /** The address for host:port, or undefined with the failure recorded for the host. */
  const reach = async (host: string, port: number): Promise<string | undefined> => {
    try {
      const found = await addressFor(host, port, net, AbortSignal.timeout(net.timeoutMs));
      return found.address;
    } catch (err) {
      failures.set(host.toLowerCase(), err instanceof ProbeError ? err : new ProbeError('NETWORK', `resolving ${host}: ${String(err)}`));
      return undefined;
    }
  };

  const connectFailed = (host: string) => (err: NodeJS.ErrnoException) => {
    const code = err.code === 'ECONNREFUSED' ? 'CONNECTION_REFUSED' : err.code === 'ETIMEDOUT' ? 'TIMEOUT' : err.code === 'ECONNRESET' ? 'CONNECTION_RESET' : 'NETWORK';
    failures.set(host.toLowerCase(), new ProbeError(code, `connecting to ${host}: ${err.message}`, { cause: err, transient: code !== 'CONNECTION_REFUSED' }));
  };

  const password = randomBytes(18).toString('base64url');
  const expected = `Basic ${Buffer.from(`golive:${password}`).toString('base64')}`;
  const allowed = (req: IncomingMessage) => req.headers['proxy-authorization'] === expected;
  const CHALLENGE = 'HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="golive"\r\ncontent-length: 0\r\n\r\n';

  const tunnel = async (req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> => {
    track(client);
    client.on('error', () => client.destroy());
    if (!allowed(req)) return void client.end(CHALLENGE);
    const target = authority(req.url ?? '');
    const address = target ? await reach(target.host, target.port) : undefined;
    if (!target || address === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
      return;
    }
    const upstream: Socket = connect({ host: address, port: target.port, timeout: net.timeoutMs });
    track(upstream);
    let connected = false;
    upstream.once('timeout', () => upstream.destroy(Object.assign(new Error('no connection in time'), { code: 'ETIMEDOUT' })));
    upstream.once('error', (err) => {
      if (connected) return void client.destroy();
      connectFailed(target.host)(err);
      client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
    });
    upstream.once('connect', () => {
      connected = true;
      upstream.setTimeout(0);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.once('close', () => upstream.destroy());
  };

  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowed(req)) return void res.writeHead(407, { 'proxy-authenticate': 'Basic realm="golive"' }).end();
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const port = Number(url.port) || 80;
    const address = url.protocol === 'http:' ? await reach(url.hostname, port) : undefined;
    if (address === undefined) {
      res.writeHead(502, { connection: 'close' }).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const out = request({ host: address, port, method: req.method, path: `${url.pathname}${url.search}`, headers, setHost: false, timeout: net.timeoutMs }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    out.once('timeout', () => out.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
    out.once('error', (err: NodeJS.ErrnoException) => {
      connectFailed(url.hostname)(err);
      if (!res.headersSent) res.writeHead(502, { connection: 'close' });
      res.end();
    });
    req.pipe(out);
  };

  const server = createServer((req, res) => void forward(req, res));
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => void tunnel(req, socket, head));
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
    failure: (host) => failures.get(host.toLowerCase()),
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}
