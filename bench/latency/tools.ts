// The load generators side by side: golive's open loop (in this process), autocannon 9 (its CLI as
// a child process, with and without its coordinated-omission correction) and wrk (closed loop,
// paced with a Lua delay). Each returns what it reports: requests, achieved rate, p50 and p99 in ms.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NetOptions } from '../../src/checks/types.js';
import { runClosedLoop } from '../../src/load/generator.js';
import { openPool } from '../../src/load/pool.js';
import { findPeak } from '../../src/load/peak.js';
import { runLoad } from '../../src/load/run.js';

export interface Measured {
  requests: number;
  /** Requests per second the tool achieved. */
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  /** Anything else the tool tells about its own run. */
  note?: string;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
const NET: NetOptions = { resolvers: [], resolve: {}, ca: [], timeoutMs: 10_000 };
const OK = [{ from: 200, to: 299 }];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err.slice(0, 500)}`))));
  });
}

export async function golive(url: string, rate: number, seconds: number, connections: number): Promise<Measured> {
  const r = await runLoad({ request: { url, method: 'GET', headers: {} }, rate, durationMs: seconds * 1000, warmupMs: 0, connections, timeoutMs: 10_000, lateThresholdMs: 1, expect: OK }, NET);
  const note = `late starts ${r.stats.late.count} (worst ${r.stats.late.worstMs} ms), ${r.stats.queued.count} found every connection busy`;
  return { requests: r.stats.requests, rate: r.stats.achievedRate, p50: r.stats.latency?.p50 ?? NaN, p99: r.stats.latency?.p99 ?? NaN, errors: r.stats.errorRate * r.stats.requests, note };
}

interface AutocannonJson {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  duration: number;
  non2xx: number;
  errors: number;
}

/** autocannon -R: a rate cap; `corrected` keeps its default coordinated-omission correction, false passes -C. */
export async function autocannon(url: string, rate: number, seconds: number, connections: number, corrected: boolean): Promise<Measured> {
  const args = [AUTOCANNON, '-j', '-c', String(connections), '-R', String(rate), '-d', String(seconds), ...(corrected ? [] : ['-C']), url];
  const doc = JSON.parse(await run(process.execPath, args)) as AutocannonJson;
  return { requests: doc.requests.total, rate: doc.requests.total / doc.duration, p50: doc.latency.p50, p99: doc.latency.p99, errors: doc.non2xx + doc.errors };
}

interface WrkJson {
  requests: number;
  durationUs: number;
  errors: number;
  p50: number;
  p99: number;
}

async function wrkRun(url: string, args: string[], delayMs: number): Promise<WrkJson> {
  const out = await run('/usr/bin/wrk', [...args, '-s', path.join(HERE, 'wrk.lua'), url], { ...process.env, GOLIVE_WRK_DELAY_MS: String(delayMs) });
  const line = out.split('\n').find((l) => l.startsWith('GOLIVE_WRK '));
  if (!line) throw new Error(`wrk printed no result: ${out.slice(0, 500)}`);
  return JSON.parse(line.slice('GOLIVE_WRK '.length)) as WrkJson;
}

/** wrk paced to about `rate`: each of `connections` pauses `delayMs` before its next request. */
export async function wrkPaced(url: string, seconds: number, connections: number, delayMs: number): Promise<Measured> {
  const w = await wrkRun(url, ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'], delayMs);
  return { requests: w.requests, rate: w.requests / (w.durationUs / 1e6), p50: w.p50, p99: w.p99, errors: w.errors };
}

/** The most wrk pushes: two threads, 50 connections, no pause. */
export async function wrkMax(url: string, seconds: number): Promise<number> {
  const w = await wrkRun(url, ['-t2', '-c50', `-d${seconds}s`], 0);
  return w.requests / (w.durationUs / 1e6);
}

/** The most golive's generator pushes in a closed loop over 50 connections. */
export async function goliveClosedMax(url: string, seconds: number): Promise<number> {
  const pool = openPool(url, NET, 50, 10_000);
  try {
    const r = await runClosedLoop(pool, { request: { url, method: 'GET', headers: {} }, connections: 50, durationMs: seconds * 1000, timeoutMs: 10_000, lateThresholdMs: 1, expect: OK });
    return r.stats.requests / (r.elapsedMs / 1000);
  } finally {
    await pool.destroy();
  }
}

/** The p99 that still counts as "the server keeps up" in the open-loop peak search (loopback hiccups on a shared machine reach tens of ms). */
export const OPEN_PEAK_P99_MS = 250;

/** The highest open-loop rate golive keeps on schedule with the p99 under OPEN_PEAK_P99_MS against the zero-latency endpoint. */
export async function goliveOpenPeak(url: string, startRate: number, stepSeconds: number): Promise<{ peak: number | null; steps: string[] }> {
  const p = await findPeak({ request: { url, method: 'GET', headers: {} }, startRate, step: { kind: 'factor', value: 1.25 }, maxRate: 200_000, stepDurationMs: stepSeconds * 1000, warmupMs: 500, connections: 50, timeoutMs: 10_000, lateThresholdMs: 1, expect: OK, p99UnderMs: OPEN_PEAK_P99_MS, maxErrorRate: 0.001, maxSteps: 20 }, NET);
  const steps = p.steps.map((s) => `${Math.round(s.rate)}/s: achieved ${Math.round(s.stats.achievedRate)}, p99 ${s.stats.latency?.p99 ?? '–'} ms, late ${s.stats.late.count}${s.stats.generatorBound ? ' (generator behind)' : ''}${s.pass ? '' : ` fail: ${s.broken.join('; ')}`}`);
  return { peak: p.peakRate, steps };
}
