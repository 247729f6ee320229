// Latency truth: golive's open-loop generator, autocannon 9 and wrk against one loopback server (in
// its own process) whose latency distribution is known and whose true service time per request is
// recorded server-side; then the most each generator pushes against a zero-latency endpoint.
// Run: npx tsx bench/latency/index.ts [--rate 200] [--duration 20] [--max-seconds 5]
// Prints tables and ratios; the target (golive's p50 and p99 within 5 % of the truth) is PASS or MISS.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_DISTRIBUTION, percentileOf, startTruthServer, type TruthServer } from '../../src/load/test-helpers.js';
import { autocannon, golive, goliveClosedMax, goliveOpenPeak, OPEN_PEAK_P99_MS, wrkMax, wrkPaced, type Measured } from './tools.js';

const TARGET = 0.05;
const { values } = parseArgs({ options: { rate: { type: 'string', default: '200' }, duration: { type: 'string', default: '20' }, 'max-seconds': { type: 'string', default: '5' }, connections: { type: 'string', default: '10' } } });
const rate = Number(values.rate);
const seconds = Number(values.duration);
const maxSeconds = Number(values['max-seconds']);
const connections = Number(values.connections);
if (!(rate > 0) || !(seconds >= 1) || !(maxSeconds >= 1) || !(connections >= 1)) {
  console.error('usage: npx tsx bench/latency/index.ts [--rate 200] [--duration 20] [--max-seconds 5] [--connections 10]');
  process.exit(2);
}

const dist = DEFAULT_DISTRIBUTION;
const meanServiceMs = dist.baseMs * (1 - dist.stallShare) + dist.stallMs * dist.stallShare;
// wrk is closed loop: each connection waits for its answer, then pauses, so rate ≈ c / (pause + service).
const wrkConnections = Math.max(connections, Math.ceil((rate * meanServiceMs * 2) / 1000));
const wrkDelayMs = Math.max(0, Math.round((wrkConnections * 1000) / rate - meanServiceMs));

interface Row {
  tool: string;
  got: Measured;
  truth: { n: number; p50: number; p99: number; stalls: number; loopDelayMaxMs: number };
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const err = (got: number, truth: number) => (got - truth) / truth;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

async function measure(server: TruthServer, tool: string, go: () => Promise<Measured>): Promise<Row> {
  // Every tool meets the same seeded sequence of service times, in arrival order.
  await server.reset();
  const before = loadavg()[0]!;
  const got = await go();
  console.error(`  ${tool}: done (1-minute load average ${before.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after)`);
  const truth = await server.truth('/work');
  const served = truth.serviceMs.sort((a, b) => a - b);
  // Timers may fire a fraction of a millisecond early, so a stall is anything nearer the stall than the base.
  const stalls = served.filter((ms) => ms >= (dist.stallMs + dist.baseMs) / 2).length;
  return { tool, got, truth: { n: served.length, p50: percentileOf(served, 50), p99: percentileOf(served, 99), stalls, loopDelayMaxMs: truth.loopDelayMs.max } };
}

function table(rows: Row[]): string {
  const head = ['tool', 'requests', 'req/s', 'p50 ms', 'truth p50', 'p50 error', 'p99 ms', 'truth p99', 'p99 error'];
  const body = rows.map((r) => [r.tool, String(r.got.requests), r.got.rate.toFixed(1), fmt(r.got.p50), fmt(r.truth.p50), pct(err(r.got.p50, r.truth.p50)), fmt(r.got.p99), fmt(r.truth.p99), pct(err(r.got.p99, r.truth.p99))]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((row) => row[i]!.length)));
  return [head, ...body].map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const server = await startTruthServer(dist);
  const work = `${server.origin}/work`;
  const zero = `${server.origin}/zero`;
  try {
    console.log(`latency truth bench: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`server: ${dist.baseMs} ms per request, ${dist.stallShare * 100}% stall ${dist.stallMs} ms (seed ${dist.seed}), its own process; truth = service time recorded server-side`);
    console.log(`offered: ${rate} req/s for ${seconds} s; golive ${Math.max(connections, 50)} connections at most, autocannon -c ${connections} -R ${rate}, wrk -t1 -c${wrkConnections} with a ${wrkDelayMs} ms pause\n`);
    // Warm the generators' code paths once, unrecorded.
    await golive(work, rate, 2, Math.max(connections, 50));
    const rows: Row[] = [];
    rows.push(await measure(server, 'golive (open loop)', () => golive(work, rate, seconds, Math.max(connections, 50))));
    rows.push(await measure(server, 'autocannon -R (corrected)', () => autocannon(work, rate, seconds, connections, true)));
    rows.push(await measure(server, 'autocannon -R -C', () => autocannon(work, rate, seconds, connections, false)));
    rows.push(await measure(server, 'wrk (closed loop, paced)', () => wrkPaced(work, seconds, wrkConnections, wrkDelayMs)));
    console.log(table(rows));
    console.log('\nper run: stalls served (of requests), the server\'s longest event-loop pause (a pause delays requests before their service time starts, so the truth misses it), what the tool adds');
    for (const r of rows) console.log(`  ${r.tool.padEnd(26)} ${r.truth.stalls}/${r.truth.n} stalls, server pause up to ${r.truth.loopDelayMaxMs} ms${r.got.note ? `, ${r.got.note}` : ''}`);
    const g = rows[0]!;
    const e50 = Math.abs(err(g.got.p50, g.truth.p50));
    const e99 = Math.abs(err(g.got.p99, g.truth.p99));
    console.log(`\ngolive p50 error ${pct(err(g.got.p50, g.truth.p50))}, p99 error ${pct(err(g.got.p99, g.truth.p99))} (target within ${TARGET * 100}%): ${e50 <= TARGET && e99 <= TARGET ? 'PASS' : 'MISS'}`);

    console.log(`\nmaximum rate against the zero-latency endpoint (${maxSeconds} s each; server and generators share the machine):`);
    const wrk = await wrkMax(zero, maxSeconds);
    const closed = await goliveClosedMax(zero, maxSeconds);
    console.log(`  wrk -t2 -c50:                  ${Math.round(wrk)} req/s`);
    console.log(`  golive closed loop, 50 conns:  ${Math.round(closed)} req/s  ratio to wrk ${(closed / wrk).toFixed(2)}`);
    const open = await goliveOpenPeak(zero, Math.max(500, Math.round(closed / 4)), Math.max(2, Math.round(maxSeconds / 2)));
    for (const s of open.steps) console.log(`    open-loop step ${s}`);
    console.log(`  golive open-loop peak (on schedule, p99 < ${OPEN_PEAK_P99_MS} ms): ${open.peak === null ? 'none' : `${Math.round(open.peak)} req/s  ratio to wrk ${(open.peak / wrk).toFixed(2)}`}`);
  } finally {
    await server.close();
  }
}

await main();
