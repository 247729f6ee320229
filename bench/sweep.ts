// Wall time of golive running every DNS, TLS and HTTP rule on 50 loopback HTTPS sites (own DNS
// world, own CA), next to Prometheus blackbox_exporter doing the same wire work at the same
// concurrency, measured in the same run. Run: npm run bench:sweep [-- --runs 3 --concurrency 8].
// Prints medians and the ratio; no assertion on timings (they never gate anything). Exits 1 when a
// check ends in error or an exporter probe disagrees with what golive saw.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { HandshakeEvidence, ProtocolsEvidence } from '../src/checks/tls/evidence.js';
import type { CheckResult, CheckSpec } from '../src/runner/runner.js';
import { makeCertificates } from '../test/support/certs.js';
import { sites } from './sweep-dns.js';
import { dnsJobs, drive, EXPORTER, httpJobs, prepare, startExporter, tlsJob, type Exporter, type Job, type Prepared } from './sweep-exporter.js';
import { prepareGolive, verdicts, type Golive } from './sweep-golive.js';
import { redirectMapCsv } from './sweep-sites.js';
import { startWorld, type World } from './sweep-world.js';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '8' }, hosts: { type: 'string', default: '50' }, dist: { type: 'string' } } });
const RUNS = Number(flags.runs);
const C = Number(flags.concurrency);
const HOSTS = Number(flags.hosts);
const DIST = path.resolve(flags.dist ?? fileURLToPath(new URL('../dist', import.meta.url)));
for (const [name, v, max] of [['runs', RUNS, 50], ['concurrency', C, 256], ['hosts', HOSTS, 250]] as const) {
  if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`sweep: ${line}\n`);
const median = (s: number[]) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)] ?? NaN;
const byDomain = (specs: CheckSpec[], domain: string) => specs.filter((s) => s.rule.meta.id.startsWith(`${domain}/`));

/** The TLS handshakes golive made, from its evidence: one per tls/handshake run, one per version tried by tls/protocols. */
function tlsJobsFrom(results: CheckResult[], caFile: string): Job[] {
  const jobs: Job[] = [];
  for (const r of results) {
    if (r.status === 'error') throw new Error(`calibration: ${r.rule} ${r.target} ended in error: ${r.summary}`);
    const e = r.evidence as HandshakeEvidence & ProtocolsEvidence;
    const name = e.servername ?? e.host;
    if (r.rule === 'tls/chain-trusted') jobs.push(tlsJob(e.address, e.port, name, caFile));
    if (r.rule === 'tls/protocols') jobs.push(...e.versions.map((v) => tlsJob(e.address, e.port, name, caFile, { name: v.version, offered: v.offered })));
  }
  return jobs;
}

/** Untimed first pass, domain by domain: what each golive probe put on the wire becomes the exporter's job list. */
async function calibrate(golive: Golive, world: World, caFile: string): Promise<Job[]> {
  await world.reset();
  await golive.run(byDomain(golive.specs, 'dns'));
  const { dns } = await world.logs();
  await world.reset();
  await golive.run(byDomain(golive.specs, 'http'));
  const { requests } = await world.logs();
  const tls = await golive.run(byDomain(golive.specs, 'tls'));
  await world.reset();
  return [...dnsJobs(dns), ...tlsJobsFrom(tls, caFile), ...httpJobs(requests, caFile)];
}

const count = (jobs: Job[], kind: Job['kind']) => jobs.filter((j) => j.kind === kind).length;

interface Samples {
  goliveMs: number[];
  exporterMs: number[];
  goliveCpu: number[];
  exporterCpu: number[];
  last: CheckResult[];
  mismatches: string[];
}

/** RUNS rounds, golive then the exporter, each timed alone (wall and CPU). */
async function measure(golive: Golive, exporter: Exporter, prepared: Prepared): Promise<Samples> {
  const s: Samples = { goliveMs: [], exporterMs: [], goliveCpu: [], exporterCpu: [], last: [], mismatches: [] };
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    s.last = await golive.run(golive.specs);
    s.goliveMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    s.goliveCpu.push((cpu.user + cpu.system) / 1000);
    const x0 = exporter.cpuMs();
    const e = await drive(exporter.origin, prepared.requests, C);
    s.exporterMs.push(e.ms);
    s.exporterCpu.push(exporter.cpuMs() - x0);
    s.mismatches.push(...e.mismatches.filter((m) => !s.mismatches.includes(m)));
    progress(`run ${i + 1}/${RUNS}: golive ${s.goliveMs.at(-1)!.toFixed(0)} ms, exporter ${e.ms.toFixed(0)} ms`);
  }
  return s;
}

// Cleanup steps, last first; also run on Ctrl-C so no exporter or server process is left behind.
const cleanup: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  for (const step of cleanup.splice(0).reverse()) await step();
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

async function main(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-sweep-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const list = sites(HOSTS);
    const certs = await makeCertificates();
    const leaf = await certs.leafFor(list.flatMap((s) => [s.www, s.apex]));
    const caFile = path.join(dir, 'root.pem');
    writeFileSync(caFile, certs.root);
    mkdirSync(path.join(dir, 'maps'));
    for (const s of list) writeFileSync(path.join(dir, 'maps', `h${s.n}.csv`), redirectMapCsv());

    const world = await startWorld(HOSTS, { key: leaf.key, cert: `${leaf.cert.trimEnd()}\n${leaf.chain}` });
    cleanup.push(() => world.stop());
    const net = { resolvers: [world.resolver], resolve: {}, ca: certs.ca, timeoutMs: 10_000 };
    const golive = await prepareGolive(list, { https: world.httpsPort, http: world.httpPort, dns: world.dnsPort }, { net, concurrency: C, cwd: dir, dist: DIST });
    progress(`calibrating: ${golive.specs.length} checks, once per domain, untimed`);
    const jobs = await calibrate(golive, world, caFile);
    const prepared = prepare(jobs, path.join(dir, 'blackbox.yml'));
    const exporter = await startExporter(prepared.config);
    cleanup.push(() => exporter.stop());
    return report({ golive, jobs, prepared, ...(await measure(golive, exporter, prepared)) });
  } finally {
    await cleanUp();
  }
}

interface Outcome extends Samples {
  golive: Golive;
  jobs: Job[];
  prepared: Prepared;
}

function report(o: Outcome): number {
  const g = median(o.goliveMs);
  const x = median(o.exporterMs);
  const probes = o.jobs.length;
  const { counts, notable } = verdicts(o.last);
  const range = (s: number[]) => `${Math.min(...s).toFixed(0)}..${Math.max(...s).toFixed(0)}`;
  const row = (cells: string[]) => out(`  ${cells[0]!.padEnd(24)} ${cells[1]!.padStart(8)}  ${cells[2]!.padEnd(13)} ${cells[3]!.padStart(8)}  ${cells[4]!.padEnd(56)} ${cells[5]!.padStart(8)}`);
  out(`Sweep: ${HOSTS} loopback HTTPS sites (127.0.0.2..127.0.0.${HOSTS + 1}), own DNS world and CA; concurrency ${C}; ${RUNS} run(s) each, alternating; medians`);
  out(`golive build: ${DIST}; exporter: ${EXPORTER}`);
  out();
  row(['side', 'wall ms', 'min..max', 'CPU ms', 'work', 'ms/probe']);
  row(['golive (runChecks)', g.toFixed(0), range(o.goliveMs), median(o.goliveCpu).toFixed(0), `${o.golive.specs.length} checks, ${o.golive.probeRuns} probe runs`, (g / o.golive.probeRuns).toFixed(2)]);
  row(['blackbox_exporter 0.23', x.toFixed(0), range(o.exporterMs), median(o.exporterCpu).toFixed(0), `${probes} probes (${count(o.jobs, 'dns')} dns, ${count(o.jobs, 'tls')} tls, ${count(o.jobs, 'http')} http; ${o.prepared.modules} modules)`, (x / probes).toFixed(2)]);
  out();
  out(`  ratio golive / exporter, wall time of the sweep: ${(g / x).toFixed(2)}x`);
  out(`  ratio per probe (golive ms per probe run / exporter ms per probe): ${(g / o.golive.probeRuns / (x / probes)).toFixed(2)}x`);
  out('  CPU ms: golive = this process (one thread); exporter = its process, every thread (/proc); the server process is not counted on either side.');
  out();
  out(`  golive verdicts (last run): ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const line of notable) out(`    ${line}`);
  if (o.golive.missing.length > 0) out(`  rules not in the sweep: ${o.golive.missing.join(', ')}`);
  out(`  exporter probes that disagreed with golive's run: ${o.mismatches.length}`);
  for (const line of o.mismatches.slice(0, 20)) out(`    ${line}`);
  out();
  for (const line of NOTES) out(`  - ${line}`);
  return (counts.error ?? 0) > 0 || o.mismatches.length > 0 ? 1 : 0;
}

const NOTES = [
  'Same wire work: an untimed first golive pass (per domain) logs every DNS query the DNS rules sent (per server, RD as sent) and every HTTP request the HTTP rules sent (method, Host, path, CORS headers, status), and golive\'s TLS evidence gives its handshakes (one per tls/handshake run, one per TLS version tried by tls/protocols). The exporter replays each as one probe requiring the same answer: DNS rcode NOERROR/NXDOMAIN, the same HTTP status without following redirects, the TLS version accepted or refused.',
  `Exporter: ${EXPORTER} on 127.0.0.1, driven by an undici Pool (keep-alive, ${C} connections, ${C} requests in flight), probe_success checked in each body. It resolves through the system, not our DNS server, so targets are IP addresses and each module names the host (Host header + tls_config.server_name, or query_name): one module per name and kind; tls_config.ca_file is the bench root.`,
  'golive does more per probe: it resolves every host through the DNS server for each HTTP/TLS probe (the exporter connects to IPs), parses certificates and chains, follows redirect chains inside one probe (keep-alive within a probe), grades security headers the Observatory way, parses robots.txt and JSON, and judges 23 rules on the evidence; the exporter checks a status, rcode or handshake per probe. Each exporter probe opens its own connection (and TLS handshake), where golive reuses a connection within a probe (response-time: 6 requests, redirect map rows).',
  'golive\'s redirect-map probe follows its rows 4 at a time inside one probe slot, so golive can have slightly more than the concurrency in flight.',
  'The DNS servers and the sites run in a separate Node process (sweep-world-child.ts), so they do not share golive\'s event loop; both sides probe the same servers. golive runs single-threaded in this process; the exporter (Go) may use every core.',
  'Email rules (email/*) are not DNS/TLS/HTTP rules and are not part of the sweep.',
];

process.exitCode = await main();
