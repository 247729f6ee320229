// The blackbox_exporter side of the sweep: the same wire work as golive's run, one exporter probe
// per DNS query, per HTTP request and per TLS handshake, driven over keep-alive connections.
// The exporter resolves names through the system (it cannot be pointed at our DNS server), so
// targets are IP addresses and each module carries the name: Host header and TLS server_name for
// HTTP and TLS, query_name for DNS. Hence one module per name and kind of request.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { stringify } from 'yaml';
import type { SeenRequest } from './sweep-sites.js';
import type { ServerLog } from './sweep-world.js';

export const EXPORTER = '/usr/bin/prometheus-blackbox-exporter';
const TIMEOUT = '10s';

export interface Job {
  kind: 'dns' | 'tls' | 'http';
  module: Record<string, unknown>;
  target: string;
  /** probe_success the exporter must report (a refused TLS 1.0 handshake is a 0, as with golive). */
  success: boolean;
}

/** One dns probe per query a server received, RD as golive sent it (on for the resolver only). */
export function dnsJobs(servers: ServerLog[]): Job[] {
  return servers.flatMap(({ address, port, queries, recursive }) =>
    queries.map((q): Job => {
      const [name, type] = q.split(' ');
      const dns = { query_name: name, query_type: type, recursion_desired: recursive, valid_rcodes: ['NOERROR', 'NXDOMAIN'], preferred_ip_protocol: 'ip4', ip_protocol_fallback: false };
      return { kind: 'dns', module: { prober: 'dns', timeout: TIMEOUT, dns }, target: `${address}:${port}`, success: true };
    }),
  );
}

/** One http probe per request a site received: same method, Host and headers, no redirects followed, the same status required. */
export function httpJobs(requests: SeenRequest[], caFile: string): Job[] {
  return requests.map((r): Job => {
    const name = r.host.replace(/:\d+$/, '');
    const http = {
      method: r.method,
      headers: { Host: r.host, ...r.headers },
      follow_redirects: false,
      valid_status_codes: [r.status],
      preferred_ip_protocol: 'ip4',
      ip_protocol_fallback: false,
      ...(r.scheme === 'https' ? { fail_if_not_ssl: true, tls_config: { ca_file: caFile, server_name: name } } : { fail_if_ssl: true }),
    };
    return { kind: 'http', module: { prober: 'http', timeout: TIMEOUT, http }, target: `${r.scheme}://${r.address}:${r.port}${r.url}`, success: true };
  });
}

const GO_VERSION: Record<string, string> = { TLSv1: 'TLS10', 'TLSv1.1': 'TLS11', 'TLSv1.2': 'TLS12', 'TLSv1.3': 'TLS13' };

/** A TLS handshake to address:port with SNI `name`, optionally pinned to one version. */
export function tlsJob(address: string, port: number, name: string, caFile: string, version?: { name: string; offered: boolean }): Job {
  const pin = version ? { min_version: GO_VERSION[version.name], max_version: GO_VERSION[version.name] } : {};
  const tcp = { tls: true, preferred_ip_protocol: 'ip4', ip_protocol_fallback: false, tls_config: { ca_file: caFile, server_name: name, ...pin } };
  return { kind: 'tls', module: { prober: 'tcp', timeout: TIMEOUT, tcp }, target: `${address}:${port}`, success: version?.offered ?? true };
}

export interface Prepared {
  config: string;
  /** module name + target + expected result, in job order. */
  requests: { path: string; success: boolean; label: string }[];
  modules: number;
}

/** Modules deduplicated (one per distinct setting), written as the exporter's YAML config. */
export function prepare(jobs: Job[], configFile: string): Prepared {
  const names = new Map<string, string>();
  const modules: Record<string, unknown> = {};
  const requests = jobs.map((job) => {
    const key = JSON.stringify(job.module);
    let name = names.get(key);
    if (!name) {
      name = `${job.kind}_${names.size}`;
      names.set(key, name);
      modules[name] = job.module;
    }
    return { path: `/probe?module=${encodeURIComponent(name)}&target=${encodeURIComponent(job.target)}`, success: job.success, label: `${name} ${job.target}` };
  });
  writeFileSync(configFile, stringify({ modules }));
  return { config: configFile, requests, modules: names.size };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Exporter {
  origin: string;
  /** CPU time the exporter process has used so far (user + system, every thread), from /proc. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** utime + stime of a process in ms (Linux; clock ticks assumed 100 per second, the kernel's USER_HZ). */
function procCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function waitReady(origin: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${EXPORTER} exited with ${child.exitCode}:\n${stderr()}`);
    try {
      const res = await fetch(`${origin}/-/ready`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${EXPORTER} did not become ready within 15 s:\n${stderr()}`);
}

/** Start the exporter on 127.0.0.1 and a free port; stop() ends it (SIGTERM, then SIGKILL). */
export async function startExporter(configFile: string): Promise<Exporter> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(EXPORTER, [`--config.file=${configFile}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitReady(origin, child, () => err);
  } catch (e) {
    await stop();
    throw e;
  }
  return { origin, cpuMs: () => procCpuMs(child.pid), stop };
}

/** Every request at `concurrency` at once over a keep-alive pool; returns the wall time and the mismatches. */
export async function drive(origin: string, requests: Prepared['requests'], concurrency: number): Promise<{ ms: number; mismatches: string[] }> {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const mismatches: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      try {
        const res = await pool.request({ path: r.path, method: 'GET' });
        const text = await res.body.text();
        const success = /^probe_success 1$/m.test(text);
        if (res.statusCode !== 200 || success !== r.success) mismatches.push(`${r.label}: HTTP ${res.statusCode}, probe_success ${success ? 1 : 0}, expected ${r.success ? 1 : 0}`);
      } catch (e) {
        mismatches.push(`${r.label}: ${(e as Error).message}`);
      }
    }
  };
  const t0 = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ms: performance.now() - t0, mismatches };
  } finally {
    await pool.close();
  }
}
