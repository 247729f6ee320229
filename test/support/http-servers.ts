// Real HTTP(S) servers on loopback for tests, benchmarks and the fault sweep. Nothing is mocked:
// every server listens on 127.0.0.1, port 0 (a free port), and speaks to real sockets.
//
// API
// - startHttpServer(handler, { tls? }) -> TestServer { url, origin, port, requests, close() }
//     handler(req, res, { origin }) is a plain node:http handler; `requests` records method, URL and headers.
// - startSite(table, { tls? }) -> TestServer: a server from a route table (see `routes`).
// - routes(table): a handler that answers by path+query, then path: { status, headers, body, delayMs },
//     or a function ({ origin, url, host }) => Route for answers that depend on the request (Host-based sites).
// - redirect(location, status = 301): a Route that redirects.
// - selfSignedCert(names?): { key, cert } PEMs made with the openssl CLI (cached per name list). Pass `cert`
//     as NetOptions.ca; SANs cover localhost, 127.0.0.1 and the given names (wildcards allowed).
// - FAULTS: kind -> { expect: ProbeErrorCode, what } for the misbehaving servers below.
// - startFaultServer(kind) -> FaultServer { kind, url, expect, close() }:
//     hang (accepts, never answers) · reset (TCP RST on the request) · drip-headers (one header byte per
//     second) · redirect-loop (/loop-a <-> /loop-b) · huge-body (50 MB, chunked) · broken-chunked
//     (an invalid chunk size) · wrong-content-length (Content-Length 1000, 10 bytes, then FIN).
// - startFaultServers(kinds = FAULT_KINDS) -> { servers, byKind, close() }: all of them at once (the fault sweep).
//   FAULT_KINDS lists every kind. Each server closes its open sockets on close(), so hung clients end too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeErrorCode } from '../../src/checks/types.js';

export interface TlsCert {
  key: string;
  cert: string;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  /** origin + "/" */
  url: string;
  /** "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT" */
  origin: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, server: { origin: string }) => void;

/** Destroys every open socket on close, so hanging clients never keep a test alive. */
function trackSockets(server: Server | ReturnType<typeof createNetServer>): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // TLS servers report the raw socket on 'connection' too; this covers both.
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

async function listen(server: Server | ReturnType<typeof createNetServer>): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function startHttpServer(handler: Handler, options: { tls?: TlsCert } = {}): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let origin = '';
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    handler(req, res, { origin });
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : createHttpServer(onRequest);
  server.on('clientError', (_err, socket) => socket.destroy());
  const close = trackSockets(server);
  const port = await listen(server);
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return { url: `${origin}/`, origin, port, requests, close };
}

export interface Route {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Wait this long before answering. */
  delayMs?: number;
}
export type RouteFn = (ctx: { origin: string; url: URL; host: string; req: IncomingMessage }) => Route;
export type RouteTable = Record<string, Route | RouteFn>;

export const redirect = (location: string, status = 301): Route => ({ status, headers: { location } });

/** A handler from a table keyed by "path?query" or "path"; unknown paths answer 404 (or the "*" entry). */
export function routes(table: RouteTable): Handler {
  return (req, res, { origin }) => {
    const url = new URL(req.url ?? '/', origin);
    const entry = table[url.pathname + url.search] ?? table[url.pathname] ?? table['*'];
    const route = typeof entry === 'function' ? entry({ origin, url, host: req.headers.host ?? '', req }) : entry ?? { status: 404, body: 'not found' };
    const answer = () => {
      res.writeHead(route.status ?? 200, route.headers ?? {});
      res.end(req.method === 'HEAD' ? undefined : route.body ?? '');
    };
    if (route.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  };
}

export const startSite = (table: RouteTable, options: { tls?: TlsCert } = {}) => startHttpServer(routes(table), options);

const certCache = new Map<string, TlsCert>();

/** A throw-away self-signed certificate (EC P-256, 2 days) for localhost, 127.0.0.1 and `names`. */
export function selfSignedCert(names: string[] = []): TlsCert {
  const key = names.join(',');
  const cached = certCache.get(key);
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'golive-http-cert-'));
  try {
    const san = ['DNS:localhost', 'IP:127.0.0.1', ...names.map((n) => `DNS:${n}`)].join(',');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=golive http test', '-addext', `subjectAltName=${san}`,
    ], { stdio: 'pipe' });
    const made = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    certCache.set(key, made);
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type FaultKind = 'hang' | 'reset' | 'drip-headers' | 'redirect-loop' | 'huge-body' | 'broken-chunked' | 'wrong-content-length';

/** What each fault server does and the ProbeError code an HTTP probe must end with. */
export const FAULTS: Record<FaultKind, { expect: ProbeErrorCode; what: string }> = {
  hang: { expect: 'TIMEOUT', what: 'accepts the connection, reads the request, never answers' },
  reset: { expect: 'CONNECTION_RESET', what: 'answers the request with a TCP reset' },
  'drip-headers': { expect: 'TIMEOUT', what: 'sends the response headers one byte per second' },
  'redirect-loop': { expect: 'HTTP_REDIRECT_LOOP', what: '/loop-a redirects to /loop-b and back' },
  'huge-body': { expect: 'HTTP_TOO_LARGE', what: 'streams a 50 MB body without Content-Length' },
  'broken-chunked': { expect: 'HTTP_PROTOCOL', what: 'sends an invalid chunk size in a chunked body' },
  'wrong-content-length': { expect: 'HTTP_PROTOCOL', what: 'declares Content-Length 1000, sends 10 bytes and closes' },
};

export interface FaultServer {
  kind: FaultKind;
  url: string;
  expect: ProbeErrorCode;
  close(): Promise<void>;
}

/** Raw TCP behaviours: each gets the socket once the first request bytes arrive. */
const RAW: Partial<Record<FaultKind, (s: Socket) => void>> = {
  hang: () => undefined,
  reset: (s) => s.resetAndDestroy(),
  'drip-headers': (s) => {
    const head = `HTTP/1.1 200 OK\r\nX-Drip: ${'d'.repeat(120)}\r\nContent-Length: 2\r\n\r\nok`;
    let i = 0;
    const timer = setInterval(() => {
      if (s.destroyed || i >= head.length) return clearInterval(timer);
      s.write(head[i++]!);
    }, 1000);
    s.on('close', () => clearInterval(timer));
  },
  'broken-chunked': (s) => s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nnot a chunk\r\n'),
  'wrong-content-length': (s) => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n0123456789');
    setTimeout(() => s.end(), 20);
  },
};

const HUGE_BYTES = 50 * 1024 * 1024;

/** Writes `total` bytes in 64 KiB chunks, honouring back-pressure, until done or the client goes away. */
function streamHuge(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('error', () => undefined);
  pump();
}

const HTTP_FAULTS: Partial<Record<FaultKind, Handler>> = {
  'redirect-loop': (req, res) => {
    const to = req.url?.startsWith('/loop-a') ? '/loop-b' : '/loop-a';
    res.writeHead(302, { location: to }).end();
  },
  'huge-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    streamHuge(res, HUGE_BYTES);
  },
};

async function startRaw(kind: FaultKind, behave: (s: Socket) => void): Promise<FaultServer> {
  const server = createNetServer((s) => {
    s.on('error', () => undefined);
    s.once('data', () => behave(s));
  });
  const close = trackSockets(server);
  const port = await listen(server);
  return { kind, url: `http://127.0.0.1:${port}/`, expect: FAULTS[kind].expect, close };
}

export async function startFaultServer(kind: FaultKind): Promise<FaultServer> {
  const raw = RAW[kind];
  if (raw) return startRaw(kind, raw);
  const handler = HTTP_FAULTS[kind];
  if (!handler) throw new Error(`no fault server for ${kind}`);
  const server = await startHttpServer(handler);
  const path = kind === 'redirect-loop' ? 'loop-a' : '';
  return { kind, url: `${server.origin}/${path}`, expect: FAULTS[kind].expect, close: server.close };
}

export const FAULT_KINDS = Object.keys(FAULTS) as FaultKind[];

/** Every fault server at once, e.g. for a sweep that runs each probe against each of them. */
export async function startFaultServers(kinds: FaultKind[] = FAULT_KINDS): Promise<{ servers: FaultServer[]; byKind: Partial<Record<FaultKind, FaultServer>>; close(): Promise<void> }> {
  const servers = await Promise.all(kinds.map((k) => startFaultServer(k)));
  const byKind = Object.fromEntries(servers.map((s) => [s.kind, s])) as Partial<Record<FaultKind, FaultServer>>;
  return { servers, byKind, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}
