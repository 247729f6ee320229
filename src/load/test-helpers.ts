// A loopback HTTP server in its own process whose latency is known, for the load generator's tests
// and bench/latency. Its own process, so it never shares an event loop with the generator it
// measures. It records the true service time of every request server-side (from the request's
// arrival to the last byte written), which is what a client's latency is compared with.
//
// Routes (127.0.0.1, port 0):
//   /work            sleeps baseMs, or stallMs for a seeded share of requests (stallShare), then 200 JSON
//   /sleep?ms=N      sleeps N ms, then 200
//   /zero            answers at once
//   /status?code=503&every=4   every 4th request of the path answers `code`, the others 200
//   /hang            never answers
//   /reset           destroys the connection without answering
// startTruthServer(dist) -> TruthServer { origin, truth(path), reset(), close() }.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../lib/prng.js';

export interface Distribution {
  baseMs: number;
  stallMs: number;
  /** Share of /work requests that stall, 0..1, drawn from a seeded generator in arrival order. */
  stallShare: number;
  seed: number;
}

export const DEFAULT_DISTRIBUTION: Distribution = { baseMs: 20, stallMs: 200, stallShare: 0.01, seed: 7 };

type ToChild = { type: 'truth'; path: string } | { type: 'reset' };
/** What the server saw of `path` since the start or the last reset. */
export interface Truth {
  /** Service time in ms of every answered request, in completion order. */
  serviceMs: number[];
  /**
   * The server's own event-loop delay (max and p99, ms). A request that arrives while the server's
   * process is paused waits before its service time starts, so a long pause here means the
   * server-side truth under-counts what clients saw.
   */
  loopDelayMs: { max: number; p99: number };
}

type FromChild = { type: 'listening'; port: number } | ({ type: 'truth' } & Truth) | { type: 'reset' };

export interface TruthServer {
  origin: string;
  truth(path: string): Promise<Truth>;
  /** Forget the records, restart the seeded draws and the counters. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Nearest rank as HdrHistogram counts it: the value at rank round(p/100 · n), at least 1. */
export function percentileOf(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.round((p / 100) * sortedMs.length));
  return sortedMs[Math.min(rank, sortedMs.length) - 1]!;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SELF = fileURLToPath(import.meta.url);

export async function startTruthServer(dist: Distribution = DEFAULT_DISTRIBUTION): Promise<TruthServer> {
  const child = fork(SELF, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], env: { ...process.env, GOLIVE_TRUTH_SERVER: JSON.stringify(dist) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends FromChild['type']>(type: T) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<FromChild, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`truth server exited (${code}) before answering ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = <T extends FromChild['type']>(msg: ToChild & { type: T }) => {
    const answer = next(msg.type);
    child.send(msg);
    return answer;
  };
  const { port } = await next('listening');
  return {
    origin: `http://127.0.0.1:${port}`,
    truth: async (p) => {
      const { serviceMs, loopDelayMs } = await ask({ type: 'truth', path: p });
      return { serviceMs, loopDelayMs };
    },
    reset: async () => void (await ask({ type: 'reset' })),
    close: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The child: serve until the parent goes away. */
function serve(dist: Distribution): void {
  let draw = mulberry32(dist.seed);
  const records = new Map<string, number[]>();
  const counters = new Map<string, number>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', 'http://x');
    const count = (counters.get(url.pathname) ?? 0) + 1;
    counters.set(url.pathname, count);
    res.once('finish', () => {
      const list = records.get(url.pathname) ?? [];
      list.push(performance.now() - arrived);
      records.set(url.pathname, list);
    });
    const answer = (status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
    req.resume();
    req.once('end', () => {
      if (url.pathname === '/hang') return;
      if (url.pathname === '/reset') return void req.socket.destroy();
      if (url.pathname === '/zero') return answer();
      if (url.pathname === '/status') return answer(count % Number(url.searchParams.get('every') ?? 1) === 0 ? Number(url.searchParams.get('code') ?? 500) : 200);
      const ms = url.pathname === '/sleep' ? Number(url.searchParams.get('ms') ?? 0) : draw() < dist.stallShare ? dist.stallMs : dist.baseMs;
      setTimeout(answer, ms);
    });
  };
  const server = createServer({ keepAliveTimeout: 60_000 }, handle);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  process.on('message', (m: ToChild) => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    if (m.type === 'truth') process.send?.({ type: 'truth', serviceMs: records.get(m.path) ?? [], loopDelayMs: { max: ms(loop.max), p99: ms(loop.percentile(99)) } } satisfies FromChild);
    if (m.type === 'reset') {
      records.clear();
      counters.clear();
      loop.reset();
      draw = mulberry32(dist.seed);
      process.send?.({ type: 'reset' } satisfies FromChild);
    }
  });
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies FromChild));
}

const spec = process.env.GOLIVE_TRUTH_SERVER;
if (spec && process.send && process.argv[1] === SELF) serve(JSON.parse(spec) as Distribution);
